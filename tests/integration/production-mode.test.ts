import { withClient } from '../../scripts/hub/postgres';
import http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClientError, post, postJson } from '../helpers/bad-input';
import { freePort, graphql, startTestHub, token, type TestHub } from '../helpers/hub';
import { demoPartnerId } from '../../platform/ids';
import { PARTNERS } from '../helpers/demo';

/**
 * A production-shaped hub: NODE_ENV=production, and two organisations whose
 * tokens come from identity providers of their own, as in a deployment, each
 * verified against the JWKS it publishes (served here):
 *
 * - chengdu, shaped like a Keycloak realm: RS256 and ES256 keys, roles in
 *   `realm_access.roles`;
 * - leuven, an extra organisation shaped like Microsoft Entra ID: app roles
 *   `PartnerHub.Editor` mapped to `editor`, the person in `oid`.
 *
 * vlaams-brabant and smart-hub keep their development providers.
 */
let hub: TestHub;
let jwks: http.Server;
let rsa: { privateKey: CryptoKey; publicKey: CryptoKey };
let ec: { privateKey: CryptoKey; publicKey: CryptoKey };
let entra: { privateKey: CryptoKey; publicKey: CryptoKey };
let base: string;
const AUDIENCE = 'https://partnerhub.example/graphql';
const ENTRA_AUDIENCE = '8d2c6f4b-1e3a-4b7c-9f0e-6a5d4c3b2a19';

async function keycloakToken(key: CryptoKey, alg: 'RS256' | 'ES256' | 'HS256', kid: string, claims: Record<string, unknown> = {}) {
  return new SignJWT({ realm_access: { roles: ['editor', 'offline_access'] }, aud: AUDIENCE, ...claims })
    .setProtectedHeader({ alg, kid, typ: 'JWT' })
    .setIssuer(`${base}/realms/chengdu`)
    .setSubject('f3b2c1d0-keycloak-user')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}

beforeAll(async () => {
  rsa = await generateKeyPair('RS256');
  ec = await generateKeyPair('ES256');
  entra = await generateKeyPair('RS256');
  const keycloakKeys = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  const entraKeys = [{ ...(await exportJWK(entra.publicKey)), kid: 'entra-1', use: 'sig' }];
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  jwks = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: req.url?.startsWith('/realms/chengdu/') ? keycloakKeys : entraKeys }));
  });
  await new Promise<void>((r) => jwks.listen(port, '127.0.0.1', () => r()));
  hub = await startTestHub(
    { NODE_ENV: 'production' },
    {
      extra: [
        {
          id: 'chengdu',
          name: 'Chengdu partner office',
          jurisdiction: 'CN',
          issuer: `${base}/realms/chengdu`,
          keys: { jwksUrl: `${base}/realms/chengdu/protocol/openid-connect/certs` },
          audience: AUDIENCE,
          algorithms: ['RS256', 'ES256'],
          rolesClaim: 'realm_access.roles',
          dataSets: ['PARTNER_CONTACTS'],
        },
        {
          id: 'leuven',
          name: 'Stad Leuven',
          jurisdiction: 'EU',
          issuer: `${base}/tenant-leuven/v2.0`,
          keys: { jwksUrl: `${base}/tenant-leuven/discovery/v2.0/keys` },
          audience: ENTRA_AUDIENCE,
          algorithms: ['RS256'],
          rolesClaim: 'roles',
          roleMap: { 'PartnerHub.Editor': 'editor', 'PartnerHub.Steward': 'steward' },
          subjectClaim: 'oid',
        },
      ],
    },
  );
});
afterAll(async () => {
  await hub?.stop();
  await new Promise((r) => jwks?.close(r));
});

const partner = PARTNERS.find((p) => p.contact)!;
const CONTACT = `{ partner(id: "${demoPartnerId(partner.creditCode)}") { nameEn contact { email } } }`;
const ME = '{ me { subject organisation { id } roles } }';

describe("organisations' own identity providers (JWKS, RS256 and ES256)", () => {
  it('accepts RS256 and ES256 tokens of the Keycloak-shaped issuer, roles from realm_access.roles, at the gateway and at a subgraph', async () => {
    for (const tok of [await keycloakToken(rsa.privateKey, 'RS256', 'rsa-1'), await keycloakToken(ec.privateKey, 'ES256', 'ec-1')]) {
      for (const url of [hub.gatewayUrl, hub.subgraphs.partners.url]) {
        const res = await graphql(url, CONTACT, undefined, { token: tok });
        expect(res.errors).toBeUndefined();
        expect(res.data.partner.contact.email).toBe(partner.contact!.email);
      }
      const me = await hub.query(ME, {}, { token: tok });
      expect(me.data.me).toEqual({
        subject: 'f3b2c1d0-keycloak-user',
        organisation: { id: 'chengdu' },
        roles: ['editor', 'offline_access'],
      });
    }
  });

  it('maps Entra-shaped app roles and takes the person from oid', async () => {
    const tok = await new SignJWT({ roles: ['PartnerHub.Editor', 'Mail.Read'], oid: '7a1c2b3d-entra-object-id', tid: 'tenant-leuven' })
      .setProtectedHeader({ alg: 'RS256', kid: 'entra-1', typ: 'JWT' })
      .setIssuer(`${base}/tenant-leuven/v2.0`)
      .setAudience(ENTRA_AUDIENCE)
      .setSubject('pairwise-subject-per-app')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(entra.privateKey);
    const me = await hub.query(ME, {}, { token: tok });
    expect(me.data.me).toEqual({ subject: '7a1c2b3d-entra-object-id', organisation: { id: 'leuven' }, roles: ['editor'] });
    // An editor of any organisation creates a project and leads it.
    const created = await hub.query(
      `mutation { createProject(input: { title: "Leuven water days", theme: HERITAGE }) { leadOrganisation } }`,
      {},
      { token: tok },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createProject.leadOrganisation).toBe('leuven');
  });

  it('development providers and external issuers side by side: vlaams-brabant still signs in at its own', async () => {
    const me = await hub.query(ME, {}, { token: await token({ org: 'vlaams-brabant', sub: 'prov' }) });
    expect(me.data.me.organisation.id).toBe('vlaams-brabant');
  });

  it('rejects a token signed by a key that is not in the JWKS', async () => {
    const stranger = await generateKeyPair('RS256');
    const res = await hub.query(CONTACT, undefined, { token: await keycloakToken(stranger.privateKey, 'RS256', 'rsa-1') });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects an HS256 token: no shared secrets', async () => {
    const secret = new TextEncoder().encode('a-shared-secret-that-is-long-enough-000000');
    const res = await hub.query(CONTACT, undefined, { token: await keycloakToken(secret as unknown as CryptoKey, 'HS256', 'rsa-1') });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a JWKS-signed token acting for another organisation, or with roles that are not a list', async () => {
    for (const claims of [{ org: 'vlaams-brabant' }, { realm_access: { roles: 'editor' } }]) {
      const res = await graphql(hub.subgraphs.partners.url, '{ __typename }', undefined, {
        token: await keycloakToken(rsa.privateKey, 'RS256', 'rsa-1', claims),
      });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('production mode', () => {
  it('turns introspection off at the gateway and the subgraphs', async () => {
    for (const url of [hub.gatewayUrl, hub.subgraphs.companies.url]) {
      const res = await graphql(url, '{ __schema { types { name } } }');
      expect(res.errors?.[0]?.message).toMatch(/introspection/i);
    }
  });

  it('gives no field suggestions', async () => {
    const res = await hub.query('{ companiez { totalCount } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean/);
  });

  it('masks internal errors: no SQL, no stack, a generic message', async () => {
    // As the owner: the service's role owns nothing.
    const asOwner = (sql: string) => withClient(hub.databases.ownerUrl(hub.databaseUrls.clusters), (c) => c.query(sql));
    await asOwner('ALTER TABLE cluster RENAME TO cluster_moved');
    try {
      const res = await hub.query('{ clusters { code } }');
      expect(res.errors?.length).toBeGreaterThan(0);
      const text = JSON.stringify(res.errors);
      expect(text).not.toMatch(/cluster_moved|relation|SELECT|stack|at .*\.js/);
      expect(res.errors![0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const direct = await graphql(hub.subgraphs.clusters.url, '{ clusters { code } }');
      expect(direct.errors![0].message).toBe('Internal server error. The incident was logged.');
    } finally {
      await asOwner('ALTER TABLE cluster_moved RENAME TO cluster');
    }
    const again = await hub.query('{ clusters { code } }');
    expect(again.data.clusters).toHaveLength(5);
  });

  it('answers malformed requests in JSON with their client code, like in development (docs/trust.md)', async () => {
    for (const url of [hub.gatewayUrl, hub.subgraphs.companies.url]) {
      expectClientError(await post(url, '{"query": "{ clusters'), { code: 'BAD_REQUEST', status: 400 });
      expectClientError(await post(url, 'null'), { code: 'BAD_REQUEST', status: 400 });
      expectClientError(await post(url, '{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=utf-16' }), {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        status: 415,
      });
      expectClientError(await postJson(url, { query: '{ clusters { code ' }), { code: 'GRAPHQL_PARSE_FAILED', status: 400 });
      expectClientError(await postJson(url, { query: 'query A { __typename } query B { __typename }' }), {
        code: 'OPERATION_RESOLUTION_FAILURE',
        status: 400,
      });
      expectClientError(
        await postJson(url, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
        {
          code: 'BAD_REQUEST',
          status: 400,
        },
      );
      const forged = Buffer.from('["a","x"]').toString('base64url');
      expectClientError(await postJson(url, { query: `{ companies(after: "${forged}") { totalCount } }` }), {
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    }
  });
});

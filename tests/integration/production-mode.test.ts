import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClientError, post, postJson } from '../helpers/bad-input';
import { graphql, startTestHub, token, type TestHub } from '../helpers/hub';

/**
 * A production-shaped hub: NODE_ENV=production, tokens verified only against a
 * JWKS that this test serves itself (RS256 and ES256 keys), no HS256 secret.
 */
let hub: TestHub;
let jwks: http.Server;
let rsa: { privateKey: CryptoKey; publicKey: CryptoKey };
let ec: { privateKey: CryptoKey; publicKey: CryptoKey };

async function sign(key: CryptoKey, alg: 'RS256' | 'ES256', kid: string, claims: Record<string, unknown> = {}) {
  return new SignJWT({ org: 'chengdu', roles: ['editor'], ...claims })
    .setProtectedHeader({ alg, kid })
    .setSubject('prod-user')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}

beforeAll(async () => {
  rsa = await generateKeyPair('RS256');
  ec = await generateKeyPair('ES256');
  const keys = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  jwks = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  hub = await startTestHub({ NODE_ENV: 'production', HUB_JWKS_URL: url, HUB_JWT_SECRET: '' });
});
afterAll(async () => {
  await hub?.stop();
  await new Promise((r) => jwks?.close(r));
});

const CONTACT = `{ companies(first: 3) { edges { node { name contact { email } } } } }`;

describe('JWKS-verified tokens (RS256, ES256)', () => {
  it('accepts RS256 and ES256 tokens from the JWKS, at the gateway and at a subgraph', async () => {
    for (const tok of [await sign(rsa.privateKey, 'RS256', 'rsa-1'), await sign(ec.privateKey, 'ES256', 'ec-1')]) {
      for (const url of [hub.gatewayUrl, hub.subgraphs.companies.url]) {
        const res = await graphql(url, CONTACT, undefined, { token: tok });
        expect(res.errors).toBeUndefined();
        expect(res.data.companies.edges.some((e: any) => e.node.contact?.email)).toBe(true);
      }
    }
  });

  it('rejects a token signed by a key that is not in the JWKS', async () => {
    const stranger = await generateKeyPair('RS256');
    const res = await hub.query(CONTACT, undefined, { token: await sign(stranger.privateKey, 'RS256', 'rsa-1') });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects an HS256 token when no development secret is configured', async () => {
    const res = await hub.query(CONTACT, undefined, { token: await token({ org: 'chengdu', roles: ['editor'] }) });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a JWKS-signed token for an unknown organisation or without roles', async () => {
    for (const claims of [{ org: 'atlantis' }, { roles: 'editor' }]) {
      const res = await graphql(hub.subgraphs.partners?.url ?? hub.subgraphs.companies.url, '{ __typename }', undefined, {
        token: await sign(rsa.privateKey, 'RS256', 'rsa-1', claims),
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
    await hub.subgraphs.clusters.ds.query('ALTER TABLE cluster RENAME TO cluster_moved');
    try {
      const res = await hub.query('{ clusters { code } }');
      expect(res.errors?.length).toBeGreaterThan(0);
      const text = JSON.stringify(res.errors);
      expect(text).not.toMatch(/cluster_moved|relation|SELECT|stack|at .*\.js/);
      expect(res.errors![0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const direct = await graphql(hub.subgraphs.clusters.url, '{ clusters { code } }');
      expect(direct.errors![0].message).toBe('Internal server error. The incident was logged.');
    } finally {
      await hub.subgraphs.clusters.ds.query('ALTER TABLE cluster_moved RENAME TO cluster');
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

/**
 * Each organisation speaks through its own issuer: real tokens from two
 * organisations' development providers, impersonation across issuers refused
 * at the gateway and straight at every subgraph, and key rotation picked up by
 * running services (no restart).
 */
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developmentSignIn, machineToken } from '../../scripts/identity/client';
import { machineClient } from '../../scripts/identity/keys';
import { CLI_CLIENT_ID, CLI_REDIRECT_URI } from '../../scripts/identity/provider';
import { SUBGRAPH_NAMES } from '../../platform/services';
import { forgeToken, graphql, startTestHub, token, type TestHub } from '../helpers/hub';
import { sleep } from '../helpers/processes';

/** A short key cache, so that a removed key stops working within seconds here. */
const MAX_AGE_S = 3;
const COOLDOWN_S = 0.5;

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({}, { keyCache: { maxAgeSeconds: MAX_AGE_S, cooldownSeconds: COOLDOWN_S } });
});
afterAll(async () => {
  await hub?.stop();
});

/** The gateway and every subgraph. */
const endpoints = () => [['gateway', hub.gatewayUrl], ...SUBGRAPH_NAMES.map((n) => [n, hub.subgraphs[n].url])];

const ME = '{ me { subject organisation { id } roles } }';
const WHO = '{ __typename }';

/** The organisation a token acts for, as a service sees it: the registry's `me`, or 401 UNAUTHENTICATED. */
async function accepted(url: string, jwt: string): Promise<boolean> {
  const res = await graphql(url, WHO, {}, { token: jwt });
  if (res.status === 401) {
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    return false;
  }
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return true;
}

describe('real tokens from two organisations', () => {
  it('each provider issues tokens for its own organisation only, and every service reads them the same', async () => {
    const vb = await token({ org: 'vlaams-brabant', roles: ['editor', 'steward'], sub: 'an.peeters' });
    const cd = await token({ org: 'chengdu', roles: ['editor'], sub: 'li.wei' });
    expect(decodeProtectedHeader(vb).kid).not.toBe(decodeProtectedHeader(cd).kid);
    for (const url of [hub.gatewayUrl, hub.subgraphs.registry.url]) {
      expect((await graphql(url, ME, {}, { token: vb })).data.me).toEqual({
        subject: 'an.peeters',
        organisation: { id: 'vlaams-brabant' },
        roles: ['editor', 'steward'],
      });
      expect((await graphql(url, ME, {}, { token: cd })).data.me).toEqual({
        subject: 'li.wei',
        organisation: { id: 'chengdu' },
        roles: ['editor'],
      });
    }
    // A chengdu editor is an editor of chengdu: not of the province's companies.
    const write = await hub.query(`mutation { deleteCompany(id: "00000000-0000-4000-8000-000000000000") }`, {}, { token: cd });
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("the dashboard's sign-in: authorization code + PKCE with the public client, back to the gateway's dashboard, token readable by the page (CORS)", async () => {
    const settings = (await (await fetch(new URL('/sign-in.json', hub.gatewayUrl))).json()) as {
      organisations: { id: string; issuer: string; clientId: string; resource: string | null }[];
    };
    const chengdu = settings.organisations.find((o) => o.id === 'chengdu')!;
    const dashboard = new URL('/', hub.gatewayUrl).href;
    const jwt = await developmentSignIn(
      chengdu.issuer,
      { sub: 'zhang.min', roles: ['steward'] },
      { clientId: chengdu.clientId, redirectUri: dashboard, origin: new URL(dashboard).origin, resource: chengdu.resource ?? undefined },
    );
    const me = await hub.query(ME, {}, { token: jwt });
    expect(me.data.me).toEqual({ subject: 'zhang.min', organisation: { id: 'chengdu' }, roles: ['steward'] });
    // Another page cannot use the dashboard's client.
    const elsewhere = await developmentSignIn(
      chengdu.issuer,
      { sub: 'zhang.min', roles: [] },
      { clientId: chengdu.clientId, redirectUri: 'http://127.0.0.1:9/', origin: 'http://127.0.0.1:9' },
    ).catch((e: Error) => e);
    expect(elsewhere).toBeInstanceOf(Error);
    // CORS on the token endpoint is for the dashboard client's own origin only: a page elsewhere
    // cannot read the token, and the CLI's public client (loopback redirect) is not for browsers.
    const foreignOrigin = await developmentSignIn(
      chengdu.issuer,
      { sub: 'zhang.min', roles: [] },
      { clientId: chengdu.clientId, redirectUri: dashboard, origin: 'http://127.0.0.1:9', resource: chengdu.resource ?? undefined },
    ).catch((e: Error) => e);
    expect(String(foreignOrigin)).toMatch(/origin http:\/\/127\.0\.0\.1:9 not allowed/);
    const cliInBrowser = await developmentSignIn(
      chengdu.issuer,
      { sub: 'zhang.min', roles: [] },
      { clientId: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, origin: new URL(CLI_REDIRECT_URI).origin },
    ).catch((e: Error) => e);
    expect(String(cliInBrowser)).toMatch(/not allowed for client: partnerhub-cli/);
  });

  it("an organisation's machine client gets a client-credentials token that acts for it", async () => {
    const client = machineClient(hub.trust.keysDir, 'smart-hub')!;
    const jwt = await machineToken(hub.trust.issuers['smart-hub'], client);
    const res = await hub.query(ME, {}, { token: jwt });
    expect(res.data.me).toEqual({ subject: 'smart-hub-machine', organisation: { id: 'smart-hub' }, roles: ['editor'] });
    const wrongSecret = await machineToken(hub.trust.issuers['smart-hub'], { ...client, clientSecret: 'guess' }).catch((e: Error) => e);
    expect(wrongSecret).toBeInstanceOf(Error);
  });
});

describe('impersonation across issuers', () => {
  const attempts: [string, () => Promise<string>][] = [
    ["chengdu's issuer and key, claiming to act for vlaams-brabant", () => forgeToken('chengdu', { org: 'vlaams-brabant' })],
    [
      "vlaams-brabant's issuer, signed with chengdu's key",
      async () => forgeToken('chengdu', { iss: hub.trust.issuers['vlaams-brabant'], org: 'vlaams-brabant' }),
    ],
    ["vlaams-brabant's issuer and key id, signed by a stranger", () => forgeToken('vlaams-brabant', {}, { key: 'stranger' })],
    [
      'an issuer the hub does not know',
      () => forgeToken('vlaams-brabant', { iss: 'https://login.vlaamsbrabant.example/realms/partnerhub' }),
    ],
    ['a token for another application (audience)', () => forgeToken('vlaams-brabant', { aud: 'https://mail.example' })],
    ['an expired token', () => forgeToken('vlaams-brabant', { exp: Math.floor(Date.now() / 1000) - 60 })],
  ];
  for (const [label, make] of attempts) {
    it(`refuses ${label}: HTTP 401 UNAUTHENTICATED at the gateway and straight at every subgraph`, async () => {
      const jwt = await make();
      for (const [name, url] of endpoints()) expect(await accepted(url, jwt), name).toBe(false);
    });
  }

  it('accepts the same kind of token when it is honest (the forging helper signs correctly)', async () => {
    const honest = await forgeToken('chengdu', { org: 'chengdu' });
    for (const [name, url] of endpoints()) expect(await accepted(url, honest), name).toBe(true);
  });
});

describe('key rotation without a restart', () => {
  it('accepts a new key at once and stops accepting a removed one within the key cache age', async () => {
    const first = await token({ org: 'vlaams-brabant', sub: 'before-rotation' });
    for (const [name, url] of endpoints()) expect(await accepted(url, first), name).toBe(true);
    await sleep(COOLDOWN_S * 1000 + 100);

    // The provider publishes a new key and signs with it; the old key stays published.
    await hub.identity.rotateKeys('vlaams-brabant', { keepPrevious: true });
    const second = await token({ org: 'vlaams-brabant', sub: 'after-rotation' });
    expect(decodeProtectedHeader(second).kid).not.toBe(decodeProtectedHeader(first).kid);
    for (const [name, url] of endpoints()) {
      expect(await accepted(url, second), `${name}: the new key`).toBe(true);
      expect(await accepted(url, first), `${name}: the previous key, still published`).toBe(true);
    }

    // The next rotation withdraws both earlier keys at once. No token with the new key is shown yet:
    // the services learn of the withdrawal when their cached key set is older than the maximum age.
    await sleep(COOLDOWN_S * 1000 + 100);
    await hub.identity.rotateKeys('vlaams-brabant', { keepPrevious: false });
    const withdrawn = Date.now();
    const deadline = withdrawn + (MAX_AGE_S + 5) * 1000;
    const refusedAfter: Record<string, number> = {};
    for (const [name, url] of endpoints()) {
      while (await accepted(url, first)) {
        expect(Date.now(), `${name} still accepts a withdrawn key`).toBeLessThan(deadline);
        await sleep(200);
      }
      refusedAfter[name] = Date.now() - withdrawn;
      expect(await accepted(url, second), name).toBe(false);
    }
    const third = await token({ org: 'vlaams-brabant', sub: 'after-withdrawal' });
    console.info(`withdrawn key refused after (ms, key cache max age ${MAX_AGE_S} s): ${JSON.stringify(refusedAfter)}`);
    for (const [name, url] of endpoints()) expect(await accepted(url, third), `${name}: the newest key, still`).toBe(true);
  });
});

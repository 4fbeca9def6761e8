import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../scripts/import/client';
import { expectClientError, postJson, type RawResponse } from '../helpers/bad-input';
import { forgeToken, startTestHub, token, type TestHub } from '../helpers/hub';

/**
 * Issue 12 item 4: rate limits at the gateway (gateway/rate-limit.ts), small
 * here so a test can exhaust them: per client address for anonymous callers,
 * per organisation (every token of it together) for signed-in callers.
 */
const ANONYMOUS = 5;
const ORGANISATION = 8;
let hub: TestHub;
const t: Record<string, string> = {};

beforeAll(async () => {
  hub = await startTestHub({
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(ANONYMOUS),
    RATE_LIMIT_ORGANISATION_PER_MINUTE: String(ORGANISATION),
  });
  t.vbEditor = await token({ org: 'vlaams-brabant', roles: ['editor'] });
  t.vbReader = await token({ org: 'vlaams-brabant', roles: [], sub: 'vb-reader' });
  t.chengdu = await token({ org: 'chengdu', roles: [] });
}, 120_000);
afterAll(async () => {
  await hub?.stop();
});

const ask = (tok?: string) => postJson(hub.gatewayUrl, { query: '{ clusters { code } }' }, tok ? { authorization: `Bearer ${tok}` } : {});

/** POSTs with the response headers kept. */
async function askWithHeaders(tok?: string): Promise<{ res: RawResponse; retryAfter: string | null }> {
  const r = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(tok ? { authorization: `Bearer ${tok}` } : {}) },
    body: JSON.stringify({ query: '{ clusters { code } }' }),
  });
  const text = await r.text();
  return {
    res: { status: r.status, contentType: r.headers.get('content-type') ?? '', text, body: JSON.parse(text) },
    retryAfter: r.headers.get('retry-after'),
  };
}

function expectLimited({ res, retryAfter }: { res: RawResponse; retryAfter: string | null }, limit: number) {
  expectClientError(res, { code: 'RATE_LIMITED', status: 429 });
  expect(res.body!.data, 'nothing ran').toBeUndefined();
  const seconds = Number(retryAfter);
  expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60, `Retry-After: ${retryAfter}`).toBe(true);
  expect(res.body!.errors![0].extensions?.retryAfter).toBe(seconds);
  expect(res.body!.errors![0].extensions?.limit).toBe(limit);
  expect(res.body!.errors![0].message).toContain(`Retry after ${seconds} s`);
}

describe('rate limits at the gateway', () => {
  it(`anonymous: ${ANONYMOUS} requests a minute per address, then HTTP 429 with Retry-After and RATE_LIMITED`, async () => {
    for (let i = 0; i < ANONYMOUS; i++) {
      const res = await ask();
      expect(res.status, res.text).toBe(200);
      expect(res.body?.data?.clusters).toHaveLength(5);
    }
    expectLimited(await askWithHeaders(), ANONYMOUS);
    // A bad token counts against the address too: refused by the rate limit before it is verified.
    expectLimited(await askWithHeaders(await forgeToken('chengdu', {}, { key: 'stranger' })), ANONYMOUS);
  });

  it(`per organisation: ${ORGANISATION} requests a minute shared by its tokens, not affected by the anonymous limit`, async () => {
    // The anonymous budget of this address is spent (previous test); signed-in callers count separately.
    for (let i = 0; i < ORGANISATION; i++) {
      const res = await ask(i % 2 ? t.vbEditor : t.vbReader);
      expect(res.status, res.text).toBe(200);
    }
    expectLimited(await askWithHeaders(t.vbEditor), ORGANISATION);
    expectLimited(await askWithHeaders(t.vbReader), ORGANISATION);
    // Another organisation has its own budget.
    const other = await ask(t.chengdu);
    expect(other.status, other.text).toBe(200);
    expect(other.body?.data?.clusters).toHaveLength(5);
  });
});

describe('the CSV import client', () => {
  it('waits as long as Retry-After says after HTTP 429 and sends the request again', async () => {
    // A real HTTP server in front of the real gateway that refuses the first request as the gateway does.
    const arrivals: number[] = [];
    const server = http.createServer((req, res) => {
      arrivals.push(Date.now());
      if (arrivals.length === 1) {
        req.resume();
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ errors: [{ message: 'Rate limit', extensions: { code: 'RATE_LIMITED' } }] }));
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const upstream = await fetch(hub.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
          body: Buffer.concat(chunks),
        });
        res.writeHead(upstream.status, { 'content-type': 'application/json' });
        res.end(await upstream.text());
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const client = new HubClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, t.chengdu);
      const result = await client.request<{ clusters: { code: string }[] }>('{ clusters { code } }');
      expect(result.errors).toEqual([]);
      expect(result.data?.clusters).toHaveLength(5);
      expect(arrivals).toHaveLength(2);
      expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(950);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

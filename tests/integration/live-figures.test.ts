/**
 * The figures of issue 15 items 4 and 6 for docs/performance.md, measured on
 * a real test hub (demo data): only with LIVE_FIGURES=1, since it loads the
 * machine for about 15 s. It prints, and asserts only that the answers are right.
 *
 *   LIVE_FIGURES=1 npx vitest run tests/integration/live-figures.test.ts --maxWorkers=1
 *
 * 1. The dashboard's overview, identical anonymous requests (autocannon, 8
 *    connections, 5 s each): through the hub's gateway (response cache on)
 *    and through a second gateway on the same subgraphs with RESPONSE_CACHE=false.
 * 2. Staleness: 10 writes while an anonymous reader keeps asking the cached
 *    query; for each, the time from the mutation's answer to the first fresh read.
 * 3. Live queries: 20 writes; the time from the mutation's answer to the live answer.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { demoCompanyId } from '../../platform/ids';
import { ROOT } from '../../platform/paths';
import { envKey, SUBGRAPH_NAMES } from '../../platform/services';
import { COMPANIES } from '../helpers/demo';
import { graphql, RATE_LIMITS_OFF, startTestHub, token, trustEnv, type TestHub } from '../helpers/hub';
import { waitFor } from '../helpers/processes';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => PromiseLike<AutocannonResult>;

const enabled = process.env.LIVE_FIGURES === '1';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe.skipIf(!enabled)('figures: response cache and live queries', () => {
  let hub: TestHub;
  let uncached: RunningGateway;
  let editor: string;
  let overview: string;
  const variables = { lang: 'EN', from: '2026-01-01T00:00:00Z', q: null };
  const companyId = demoCompanyId(COMPANIES[5].enterpriseNumber);

  beforeAll(async () => {
    hub = await startTestHub();
    uncached = await startGateway(
      loadGatewayConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        ...trustEnv(hub.trust),
        GATEWAY_PORT: '0',
        RESPONSE_CACHE: 'false',
        // As the test hub's gateway: identical anonymous requests for 5 s are far over the anonymous limit.
        ...RATE_LIMITS_OFF,
        ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [envKey(n, 'URL'), hub.subgraphs[n].url])),
      }),
    );
    editor = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'figures' });
    overview = ((await import(pathToFileURL(join(ROOT, 'web/dashboard/api.js')).href)) as { OVERVIEW: string }).OVERVIEW;
    await hub.gateway.changes.whenConnected();
  }, 120_000);
  afterAll(async () => {
    await uncached?.stop();
    await hub?.stop();
  });

  async function load(url: string): Promise<AutocannonResult> {
    return autocannon({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: overview, variables }),
      connections: 8,
      duration: 5,
    });
  }

  it('cached vs uncached overview (req/s)', async () => {
    const a = await graphql(hub.gatewayUrl, overview, variables);
    const b = await graphql(uncached.url, overview, variables);
    expect(a.errors).toBeUndefined();
    expect(a.data).toEqual(b.data);
    const off = await load(uncached.url);
    const on = await load(hub.gatewayUrl);
    for (const r of [off, on]) expect(r.errors + r.non2xx).toBe(0);
    console.log(
      `overview, identical anonymous requests, 8 connections, 5 s: uncached ${off.requests.average.toFixed(0)} req/s (p50 ${off.latency.p50} ms), ` +
        `cached ${on.requests.average.toFixed(0)} req/s (p50 ${on.latency.p50} ms): ${(on.requests.average / off.requests.average).toFixed(1)}×`,
    );
  }, 60_000);

  it('staleness after a write (ms from the mutation answer to the first fresh anonymous read)', async () => {
    const q = `query Stale($id: ID!) { company(id: $id) { version } }`;
    const gaps: number[] = [];
    for (let i = 0; i < 10; i++) {
      const { data } = await hub.query(q, { id: companyId });
      await hub.query(q, { id: companyId }); // cached now
      const res = await hub.query(
        `mutation($id: ID!, $v: Int!) { updateCompany(id: $id, input: { employees: ${20 + i} }, expectedVersion: $v) { version } }`,
        { id: companyId, v: data.company.version },
        { token: editor },
      );
      expect(res.errors).toBeUndefined();
      const written = Date.now();
      await waitFor(
        'a fresh read',
        async () => (await hub.query(q, { id: companyId })).data.company.version === data.company.version + 1,
        10_000,
        0,
      );
      gaps.push(Date.now() - written);
    }
    console.log(`response cache staleness after 10 writes: median ${median(gaps)} ms, max ${Math.max(...gaps)} ms`);
  }, 60_000);

  it('live query latency (ms from the mutation answer to the live answer)', async () => {
    const client = createClient({ url: `${hub.gatewayUrl}/live`, retryAttempts: 0 });
    const arrivals: number[] = [];
    const dispose = client.subscribe(
      { query: `query($id: ID!) { company(id: $id) { version } }`, variables: { id: companyId } },
      { next: () => void arrivals.push(Date.now()), error: () => {}, complete: () => {} },
    );
    try {
      await waitFor('the first answer', async () => arrivals.length === 1, 10_000, 5);
      const latencies: number[] = [];
      for (let i = 0; i < 20; i++) {
        const { data } = await hub.query(`query($id: ID!) { company(id: $id) { version } }`, { id: companyId });
        const res = await hub.query(
          `mutation($id: ID!, $v: Int!) { updateCompany(id: $id, input: { employees: ${40 + i} }, expectedVersion: $v) { version } }`,
          { id: companyId, v: data.company.version },
          { token: editor },
        );
        const committed = Date.now();
        expect(res.errors).toBeUndefined();
        await waitFor('the live answer', async () => arrivals.length === i + 2, 10_000, 2);
        latencies.push(arrivals[i + 1] - committed);
        await new Promise((r) => setTimeout(r, 100));
      }
      console.log(`live query, 20 writes: median ${median(latencies)} ms, max ${Math.max(...latencies)} ms (LIVE_DEBOUNCE_MS 30)`);
    } finally {
      dispose();
      client.dispose();
    }
  }, 60_000);
});

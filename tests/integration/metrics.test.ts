import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OPERATION_LABELS } from '../../platform/metrics';
import { SUBGRAPH_NAMES } from '../../platform/services';
import { graphql, startTestHub, type TestHub } from '../helpers/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

async function scrape(graphqlUrl: string): Promise<string> {
  const res = await fetch(new URL('/metrics', graphqlUrl));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

const series = (text: string, metric: string) => text.split('\n').filter((l) => l.startsWith(`${metric}{`) || l.startsWith(`${metric} `));

describe('/metrics on every service', () => {
  it('serves what issue 5 asks for: requests, durations and errors; SQL and pool in subgraphs; fetches in the gateway', async () => {
    const res = await hub.query(
      `query ReadmeCompanies { companies(first: 3) { edges { node { name clusters { code } suggestedPartners(limit: 1) { score } projects { title } } } } organisations { id } }`,
    );
    expect(res.errors).toBeUndefined();
    await hub.query('{ companies(first: 0) { totalCount } }'); // BAD_USER_INPUT

    const gateway = await scrape(hub.gatewayUrl);
    expect(series(gateway, 'hub_graphql_requests_total').some((l) => l.includes('operation="ReadmeCompanies"'))).toBe(true);
    expect(series(gateway, 'hub_graphql_request_duration_seconds_bucket').length).toBeGreaterThan(0);
    expect(series(gateway, 'hub_graphql_errors_total').some((l) => l.includes('code="BAD_USER_INPUT"'))).toBe(true);
    for (const name of SUBGRAPH_NAMES) {
      expect(
        series(gateway, 'hub_subgraph_fetches_total').some((l) => l.includes(`subgraph="${name}"`)),
        name,
      ).toBe(true);
      expect(
        series(gateway, 'hub_subgraph_fetch_duration_seconds_count').some((l) => l.includes(`subgraph="${name}"`)),
        name,
      ).toBe(true);
    }
    expect(series(gateway, 'hub_http_connections_total').length).toBe(1);
    expect(series(gateway, 'process_resident_memory_bytes').length).toBe(1);

    for (const name of SUBGRAPH_NAMES) {
      const text = await scrape(hub.subgraphs[name].url);
      // The gateway names each subgraph fetch after the client's operation.
      expect(
        series(text, 'hub_graphql_requests_total').some((l) => l.includes('operation="ReadmeCompanies__')),
        name,
      ).toBe(true);
      expect(series(text, 'hub_graphql_request_duration_seconds_count').length, name).toBeGreaterThan(0);
      expect(Number(series(text, 'hub_sql_statements_total')[0]?.split(' ').pop()), name).toBeGreaterThan(0);
      expect(series(text, 'hub_sql_statement_duration_seconds_count').length, name).toBe(1);
      expect(series(text, 'hub_db_pool_size').length, name).toBe(1);
      expect(series(text, 'hub_db_pool_waiting').length, name).toBe(1);
    }
  });

  /** hub_graphql_errors_total{code} of one scrape, 0 when the series is absent. */
  const errorCount = (text: string, code: string) =>
    Number(
      series(text, 'hub_graphql_errors_total')
        .find((l) => l.includes(`code="${code}"`))
        ?.split(' ')
        .pop() ?? 0,
    );

  it('counts errors per code: exactly the errors provoked', async () => {
    // One known error per subgraph, sent straight to it; the same through the gateway.
    const provoke: Record<(typeof SUBGRAPH_NAMES)[number], [string, string]> = {
      companies: ['{ companies(first: 0) { totalCount } }', 'BAD_USER_INPUT'],
      partners: ['{ partners(first: 0) { totalCount } }', 'BAD_USER_INPUT'],
      projects: ['{ projects(first: 0) { totalCount } }', 'BAD_USER_INPUT'],
      clusters: ['mutation { removeClusterMember(cluster: FOOD, companyId: "x") }', 'UNAUTHENTICATED'],
      registry: ['{ sharingAgreements { id } }', 'UNAUTHENTICATED'],
    };
    const before = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (n) => [n, await scrape(hub.subgraphs[n].url)])));
    const gatewayBefore = await scrape(hub.gatewayUrl);
    for (const name of SUBGRAPH_NAMES) {
      const [query, code] = provoke[name];
      for (let i = 0; i < 3; i++) {
        const res = await graphql(hub.subgraphs[name].url, query);
        expect(res.errors?.[0]?.extensions?.code, name).toBe(code);
      }
    }
    for (let i = 0; i < 2; i++) {
      const res = await hub.query('{ companies(first: 0) { totalCount } }');
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    for (const name of SUBGRAPH_NAMES) {
      const [, code] = provoke[name];
      const after = await scrape(hub.subgraphs[name].url);
      // companies also answered the gateway's two fetches.
      const expected = 3 + (name === 'companies' ? 2 : 0);
      expect(errorCount(after, code) - errorCount(before[name], code), name).toBe(expected);
      expect(errorCount(after, 'INTERNAL_SERVER_ERROR'), name).toBe(0);
    }
    const gatewayAfter = await scrape(hub.gatewayUrl);
    expect(errorCount(gatewayAfter, 'BAD_USER_INPUT') - errorCount(gatewayBefore, 'BAD_USER_INPUT')).toBe(2);
    expect(errorCount(gatewayAfter, 'UNAUTHENTICATED') - errorCount(gatewayBefore, 'UNAUTHENTICATED')).toBe(0);
  });

  it('keeps the operation label bounded whatever names callers send', async () => {
    const names = Array.from({ length: MAX_OPERATION_LABELS + 50 }, (_, i) => `Flood${i}`);
    for (let i = 0; i < names.length; i += 25) {
      await Promise.all(names.slice(i, i + 25).map((n) => hub.query(`query ${n} { clusters { code } }`)));
    }
    await graphql(hub.gatewayUrl, '{ clusters { code } }');
    // Not a GraphQL name (and no operation of that name in the document): labelled "invalid".
    await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query { clusters { code } }', operationName: 'not a name; DROP' }),
    });

    const operations = new Set(
      series(await scrape(hub.gatewayUrl), 'hub_graphql_requests_total').map((l) => /operation="([^"]*)"/.exec(l)?.[1]),
    );
    expect(operations.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 3);
    expect(operations.has('other')).toBe(true);
    expect(operations.has('invalid')).toBe(true);
    expect(operations.has('anonymous')).toBe(true);
  });
});

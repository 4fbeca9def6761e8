/**
 * No N+1 anywhere: the deep cross-organisation queries run the same number of
 * SQL statements in every subgraph, and the gateway makes the same number of
 * subgraph fetches, whether a page holds a few entities or many. Every
 * __resolveReference, to-many relation and contributed field on these paths
 * goes through a per-request DataLoader or one set-based statement.
 *
 * Data: the bench generator (scripts/bench-data.ts) at a small, dense size,
 * so that every level of every query has something to resolve at both sizes.
 */
import { withClient } from '../../scripts/hub/postgres';
import 'reflect-metadata';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSubgraphData, type BenchSize } from '../../scripts/bench/data';
import { benchShapes, checkAnswer } from '../../scripts/bench/shapes';
import { encodeCursor } from '../../subgraphs/kit/pagination';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/services';
import { startTestHub, token, type TestHub } from '../helpers/hub';

const SIZE: BenchSize = { companies: 300, partners: 40, projects: 120 };

let hub: TestHub;
let province: string;

async function onDatabase<T>(name: SubgraphName, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: hub.databaseUrls[name] });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  // Deliberately large answers (pages of 100 under pages of 100) to show the SQL does not grow: above the default cost limit.
  // SQL statements are counted per request: every request must reach the subgraphs (no response cache).
  hub = await startTestHub({ SEED_DEMO_DATA: 'false', LIMIT_MAX_COST: '100000000', RESPONSE_CACHE: 'false' });
  // As each database's owner: the generator truncates and rebuilds indexes, which the service's role may not.
  for (const name of SUBGRAPH_NAMES)
    await withClient(hub.databases.ownerUrl(hub.databaseUrls[name]), (c) => generateSubgraphData(name, c, SIZE));
  province = await token({ org: 'vlaams-brabant' });
});
afterAll(async () => {
  await hub?.stop();
});

async function fetchCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const v of (await hub.gateway.metrics.subgraphFetches.get()).values) out[String(v.labels.subgraph)] = v.value;
  return out;
}

const delta = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.keys({ ...a, ...b }).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)]));

/** Runs the query and answers the SQL statements per subgraph and the fetches per subgraph it took. */
async function measure(query: string, variables: Record<string, unknown>, opts: { token?: string } = {}) {
  const sqlBefore = await hub.sqlCounts();
  const fetchesBefore = await fetchCounts();
  const res = await hub.query(query, variables, opts);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return { data: res.data, sql: delta(sqlBefore, await hub.sqlCounts()), fetches: delta(fetchesBefore, await fetchCounts()) };
}

/** Same SQL per subgraph and same fetches at both sizes; `size` tells how many entities the answer held. */
async function expectFlat(
  query: string,
  small: Record<string, unknown>,
  large: Record<string, unknown>,
  size: (data: any) => number,
  opts: { token?: string } = {},
) {
  const a = await measure(query, small, opts);
  const b = await measure(query, large, opts);
  expect(size(b.data), 'the larger variables must reach more entities').toBeGreaterThan(size(a.data) * 2);
  expect(b.sql).toEqual(a.sql);
  expect(b.fetches).toEqual(a.fetches);
  return a;
}

const count = (xs: unknown[] | undefined) => xs?.length ?? 0;

describe('SQL statements and subgraph fetches do not grow with the page size', () => {
  it('README: projects → companies → clusters and suggestedPartners → partner → projects; partners → projects; events → attendees', async () => {
    const q = `query($first: Int) { projects(first: $first) { edges { node { title
      companies { name clusters { code name } suggestedPartners(limit: 2) { score sharedDomains partner { nameEn projects { title } } } }
      partners { nameZh district projects { title } }
      events { title startsAt attendees { name } } } } } }`;
    const a = await expectFlat(q, { first: 10 }, { first: 100 }, (d) =>
      d.projects.edges.reduce((n: number, e: any) => n + 1 + count(e.node.companies) + count(e.node.partners) + count(e.node.events), 0),
    );
    // Every organisation takes part, each about once per level of the plan; the registry is not asked
    // (nothing restricted of another organisation is selected).
    for (const name of SUBGRAPH_NAMES) expect(a.sql[name] > 0, name).toBe(name !== 'registry');
  });

  it('events → project and attendees → clusters, projects', async () => {
    const q = `query($from: DateTime, $to: DateTime) { events(from: $from, to: $to) { title
      project { title partners { nameEn } }
      attendees { name clusters { code } projects { title } } } }`;
    await expectFlat(q, { from: '2020-01-01T00:00:00Z', to: '2020-06-30T23:59:59Z' }, { from: null, to: null }, (d) =>
      d.events.reduce((n: number, e: any) => n + 1 + count(e.attendees), 0),
    );
  });

  it('cluster members → company → projects → partners, and suggestedPartners', async () => {
    const q = `query($code: ClusterCode!) { cluster(code: $code) { memberCount members { since
      company { name projects { title partners { nameEn } } suggestedPartners(limit: 1) { score partner { nameEn } } } } } }`;
    await expectFlat(q, { code: 'CREATIVITY' }, { code: 'CLEANTECH' }, (d) => count(d.cluster.members));
  });

  it('companies → clusters, projects → events, suggestedPartners, assessments and history (owner token)', async () => {
    const q = `query($first: Int) { companies(first: $first) { totalCount edges { node { name
      clusters { code memberCount } projects { title events { title } } suggestedPartners(limit: 3) { partner { nameEn } }
      assessments { panelDate marketFit } history { action } } } } }`;
    await expectFlat(q, { first: 10 }, { first: 100 }, (d) => d.companies.edges.length, { token: province });
  });

  it('partners → projects → companies → clusters', async () => {
    const q = `query($first: Int) { partners(first: $first) { edges { node { nameEn
      projects { title companies { name clusters { code } } events { attendees { name } } } } } } }`;
    await expectFlat(q, { first: 4 }, { first: 40 }, (d) =>
      d.partners.edges.reduce((n: number, e: any) => n + 1 + count(e.node.projects), 0),
    );
  });

  it('the bench shapes with a page size, at page sizes 10 and 100', async () => {
    const rows = await onDatabase(
      'companies',
      async (c) => (await c.query('SELECT name, id FROM company WHERE NOT archived ORDER BY name, id OFFSET 149 LIMIT 1')).rows,
    );
    const companyId = await onDatabase(
      'projects',
      async (c) => (await c.query('SELECT company_id FROM project_company LIMIT 1')).rows[0].company_id,
    );
    const shapes = benchShapes({ companyId, deepCursor: encodeCursor([rows[0].name, rows[0].id]), deepOffset: 150 });
    for (const shape of shapes.filter((s) => s.pageVariable)) {
      const size = (d: any) => count((d.companies ?? d.projects).edges);
      const small = { ...shape.variables, [shape.pageVariable!]: 10 };
      const large = { ...shape.variables, [shape.pageVariable!]: 100 };
      checkAnswer(shape, await hub.query(shape.query, small));
      await expectFlat(shape.query, small, large, size);
    }
  });
});

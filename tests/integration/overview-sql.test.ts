/**
 * The dashboard's overview (web/dashboard/api.js, OVERVIEW: three totals, 20
 * filtered counts, events, clusters and two lists) costs at most 10 SQL
 * statements over all subgraphs — it cost 54 — and shows the same numbers as
 * counting in PostgreSQL directly. Lazy pages (a `(first: 1) { totalCount }`
 * runs no page query) and one `count(*) FILTER (WHERE …)` statement per table
 * for all the counts of a request (subgraphs/kit/pagination.ts).
 */
import { Client } from 'pg';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSubgraphData, type BenchSize } from '../../scripts/bench/data';
import { ROOT } from '../../platform/paths';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/services';
import { startTestHub, type TestHub } from '../helpers/hub';

const SIZE: BenchSize = { companies: 300, partners: 40, projects: 120 };
const MAX_STATEMENTS = 10;

interface Dashboard {
  OVERVIEW: string;
  DOMAINS: string[];
  CHINA_STATUSES: string[];
  THEMES: string[];
  PROJECT_STATUSES: string[];
  EVENTS_PAGE: number;
}

let hub: TestHub;
let dashboard: Dashboard;

async function sql<T = Record<string, unknown>>(name: SubgraphName, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: hub.databaseUrls[name] });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}
const countOf = async (name: SubgraphName, text: string, params: unknown[] = []) =>
  (await sql<{ n: number }>(name, `SELECT count(*)::int AS n ${text}`, params))[0].n;

beforeAll(async () => {
  // SQL statements are counted per request: every request must reach the subgraphs (no response cache).
  hub = await startTestHub({ SEED_DEMO_DATA: 'false', RESPONSE_CACHE: 'false' });
  for (const name of SUBGRAPH_NAMES) {
    // As each database's owner: the generator truncates and rebuilds indexes, which the service's role may not.
    const c = new Client({ connectionString: hub.databases.ownerUrl(hub.databaseUrls[name]) });
    await c.connect();
    try {
      await generateSubgraphData(name, c, SIZE);
    } finally {
      await c.end();
    }
  }
  // The dashboard's own module (plain browser JavaScript), exactly the query it sends.
  dashboard = (await import(pathToFileURL(join(ROOT, 'web/dashboard/api.js')).href)) as Dashboard;
});
afterAll(async () => {
  await hub?.stop();
});

async function overview(q: string | null) {
  const before = await hub.sqlCounts();
  const res = await hub.query(dashboard.OVERVIEW, { lang: 'EN', from: '2000-01-01T00:00:00Z', q });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const after = await hub.sqlCounts();
  const statements = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, after[n] - before[n]]));
  return { data: res.data, statements, total: Object.values(statements).reduce((a, b) => a + b, 0) };
}

describe("the dashboard's overview", () => {
  it(`runs at most ${MAX_STATEMENTS} SQL statements and shows the numbers PostgreSQL counts`, async () => {
    const { data, statements, total } = await overview(null);
    console.log(`overview: ${total} SQL statements`, statements);
    expect(total).toBeLessThanOrEqual(MAX_STATEMENTS);

    const live = 'FROM company WHERE NOT archived';
    expect(data.companies.totalCount).toBe(await countOf('companies', live));
    expect(data.companyList.totalCount).toBe(data.companies.totalCount);
    expect(data.partners.totalCount).toBe(await countOf('partners', 'FROM partner'));
    expect(data.partnerList.totalCount).toBe(data.partners.totalCount);
    expect(data.projects.totalCount).toBe(await countOf('projects', 'FROM project'));
    for (const d of dashboard.DOMAINS) {
      expect(data[`domain_${d}`].totalCount, d).toBe(await countOf('companies', `${live} AND cleantech_domains @> ARRAY[$1]`, [d]));
    }
    for (const s of dashboard.CHINA_STATUSES) {
      expect(data[`china_${s}`].totalCount, s).toBe(await countOf('companies', `${live} AND china_status = $1`, [s]));
    }
    for (const t of dashboard.THEMES) {
      expect(data[`theme_${t}`].totalCount, t).toBe(await countOf('projects', 'FROM project WHERE theme = $1', [t]));
    }
    for (const s of dashboard.PROJECT_STATUSES) {
      expect(data[`status_${s}`].totalCount, s).toBe(await countOf('projects', 'FROM project WHERE status = $1', [s]));
    }
    // The numbers differ from each other: a batch that answered one count for all would fail above.
    const domainCounts = dashboard.DOMAINS.map((d) => data[`domain_${d}`].totalCount as number);
    expect(new Set(domainCounts).size).toBeGreaterThan(1);
    // The lists and the rest still answer in full.
    expect(data.companyList.edges).toHaveLength(20);
    expect(data.partnerList.edges).toHaveLength(20);
    expect(data.clusters.length).toBeGreaterThan(0);
    // Events come as one page (the dashboard shows "100+" beyond it).
    const events = await countOf('projects', "FROM event WHERE starts_at >= '2000-01-01T00:00:00Z'");
    expect(data.events.length).toBe(Math.min(events, dashboard.EVENTS_PAGE));
  });

  it('with a search term: the same bound, and the lists count what they list', async () => {
    // The first word of a name: several companies, fewer than all.
    const [{ q }] = await sql<{ q: string }>(
      'companies',
      `SELECT split_part(name, ' ', 1) AS q FROM company WHERE NOT archived ORDER BY id LIMIT 1`,
    );
    const { data, statements, total } = await overview(q);
    console.log(`overview with search "${q}": ${total} SQL statements`, statements);
    expect(total).toBeLessThanOrEqual(MAX_STATEMENTS);
    // Counted apart (a request with one count, and its page) to the same numbers.
    const alone = await hub.query(
      `query($q: String) { companies(filter: { search: $q }, first: 100) { totalCount edges { node { id } } } }`,
      {
        q,
      },
    );
    expect(alone.errors).toBeUndefined();
    expect(alone.data.companies.totalCount).toBe(alone.data.companies.edges.length);
    expect(data.companyList.totalCount).toBe(alone.data.companies.totalCount);
    expect(data.companyList.totalCount).toBeGreaterThan(0);
    expect(data.companyList.totalCount).toBeLessThan(data.companies.totalCount);
  });
});

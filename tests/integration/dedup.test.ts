/**
 * The gateway merges identical in-flight subgraph queries (gateway/dedup.ts):
 * N identical concurrent requests make one fetch per subgraph, counted where
 * it lands (each subgraph's own request counter); a different token or a
 * different purpose is a different fetch; mutations are never merged.
 *
 * "In flight at the same time" is made certain, not hoped for: the test holds
 * an ACCESS EXCLUSIVE lock on the table each subgraph reads, so every fetch
 * that reaches a subgraph waits in PostgreSQL until the test lets it go.
 */
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphName } from '../../platform/services';
import { startTestHub, token, type GraphQLResponse, type TestHub } from '../helpers/hub';
import { sleep, waitFor } from '../helpers/processes';

let hub: TestHub;
let province: string;
let chengdu: string;

beforeAll(async () => {
  // Fetches are counted per request: every request must reach the subgraphs (no response cache).
  hub = await startTestHub({ RESPONSE_CACHE: 'false' });
  province = await token({ org: 'vlaams-brabant' });
  chengdu = await token({ org: 'chengdu' });
});
afterAll(async () => {
  await hub?.stop();
});

/** Three subgraphs, one after another: projects, then companies, then clusters. */
const NESTED = /* GraphQL */ `
  query Nested {
    projects(first: 5) {
      edges {
        node {
          title
          companies {
            name
            clusters {
              code
            }
          }
        }
      }
    }
  }
`;
/** Subgraph and the table the query reads there, in the order the gateway's plan reaches them. */
const LEVELS: [SubgraphName, string][] = [
  ['projects', 'project'],
  ['companies', 'company'],
  ['clusters', 'cluster_membership'],
];

async function counter(c: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> }, label?: string) {
  const values = (await c.get()).values;
  return values.filter((v) => label === undefined || v.labels.subgraph === label).reduce((sum, v) => sum + v.value, 0);
}
const subgraphRequests = (n: SubgraphName) => counter(hub.subgraphs[n].metrics.requests);
const merged = (n: SubgraphName) => counter(hub.gateway.metrics.subgraphFetchesDeduplicated, n);

/** Holds an ACCESS EXCLUSIVE lock on `table` of subgraph `n`'s database until `release()`. */
async function lockTable(n: SubgraphName, table: string) {
  const c = new Client({ connectionString: hub.databaseUrls[n] });
  await c.connect();
  await c.query('BEGIN');
  await c.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return {
    /** Backends of this database waiting for a lock (the held subgraph statements). */
    async waiting(): Promise<number> {
      // Inside this transaction pg_stat_activity is a snapshot taken at its first read: take a fresh one each time
      // (a request that opens a new pool connection reaches the database after the first poll).
      await c.query('SELECT pg_stat_clear_snapshot()');
      const r = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return r.rows[0].n;
    },
    async release() {
      await c.query('COMMIT').catch(() => undefined);
      await c.end();
    },
  };
}

type Caller = { token?: string; headers?: Record<string, string> };

/**
 * Sends `perCaller` identical NESTED requests for each caller, all at once,
 * with every level held until the gateway has merged what it can
 * (`expectedFetches` per subgraph); answers the responses and, per subgraph,
 * the requests it received and the fetches the gateway merged.
 */
async function concurrently(callers: Caller[], perCaller: number, expectedFetches: number) {
  const total = callers.length * perCaller;
  const before = Object.fromEntries(
    await Promise.all(LEVELS.map(async ([n]) => [n, { req: await subgraphRequests(n), merged: await merged(n) }])),
  );
  const locks = await Promise.all(LEVELS.map(([n, table]) => lockTable(n, table)));
  let responses: Promise<GraphQLResponse[]>;
  try {
    responses = Promise.all(Array.from({ length: total }, (_, i) => hub.query(NESTED, {}, callers[i % callers.length])));
    for (const [i, [n]] of LEVELS.entries()) {
      // Every request reached this level: the merged ones at the gateway, the rest held in PostgreSQL.
      await waitFor(
        `${n}: ${total - expectedFetches} fetches merged, ${expectedFetches} held at the database`,
        async () => (await merged(n)) - before[n].merged === total - expectedFetches && (await locks[i].waiting()) === expectedFetches,
        20_000,
        20,
      );
      await locks[i].release();
    }
  } finally {
    for (const l of locks) await l.release();
  }
  const answers = await responses;
  const after: Record<string, { requests: number; merged: number }> = {};
  for (const [n] of LEVELS)
    after[n] = { requests: (await subgraphRequests(n)) - before[n].req, merged: (await merged(n)) - before[n].merged };
  return { answers, perSubgraph: after };
}

describe('identical in-flight subgraph queries are merged', () => {
  it('N identical concurrent requests make one fetch per subgraph, and every caller gets the full answer', async () => {
    const N = 8;
    const { answers, perSubgraph } = await concurrently([{}], N, 1);
    for (const [n] of LEVELS) expect(perSubgraph[n], n).toEqual({ requests: 1, merged: N - 1 });
    for (const a of answers) {
      expect(a.errors).toBeUndefined();
      expect(a.data).toEqual(answers[0].data);
    }
    const projects = answers[0].data.projects.edges;
    expect(projects.length).toBeGreaterThan(0);
    expect(projects.some((e: any) => e.node.companies.some((c: any) => c.clusters.length > 0))).toBe(true);
    // Each follower got its own copy: changing one answer object changes no other.
    const [first, second] = answers.map((a) => a.data);
    first.projects.edges[0].node.title = 'changed';
    expect(second.projects.edges[0].node.title).not.toBe('changed');
  });

  it('two tokens make two fetches per subgraph; a declared purpose is never merged (each answer leaves its own disclosure record)', async () => {
    const callers: Caller[] = [{ token: province }, { token: chengdu }];
    const byToken = await concurrently(callers, 3, 2);
    for (const [n] of LEVELS) expect(byToken.perSubgraph[n], n).toEqual({ requests: 2, merged: 4 });
    for (const a of byToken.answers) expect(a.errors).toBeUndefined();

    const purposes: Caller[] = [
      { token: province, headers: { 'hub-purpose': 'MATCHMAKING' } },
      { token: province, headers: { 'hub-purpose': 'STATISTICS' } },
    ];
    // Identical requests that declare a purpose, held at the first level: none joins another's fetch.
    const before = { requests: await subgraphRequests('projects'), merged: await merged('projects') };
    const lock = await lockTable('projects', 'project');
    let answers: Promise<GraphQLResponse[]>;
    try {
      answers = Promise.all(Array.from({ length: 6 }, (_, i) => hub.query(NESTED, {}, purposes[i % 2])));
      await waitFor('the first request held at the database', async () => (await lock.waiting()) >= 1, 20_000, 20);
      await sleep(1_000); // the others arrive meanwhile: merged, they would wait for the first fetch
    } finally {
      await lock.release();
    }
    for (const a of await answers) expect(a.errors).toBeUndefined();
    expect({
      requests: (await subgraphRequests('projects')) - before.requests,
      merged: (await merged('projects')) - before.merged,
    }).toEqual({
      requests: 6,
      merged: 0,
    });
  });

  it('never merges mutations: two identical concurrent updates both reach the subgraph, and the second one conflicts', async () => {
    const editor = await token({ org: 'vlaams-brabant', roles: ['editor'] });
    const page = await hub.query(`{ companies(first: 1) { edges { node { id version } } } }`);
    const { id, version } = page.data.companies.edges[0].node;
    const requestsBefore = await subgraphRequests('companies');
    const mergedBefore = await merged('companies');
    const lock = await lockTable('companies', 'company');
    let answers: GraphQLResponse[];
    try {
      const update = `mutation Rename($id: ID!, $v: Int!) { updateCompany(id: $id, input: { name: "Merged Never NV" }, expectedVersion: $v) { id version } }`;
      const sent = Promise.all([1, 2].map(() => hub.query(update, { id, v: version }, { token: editor })));
      // Both mutations reach PostgreSQL and wait there; a merged pair would leave one.
      await waitFor('both updates held at the database', async () => (await lock.waiting()) === 2, 20_000, 20);
      await lock.release();
      answers = await sent;
    } finally {
      await lock.release();
    }
    expect((await subgraphRequests('companies')) - requestsBefore).toBe(2);
    expect((await merged('companies')) - mergedBefore).toBe(0);
    const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
  });
});

/**
 * The paged child lists (subgraphs/kit/child-pages.ts): Cluster.members,
 * Event.attendees, Project.events, Project.companies, Project.partners,
 * Company.projects and Partner.projects, through the real gateway. Every page
 * is compared with the list read straight from PostgreSQL in its documented
 * order; the boundaries (first page, a page after the last item, `after` an
 * item of another parent, unknown or malformed `after`, `first` 0 and 101)
 * answer as before the pages moved into SQL; and a batch of parents costs one
 * statement per list, whatever the page sizes and `after` items.
 *
 * Data: the bench generator (scripts/bench/data.ts) at a small, dense size,
 * so CLEANTECH has more members than the largest page.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSubgraphData, type BenchSize } from '../../scripts/bench/data';
import { withClient } from '../../scripts/hub/postgres';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/services';
import { MAX_PAGE_SIZE, LIST_PAGE_SIZE } from '../../subgraphs/kit/pagination';
import { DEFAULT_QUERY_LIMITS } from '../../platform/limits';
import { startTestHub, type TestHub } from '../helpers/hub';

const SIZE: BenchSize = { companies: 300, partners: 40, projects: 120 };

let hub: TestHub;

const sql = async (name: SubgraphName, text: string) =>
  (await withClient(hub.databaseUrls[name], (c) => c.query(text))).rows as Record<string, string>[];

/** Rows (parent, item) in list order -> each parent's items. */
function lists(rows: Record<string, string>[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const items = out.get(r.parent);
    if (items) items.push(r.item);
    else out.set(r.parent, [r.item]);
  }
  return out;
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
}
interface PageAnswer {
  ids: string[] | undefined;
  errors: { message: string; extensions?: Record<string, unknown> }[] | undefined;
}

/** One list field: where its truth is and how the gateway is asked for one parent's page. */
interface ListCase {
  name: string;
  /** The database and statement of the truth: (parent, item) in the list's documented order. */
  db: SubgraphName;
  truth: string;
  page(parent: string, args: PageArgs): Promise<PageAnswer>;
}

const ids = (xs: { id: string }[] | undefined) => xs?.map((x) => x.id);

async function ask(query: string, variables: Record<string, unknown>, pick: (data: any) => string[] | undefined): Promise<PageAnswer> {
  const res = await hub.query(query, variables);
  return { ids: res.errors ? undefined : pick(res.data), errors: res.errors as PageAnswer['errors'] };
}

/** Event.attendees through `project(id:) { events(first: 1, after: <the event before>) }`: exactly that event. */
let eventPlace: Map<string, { project: string; before: string | null }>;

const CASES: ListCase[] = [
  {
    name: 'Cluster.members',
    db: 'clusters',
    truth: 'SELECT cluster_code AS parent, company_id::text AS item FROM cluster_membership ORDER BY cluster_code, since, company_id',
    page: (code, args) =>
      ask(
        'query($code: ClusterCode!, $first: Int, $after: ID) { cluster(code: $code) { members(first: $first, after: $after) { company { id } } } }',
        { code, ...args },
        (d) => d.cluster.members.map((m: { company: { id: string } }) => m.company.id),
      ),
  },
  {
    name: 'Project.companies',
    db: 'projects',
    truth: 'SELECT project_id::text AS parent, company_id::text AS item FROM project_company ORDER BY project_id, company_id',
    page: (id, args) =>
      ask(
        'query($id: ID!, $first: Int, $after: ID) { project(id: $id) { companies(first: $first, after: $after) { id } } }',
        { id, ...args },
        (d) => ids(d.project.companies),
      ),
  },
  {
    name: 'Project.partners',
    db: 'projects',
    truth: 'SELECT project_id::text AS parent, partner_id::text AS item FROM project_partner ORDER BY project_id, partner_id',
    page: (id, args) =>
      ask(
        'query($id: ID!, $first: Int, $after: ID) { project(id: $id) { partners(first: $first, after: $after) { id } } }',
        { id, ...args },
        (d) => ids(d.project.partners),
      ),
  },
  {
    name: 'Project.events',
    db: 'projects',
    truth: 'SELECT project_id::text AS parent, id::text AS item FROM event WHERE project_id IS NOT NULL ORDER BY project_id, starts_at, id',
    page: (id, args) =>
      ask(
        'query($id: ID!, $first: Int, $after: ID) { project(id: $id) { events(first: $first, after: $after) { id } } }',
        { id, ...args },
        (d) => ids(d.project.events),
      ),
  },
  {
    name: 'Event.attendees',
    db: 'projects',
    truth: `SELECT a.event_id::text AS parent, a.company_id::text AS item FROM event_attendee a JOIN event e ON e.id = a.event_id
            WHERE e.project_id IS NOT NULL ORDER BY a.event_id, a.company_id`,
    page: (event, args) =>
      ask(
        `query($project: ID!, $before: ID, $first: Int, $after: ID) {
          project(id: $project) { events(first: 1, after: $before) { id attendees(first: $first, after: $after) { id } } } }`,
        { project: eventPlace.get(event)!.project, before: eventPlace.get(event)!.before, ...args },
        (d) => {
          expect(d.project.events[0].id).toBe(event);
          return ids(d.project.events[0].attendees);
        },
      ),
  },
  {
    name: 'Company.projects',
    db: 'projects',
    truth: `SELECT l.company_id::text AS parent, p.id::text AS item FROM project_company l JOIN project p ON p.id = l.project_id
            ORDER BY l.company_id, p.title, p.id`,
    page: (id, args) =>
      ask(
        'query($id: ID!, $first: Int, $after: ID) { company(id: $id) { projects(first: $first, after: $after) { id } } }',
        { id, ...args },
        (d) => ids(d.company.projects),
      ),
  },
  {
    name: 'Partner.projects',
    db: 'projects',
    truth: `SELECT l.partner_id::text AS parent, p.id::text AS item FROM project_partner l JOIN project p ON p.id = l.project_id
            ORDER BY l.partner_id, p.title, p.id`,
    page: (id, args) =>
      ask(
        'query($id: ID!, $first: Int, $after: ID) { partner(id: $id) { projects(first: $first, after: $after) { id } } }',
        { id, ...args },
        (d) => ids(d.partner.projects),
      ),
  },
];

let archived: Set<string>;

beforeAll(async () => {
  // SQL statements are counted per request: every request must reach the subgraphs (no response cache).
  hub = await startTestHub({ SEED_DEMO_DATA: 'false', RESPONSE_CACHE: 'false' });
  // As each database's owner: the generator truncates and rebuilds indexes, which the service's role may not.
  for (const name of SUBGRAPH_NAMES)
    await withClient(hub.databases.ownerUrl(hub.databaseUrls[name]), (c) => generateSubgraphData(name, c, SIZE));
  eventPlace = new Map(
    (
      await sql(
        'projects',
        `SELECT id::text, project_id::text AS project, lag(id::text) OVER (PARTITION BY project_id ORDER BY starts_at, id) AS before
         FROM event WHERE project_id IS NOT NULL`,
      )
    ).map((r) => [r.id, { project: r.project, before: r.before }]),
  );
  // An archived company answers null at the root: not a parent to page.
  archived = new Set((await sql('companies', 'SELECT id::text FROM company WHERE archived')).map((r) => r.id));
}, 180_000);
afterAll(async () => {
  await hub?.stop();
});

const expectRefused = (answer: PageAnswer, field: 'first' | 'after', what: string) => {
  expect(answer.errors?.[0]?.extensions?.code, what).toBe('BAD_USER_INPUT');
  expect(answer.errors?.[0]?.extensions?.field, what).toBe(field);
  expect(answer.errors?.[0]?.message, what).toMatch(new RegExp(`^${field}: `));
};

describe.each(CASES)('$name', (list) => {
  /** The parent with the longest list, its list, and an item of another parent that is not in it. */
  async function longest() {
    const all = lists(await sql(list.db, list.truth));
    const [parent, items] = [...all].filter(([p]) => !archived.has(p)).sort((a, b) => b[1].length - a[1].length)[0];
    const foreign = [...all.values()].flat().find((item) => !items.includes(item))!;
    expect(items.length, 'a list long enough to page').toBeGreaterThanOrEqual(3);
    expect(foreign).toBeDefined();
    return { parent, items, foreign };
  }

  it('pages through the list in its documented order, the same items as PostgreSQL holds', async () => {
    const { parent, items } = await longest();
    // The default page, and the largest.
    expect((await list.page(parent, {})).ids).toEqual(items.slice(0, LIST_PAGE_SIZE));
    expect((await list.page(parent, { first: MAX_PAGE_SIZE })).ids).toEqual(items.slice(0, MAX_PAGE_SIZE));
    // Walked in pages of a third of it: every item once, in order, then an empty page after the last.
    const size = Math.max(1, Math.ceil(items.length / 3));
    const walked: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages <= items.length; pages++) {
      const page: PageAnswer = await list.page(parent, { first: size, after });
      expect(page.errors).toBeUndefined();
      expect(page.ids!.length).toBeLessThanOrEqual(size);
      if (page.ids!.length === 0) break;
      walked.push(...page.ids!);
      after = page.ids![page.ids!.length - 1];
    }
    expect(walked).toEqual(items);
    expect((await list.page(parent, { first: 1, after: items[0] })).ids).toEqual([items[1]]);
    expect((await list.page(parent, { after: items[items.length - 1] })).ids).toEqual([]);
  });

  it('refuses an `after` outside the list and `first` outside 1..100 with BAD_USER_INPUT naming the argument', async () => {
    const { parent, foreign } = await longest();
    expectRefused(await list.page(parent, { after: foreign }), 'after', 'an item of another parent');
    expectRefused(await list.page(parent, { after: randomUUID() }), 'after', 'an unknown id');
    expectRefused(await list.page(parent, { after: 'not-an-id' }), 'after', 'a malformed id');
    expectRefused(await list.page(parent, { first: 0 }), 'first', 'first: 0');
    expectRefused(await list.page(parent, { first: MAX_PAGE_SIZE + 1 }), 'first', `first: ${MAX_PAGE_SIZE + 1}`);
  });
});

describe('one statement per list and batch of parents', () => {
  async function statements(query: string, variables: Record<string, unknown> = {}) {
    const before = await hub.sqlCounts();
    const res = await hub.query(query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const after = await hub.sqlCounts();
    return { data: res.data, sql: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, after[n] - before[n]])) };
  }

  it('Cluster.members costs the same statements for one page or several clusters with other sizes and `after` items', async () => {
    const members = lists(await sql('clusters', CASES[0].truth));
    const cleantech = members.get('CLEANTECH')!;
    const one = await statements('{ cluster(code: CLEANTECH) { members(first: 1) { since } } }');
    const several = await statements(
      `query($after: ID) { a: cluster(code: CLEANTECH) { members(first: 100, after: $after) { company { id } } }
        b: cluster(code: FOOD) { members(first: 3) { company { id } } } c: cluster(code: HEALTH) { members { company { id } } } }`,
      { after: cleantech[9] },
    );
    expect(several.sql).toEqual(one.sql);
    expect(one.sql.clusters, 'the clusters by code, then the pages').toBe(2);
    const memberIds = (alias: string) => several.data[alias].members.map((m: { company: { id: string } }) => m.company.id);
    expect(memberIds('a')).toEqual(cleantech.slice(10, 110));
    expect(memberIds('b')).toEqual(members.get('FOOD')!.slice(0, 3));
    expect(memberIds('c')).toEqual(members.get('HEALTH')!.slice(0, LIST_PAGE_SIZE));
  });

  it('the lists of the projects subgraph cost the same statements for 5 and for 60 parents', async () => {
    const q = `query($n: Int) {
      projects(first: $n) { edges { node { companies(first: 2) { id } partners(first: 1) { id } events(first: 2) { attendees(first: 3) { id } } } } }
      companies(first: $n) { edges { node { projects(first: 2) { id } } } }
      partners(first: $n) { edges { node { projects(first: 1) { id } } } } }`;
    const few = await statements(q, { n: 5 });
    const many = await statements(q, { n: 60 });
    expect(many.data.projects.edges.length).toBeGreaterThan(few.data.projects.edges.length * 2);
    expect(many.sql.projects).toBe(few.sql.projects);
  });
});

describe('demand control counts the new arguments', () => {
  // The connection, then 100 × (edge + project + n companies × (1 + 100 projects)).
  const estimate = (n: number) => 1 + 100 * (2 + n * 101);

  it.each(['companies', 'partners'])(
    'Project.%s(first: n) sizes the estimate: 20 passes, 100 and the default 50 are refused',
    async (field) => {
      const query = (first: string) =>
        `{ projects(first: 100) { edges { node { ${field}${first} { id projects(first: 100) { id } } } } } }`;
      expect(estimate(20)).toBeLessThan(DEFAULT_QUERY_LIMITS.maxCost);
      const passes = await hub.query(query('(first: 20)'));
      expect(passes.errors).toBeUndefined();
      expect(passes.data.projects.edges.length).toBe(100);
      for (const [first, n] of [
        ['(first: 100)', 100],
        ['', LIST_PAGE_SIZE],
      ] as const) {
        const refused = await hub.query(query(first));
        expect(refused.errors?.[0]?.extensions?.code, first).toBe('QUERY_TOO_COMPLEX');
        expect(refused.errors?.[0]?.extensions?.estimate, first).toBe(estimate(n));
      }
    },
  );
});

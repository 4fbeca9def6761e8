import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_LIMITS } from '../../platform/limits';
import { expectClientError, postJson, type RawResponse } from '../helpers/bad-input';
import { databaseState } from '../helpers/expect';
import { startTestHub, type TestHub } from '../helpers/hub';

/**
 * Issue 12, demand control: every limit of platform/limits.ts refuses through
 * the gateway and straight at a subgraph with its code and HTTP 400, before
 * anything runs; list sizes, `first` passed as a variable and `_entities`
 * representations are counted; answers over the response limit are refused;
 * nothing is written and every server still answers afterwards. The query
 * limits are the defaults; the response limits are small (RESPONSE_LIMIT,
 * SUBGRAPH_RESPONSE_LIMIT) so the demo data can exceed them.
 */
let hub: TestHub;
let before: Record<string, unknown>;
const GATEWAY_RESPONSE_LIMIT = 24 * 1024;
const SUBGRAPH_RESPONSE_LIMIT = 16 * 1024;

beforeAll(async () => {
  hub = await startTestHub({ RESPONSE_LIMIT: String(GATEWAY_RESPONSE_LIMIT), SUBGRAPH_RESPONSE_LIMIT: String(SUBGRAPH_RESPONSE_LIMIT) });
  before = await databaseState(hub);
}, 120_000);
afterAll(async () => {
  if (hub) {
    // Nothing refused here wrote anything, and every server still answers.
    expect(await databaseState(hub)).toEqual(before);
    for (const url of [hub.gatewayUrl, ...Object.values(hub.subgraphs).map((s) => s.url)]) {
      const res = await postJson(url, { query: '{ __typename }' });
      expect(res.status, url).toBe(200);
      expect(res.body?.data?.__typename).toBe('Query');
    }
  }
  await hub?.stop();
});

const at = (where: 'gateway' | keyof TestHub['subgraphs']) => (where === 'gateway' ? hub.gatewayUrl : hub.subgraphs[where].url);

/** POSTs `query` and returns the answer with its wall-clock time. */
async function timed(url: string, query: string, variables?: Record<string, unknown>): Promise<RawResponse & { ms: number }> {
  const started = performance.now();
  const res = await postJson(url, { query, variables });
  return { ...res, ms: Math.round(performance.now() - started) };
}

function expectRefused(res: RawResponse, code: string, limit: number, figureKey: 'actual' | 'estimate' = 'actual'): number {
  expectClientError(res, { code, status: 400 });
  expect(res.body!.data, 'nothing ran').toBeUndefined();
  const ext = res.body!.errors![0].extensions!;
  expect(ext.limit).toBe(limit);
  expect(ext[figureKey]).toBeGreaterThan(limit);
  // The message names the figure and the limit, as the client can read them.
  expect(res.body!.errors![0].message).toContain(Number(ext[figureKey]).toLocaleString('en-US'));
  expect(res.body!.errors![0].message).toContain(limit.toLocaleString('en-US'));
  return ext[figureKey];
}

/** `events { project { events { project { … id } } } }` with `n` levels of events. */
const eventsChain = (n: number) => `${'events { project { '.repeat(n)}id${' } }'.repeat(n)}`;

describe('the issue 12 examples', () => {
  it('the anonymous events → attendees → projects chain is refused at once (QUERY_TOO_COMPLEX), through the gateway', async () => {
    const query = '{ events { attendees { projects { events { attendees { projects { events { attendees { id } } } } } } } } }';
    const res = await timed(hub.gatewayUrl, query);
    const estimate = expectRefused(res, 'QUERY_TOO_COMPLEX', DEFAULT_QUERY_LIMITS.maxCost, 'estimate');
    // Eight nested lists of 50 (none has a first argument).
    expect(estimate).toBe(Math.min(Number.MAX_SAFE_INTEGER, estimateOfChain([50, 50, 50, 50, 50, 50, 50, 50])));
    console.log(`demand control: the issue's example query refused in ${res.ms} ms (estimated cost ${estimate.toLocaleString('en-US')})`);
  });

  it('the 20-level projects → events → project chain sent straight to the projects subgraph is QUERY_TOO_DEEP', async () => {
    const query = `{ projects(first: 1) { edges { node { id ${eventsChain(10)} } } } }`;
    const res = await timed(at('projects'), query);
    expect(expectRefused(res, 'QUERY_TOO_DEEP', DEFAULT_QUERY_LIMITS.maxDepth)).toBe(24);
    console.log(`demand control: the 20-level chain refused by the projects subgraph in ${res.ms} ms`);
  });

  it('the same chain within the depth limit is QUERY_TOO_COMPLEX at the projects subgraph (four lists of 50 events)', async () => {
    const query = `{ projects(first: 1) { edges { node { ${eventsChain(4)} } } } }`;
    expectRefused(await timed(at('projects'), query), 'QUERY_TOO_COMPLEX', DEFAULT_QUERY_LIMITS.maxCost, 'estimate');
  });

  it('a depth-12 form repeated under 30 aliases is refused', async () => {
    const one = `projects(first: 1) { edges { node { ${eventsChain(4)} } } }`;
    const query = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: ${one}`).join(' ')} }`;
    for (const where of ['gateway', 'projects'] as const) {
      expectRefused(await timed(at(where), query), 'QUERY_TOO_COMPLEX', DEFAULT_QUERY_LIMITS.maxCost, 'estimate');
    }
  });
});

/** Cost of a chain of lists of the given sizes, one object per level: s1 × (1 + s2 × (1 + …)). */
function estimateOfChain(sizes: number[]): number {
  return sizes.reduceRight((inner, size) => size * (1 + inner), 0);
}

describe('each limit, through the gateway and straight at a subgraph', () => {
  const L = DEFAULT_QUERY_LIMITS;
  const cases: [string, 'clusters' | 'projects', string, number, 'actual' | 'estimate'][] = [
    ['QUERY_TOO_DEEP', 'projects', `{ projects(first: 1) { edges { node { ${eventsChain(5)} } } } }`, L.maxDepth, 'actual'],
    ['TOO_MANY_ALIASES', 'clusters', `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`, L.maxAliases, 'actual'],
    [
      'TOO_MANY_DIRECTIVES',
      'clusters',
      `{ clusters { ${Array.from({ length: 21 }, () => 'code @skip(if: false)').join(' ')} } }`,
      L.maxDirectives,
      'actual',
    ],
    // The connection, then 100 × (edge + project + 50 events × (1 + 50 attendees)) = 1 + 100 × 2,552 = 255,201.
    ['QUERY_TOO_COMPLEX', 'projects', '{ projects(first: 100) { edges { node { events { attendees { id } } } } } }', L.maxCost, 'estimate'],
  ];
  for (const [code, subgraph, query, limit, key] of cases) {
    it(`${code}: HTTP 400 with the limit and the figure, at the gateway and at ${subgraph}`, async () => {
      for (const where of ['gateway', subgraph] as const) {
        const figure = expectRefused(await timed(at(where), query), code, limit, key);
        if (code === 'QUERY_TOO_COMPLEX') expect(figure).toBe(255_201);
      }
    });
  }
});

describe('list sizes come from the request', () => {
  const query = 'query($n: Int) { projects(first: $n) { edges { node { id events { attendees { id } } } } } }';

  it('a `first` passed as a variable is counted: the same document passes with 1 and is refused with 100', async () => {
    // Twice: the second round is answered from the figures kept per document and page size (MeasureCache).
    for (const round of [1, 2]) {
      for (const where of ['gateway', 'projects'] as const) {
        const small = await timed(at(where), query, { n: 1 });
        expect(small.status, `${where}, round ${round}: ${small.text}`).toBe(200);
        expect(small.body?.errors).toBeUndefined();
        expect(small.body?.data?.projects?.edges).toHaveLength(1);
        const big = await timed(at(where), query, { n: 100 });
        expect(expectRefused(big, 'QUERY_TOO_COMPLEX', DEFAULT_QUERY_LIMITS.maxCost, 'estimate')).toBe(255_201);
      }
    }
  });

  it('`_entities` is counted by its representations, literal or variable', async () => {
    const ids: string[] = (await hub.query('{ companies(first: 100) { edges { node { id } } } }')).data.companies.edges.map(
      (e: { node: { id: string } }) => e.node.id,
    );
    const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { projects { events { id } } } } }';
    const few = await timed(at('projects'), entities, { r: ids.slice(0, 2).map((id) => ({ __typename: 'Company', id })) });
    // 100 representations (whether the companies exist does not matter) × (1 + 50 projects × (1 + 50 events)) = 255,100.
    const hundred = [...ids, ...Array.from({ length: 100 }, () => randomUUID())].slice(0, 100);
    expect(few.status, few.text).toBe(200);
    expect(few.body?.errors).toBeUndefined();
    const many = await timed(at('projects'), entities, { r: hundred.map((id) => ({ __typename: 'Company', id })) });
    expect(expectRefused(many, 'QUERY_TOO_COMPLEX', DEFAULT_QUERY_LIMITS.maxCost, 'estimate')).toBe(100 * estimateOfChain([1, 50, 50]));
    const literal = `{ _entities(representations: [${hundred
      .map((id) => `{ __typename: "Company", id: "${id}" }`)
      .join(', ')}]) { ... on Company { projects { events { id } } } } }`;
    expectRefused(await timed(at('projects'), literal), 'QUERY_TOO_COMPLEX', DEFAULT_QUERY_LIMITS.maxCost, 'estimate');
  });

  it('a query just under the cost limit answers (figure printed: the most expensive anonymous query that passes)', async () => {
    // 1 + 97 × (1 + 1 + 50 × (1 + 50)) = 247,545 ≤ 250,000; with first: 98 it is 250,097 and refused.
    const query = '{ projects(first: 97) { edges { node { id events { id attendees { id name } } } } } }';
    const res = await timed(hub.gatewayUrl, query);
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.body?.errors).toBeUndefined();
    const over = await timed(hub.gatewayUrl, query.replace('first: 97', 'first: 98'));
    expect(expectRefused(over, 'QUERY_TOO_COMPLEX', DEFAULT_QUERY_LIMITS.maxCost, 'estimate')).toBe(250_097);
    console.log(`demand control: estimated cost 247,545 answered in ${res.ms} ms, ${Buffer.byteLength(res.text)} bytes (demo data)`);
  });

  it("the README's first question passes", async () => {
    const readme = `{ companyByEnterpriseNumber(enterpriseNumber: "BE 0832.531.697") {
      name clusters { code } suggestedPartners(limit: 2) { score partner { nameEn } }
      projects { title partners { nameZh } events { title startsAt } } } }`;
    const res = await timed(hub.gatewayUrl, readme);
    expect(res.status, res.text).toBe(200);
    expect(res.body?.errors).toBeUndefined();
    expect(res.body?.data?.companyByEnterpriseNumber?.name).toBe('AquaNova Filtration');
  });
});

describe('response size', () => {
  const companies = '{ companies(first: 100) { edges { node { id name description municipality enterpriseNumber } } } }';

  it('an answer over SUBGRAPH_RESPONSE_LIMIT is RESPONSE_TOO_LARGE at the subgraph, HTTP 400, and the gateway passes it on', async () => {
    const direct = await timed(at('companies'), companies);
    expectClientError(direct, { code: 'RESPONSE_TOO_LARGE', status: 400 });
    const ext = direct.body!.errors![0].extensions!;
    expect(ext.limit).toBe(SUBGRAPH_RESPONSE_LIMIT);
    expect(ext.actual).toBeGreaterThan(SUBGRAPH_RESPONSE_LIMIT);
    const through = await timed(hub.gatewayUrl, companies);
    expect(through.body?.data?.companies ?? null).toBeNull();
    expect(through.body?.errors?.[0]?.extensions?.code, through.text).toBe('RESPONSE_TOO_LARGE');
    expect(through.body?.errors?.[0]?.extensions?.serviceName).toBe('companies');
  });

  it('an answer over RESPONSE_LIMIT is RESPONSE_TOO_LARGE at the gateway, though each subgraph answer fits', async () => {
    // Four subgraphs, each answering well under SUBGRAPH_RESPONSE_LIMIT; together over RESPONSE_LIMIT.
    const parts = {
      companies: '{ companies(first: 15) { edges { node { id name description } } } }',
      partners: '{ partners(first: 100) { edges { node { id creditCode nameEn nameZh kind district cleantechDomains themes website } } } }',
      projects: '{ projects(first: 100) { edges { node { id title summary theme status leadOrganisation } } } }',
      events: '{ events { id title kind startsAt location } }',
    };
    let total = 0;
    for (const [name, part] of Object.entries(parts)) {
      const alone = await timed(hub.gatewayUrl, part);
      expect(alone.status, `${name}: ${alone.text.slice(0, 300)}`).toBe(200);
      expect(alone.body?.errors, name).toBeUndefined();
      total += Buffer.byteLength(alone.text);
      console.log(`response size: ${name} ${Buffer.byteLength(alone.text)} bytes`);
    }
    expect(total).toBeGreaterThan(GATEWAY_RESPONSE_LIMIT);
    const res = await timed(
      hub.gatewayUrl,
      `{ ${Object.values(parts)
        .map((p) => p.slice(1, -1))
        .join(' ')} }`,
    );
    expectClientError(res, { code: 'RESPONSE_TOO_LARGE', status: 400 });
    expect(res.body!.errors![0].extensions!.limit).toBe(GATEWAY_RESPONSE_LIMIT);
    expect(res.body!.errors![0].message).toMatch(/more than this server sends/);
  });
});

describe('optional paging of the plain lists', () => {
  it('Cluster.members, events, Project.events, Event.attendees and Company.projects take first and after (the id of the last item)', async () => {
    const all = await hub.query(
      '{ cluster(code: CLEANTECH) { members(first: 100) { company { id } } } events(first: 100) { id attendees(first: 100) { id } } }',
    );
    expect(all.errors).toBeUndefined();
    const members: string[] = all.data.cluster.members.map((m: { company: { id: string } }) => m.company.id);
    expect(members.length).toBeGreaterThan(3);
    // Two pages of 2 are the first four members, in the same order.
    const first = await hub.query('{ cluster(code: CLEANTECH) { members(first: 2) { company { id } } } }');
    const firstIds = first.data.cluster.members.map((m: { company: { id: string } }) => m.company.id);
    const second = await hub.query(
      'query($after: ID) { cluster(code: CLEANTECH) { members(first: 2, after: $after) { company { id } } } }',
      {
        after: firstIds[1],
      },
    );
    expect([...firstIds, ...second.data.cluster.members.map((m: { company: { id: string } }) => m.company.id)]).toEqual(
      members.slice(0, 4),
    );
    // The root events list pages by keyset in SQL.
    const events: string[] = all.data.events.map((e: { id: string }) => e.id);
    const page = await hub.query('query($after: ID) { events(first: 3, after: $after) { id } }', { after: events[2] });
    expect(page.data.events.map((e: { id: string }) => e.id)).toEqual(events.slice(3, 6));
    // Without first, a list answers at most 50 items.
    const unpaged = await hub.query('{ events { id } }');
    expect(unpaged.data.events).toEqual(all.data.events.slice(0, 50).map((e: { id: string }) => ({ id: e.id })));
    // Nested lists page per parent.
    const attendees = await hub.query('{ events(first: 100) { attendees(first: 1) { id } } }');
    attendees.data.events.forEach((e: { attendees: unknown[] }, i: number) =>
      expect(e.attendees).toEqual(all.data.events[i].attendees.slice(0, 1)),
    );
  });

  it('an `after` that is not an item of the list, or first outside 1..100, is BAD_USER_INPUT naming it', async () => {
    const wrongAfter = await hub.query(`{ events(after: "${randomUUID()}") { id } }`);
    expect(wrongAfter.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongAfter.errors?.[0]?.extensions?.field).toBe('after');
    const nested = await hub.query(`{ cluster(code: FOOD) { members(after: "${randomUUID()}") { since } } }`);
    expect(nested.errors?.[0]?.extensions?.field).toBe('after');
    const tooMany = await hub.query('{ events(first: 101) { id } }');
    expect(tooMany.errors?.[0]?.extensions?.field).toBe('first');
  });
});

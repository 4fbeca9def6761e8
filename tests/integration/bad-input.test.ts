import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeFromBase } from '../../subgraphs/partners/validation';
import { ROOT } from '../../platform/paths';
import { SUBGRAPH_NAMES } from '../../platform/services';
import { clientErrorProblem, expectClientError, post, postJson, type RawResponse } from '../helpers/bad-input';
import { databaseState } from '../helpers/expect';
import { forgeToken, startTestHub, token, type TestHub } from '../helpers/hub';

/**
 * Issue 11: each malformed request an outside probe of the running hub found
 * answering an internal error, an HTTP 500 or an HTML error page. Every answer
 * here must be a JSON GraphQL error with a client code, at the gateway and
 * straight at the subgraphs, and nothing may be written.
 */
let hub: TestHub;
let before: Record<string, unknown>;
const t: Record<string, string> = {};
/** A company of the demo data, read from the API once the hub runs. */
let COMPANY = '';

/** Every endpoint: the gateway and each subgraph. */
const endpoints = () => [['gateway', hub.gatewayUrl], ...SUBGRAPH_NAMES.map((n) => [n, hub.subgraphs[n].url])];

beforeAll(async () => {
  // A small subgraph body limit, so that "over the limit" needs no 20 MB body (nothing here sends big batches).
  hub = await startTestHub({ SUBGRAPH_BODY_LIMIT: '200kb' });
  t.vbEditor = await token({ org: 'vlaams-brabant', roles: ['editor'] });
  t.shEditor = await token({ org: 'smart-hub', roles: ['editor'] });
  t.cdEditor = await token({ org: 'chengdu', roles: ['editor'] });
  const first = await postJson(hub.gatewayUrl, { query: '{ companies(first: 1) { edges { node { id } } } }' });
  COMPANY = first.body!.data.companies.edges[0].node.id;
  before = await databaseState(hub);
});
afterAll(async () => {
  // Nothing in this file may write anything.
  if (hub) expect(await databaseState(hub)).toEqual(before);
  await hub?.stop();
});

const cursor = (json: string) => Buffer.from(json, 'utf8').toString('base64url');

describe('forged cursors never reach SQL', () => {
  const uuid = randomUUID();
  const shapes: [string, string][] = [
    ['a non-UUID id', '["a","x"]'],
    ['a NUL in the sort value', `["\\u0000","${uuid}"]`],
    ['a NUL in the id', '["a","\\u0000"]'],
    ['a number as sort value', `[1,"${uuid}"]`],
    ['null as sort value', `[null,"${uuid}"]`],
    ['three elements', `["a","${uuid}","b"]`],
    ['an object', '{"x":1}'],
    ['a bare string', '"a"'],
    ['a lone surrogate', `["\\ud800","${uuid}"]`],
    ['an id with a letter outside hex', '["a","00000000-0000-0000-0000-00000000000g"]'],
    ['a control character', `["a\\u0085b","${uuid}"]`],
    ['a sort value longer than any name', `["${'x'.repeat(600)}","${uuid}"]`],
  ];
  const lists = [
    ['companies', 'companies', '{ companies(first: 2, after: $after) { totalCount edges { cursor } } }'],
    ['partners', 'partners', '{ partners(first: 2, after: $after) { totalCount edges { cursor } } }'],
    ['projects', 'projects', '{ projects(first: 2, after: $after) { totalCount edges { cursor } } }'],
  ] as const;

  for (const [list, subgraph, selection] of lists) {
    it(`${list}: BAD_USER_INPUT naming after, through the gateway and straight at the subgraph`, async () => {
      for (const [what, json] of shapes) {
        for (const url of [hub.gatewayUrl, hub.subgraphs[subgraph].url]) {
          const res = await postJson(url, { query: `query($after: String) ${selection}`, variables: { after: cursor(json) } });
          expectClientError(res, { code: 'BAD_USER_INPUT', field: 'after' });
          expect(res.body?.errors?.[0]?.message, what).toMatch(/^after: /);
        }
      }
    });
  }

  it('still pages with the cursors it issued', async () => {
    const first = await postJson(hub.gatewayUrl, { query: '{ companies(first: 2) { edges { node { id } } pageInfo { endCursor } } }' });
    const next = await postJson(hub.gatewayUrl, {
      query: 'query($after: String) { companies(first: 2, after: $after) { edges { node { id } } } }',
      variables: { after: first.body!.data.companies.pageInfo.endCursor },
    });
    expect(next.body?.errors).toBeUndefined();
    expect(next.body!.data.companies.edges).toHaveLength(2);
  });
});

describe('client mistakes are HTTP 400, not 500', () => {
  const persisted = { version: 1, sha256Hash: '0'.repeat(64) };
  const cases: [string, object, string][] = [
    ['a syntax error', { query: '{ clusters { code ' }, 'GRAPHQL_PARSE_FAILED'],
    ['first: -Infinity', { query: '{ companies(first: -Infinity) { totalCount } }' }, 'GRAPHQL_PARSE_FAILED'],
    ['two operations and no operationName', { query: 'query A { __typename } query B { __typename }' }, 'OPERATION_RESOLUTION_FAILURE'],
    ['an operationName not in the document', { query: 'query A { __typename }', operationName: 'B' }, 'OPERATION_RESOLUTION_FAILURE'],
    ['a subscription', { query: 'subscription { __typename }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['a persisted-query hash that does not match', { query: '{ __typename }', extensions: { persistedQuery: persisted } }, 'BAD_REQUEST'],
  ];
  for (const [what, payload, code] of cases) {
    it(`${what}: ${code}, at the gateway and every subgraph`, async () => {
      for (const [name, url] of endpoints()) {
        const res = await postJson(url, payload);
        expect(res.status, name).toBe(400);
        expectClientError(res, { code, status: 400 });
      }
    });
  }

  it('more than 50 bad values in the variables (graphql-js gives up with an uncoded error): BAD_USER_INPUT, HTTP 400', async () => {
    const input = { creditCode: 'x', nameZh: 'x', nameEn: 'x', kind: 'COMPANY', district: 'Wuhou', themes: [] };
    for (const url of [hub.gatewayUrl, hub.subgraphs.partners.url]) {
      const res = await postJson(url, {
        query: 'mutation($i: CreatePartnerInput!) { createPartner(input: $i) { id } }',
        variables: { i: { ...input, cleantechDomains: Array.from({ length: 60 }, (_, i) => `NOPE_${i}`) } },
      });
      expectClientError(res, { code: 'BAD_USER_INPUT', status: 400 });
      expect(res.body!.errors!.every((e) => e.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
    }
  });

  it('a query over the token limit: GRAPHQL_PARSE_FAILED, HTTP 400, as docs/trust.md promises', async () => {
    const fragments = Array.from({ length: 400 }, (_, i) => `fragment f${i} on Cluster { code memberCount }`).join(' ');
    const res = await postJson(hub.gatewayUrl, { query: `{ clusters { code } } ${fragments}` });
    expectClientError(res, { code: 'GRAPHQL_PARSE_FAILED', status: 400 });
    expect(res.body!.errors![0].message).toMatch(/token/i);
  });
});

describe('malformed HTTP bodies: JSON GraphQL errors, never an HTML page with a stack trace', () => {
  const json = { 'content-type': 'application/json' };
  const cases: [string, () => Promise<string | Uint8Array<ArrayBuffer>>, Record<string, string>, number, string][] = [
    ['truncated JSON', async () => '{"query": "{ clusters { code } }"', json, 400, 'BAD_REQUEST'],
    ['a body of null', async () => 'null', json, 400, 'BAD_REQUEST'],
    ['a bare JSON string', async () => '"{ clusters { code } }"', json, 400, 'BAD_REQUEST'],
    ['a bare number', async () => '42', json, 400, 'BAD_REQUEST'],
    [
      'charset=utf-16',
      async () => new Uint8Array(Buffer.from('{"query":"{ __typename }"}', 'utf16le')),
      { 'content-type': 'application/json; charset=utf-16' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'charset=latin1',
      async () => '{"query":"{ __typename }"}',
      { 'content-type': 'application/json; charset=latin1' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a body over the limit',
      async () => JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(300_000) } }),
      json,
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ];
  for (const [what, body, headers, status, code] of cases) {
    it(`${what}: HTTP ${status}, ${code}, at the gateway and every subgraph`, async () => {
      const payload = await body();
      for (const [name, url] of endpoints()) {
        const res: RawResponse = await post(url, payload, headers);
        expect(res.status, `${name}: ${res.text.slice(0, 300)}`).toBe(status);
        expectClientError(res, { code, status });
      }
    });
  }

  it('the servers keep answering', async () => {
    for (const [, url] of endpoints()) {
      const res = await postJson(url, { query: '{ __typename }' });
      expect(res.body?.data?.__typename).toBe('Query');
    }
  });
});

describe('malformed _entities representations sent straight to a subgraph', () => {
  const representations: [string, () => unknown][] = [
    ['id: null', () => ({ __typename: 'Company', id: null })],
    ['no id', () => ({ __typename: 'Company' })],
    ['an unknown __typename', () => ({ __typename: 'Spaceship', id: COMPANY })],
    ['no __typename', () => ({ id: COMPANY })],
    ['a plain string', () => 'Company'],
    ['a number as id', () => ({ __typename: 'Company', id: 42 })],
    ['an object as id', () => ({ __typename: 'Company', id: { $ne: null } })],
  ];
  for (const [what, representation] of representations) {
    it(`${what}: BAD_USER_INPUT naming representations, at every subgraph`, async () => {
      for (const name of SUBGRAPH_NAMES) {
        const res = await postJson(hub.subgraphs[name].url, {
          query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
          variables: { r: [representation()] },
        });
        expectClientError(res, { code: 'BAD_USER_INPUT', field: /^representations/ });
      }
    });
  }

  it('a partners Company without, or with malformed, @requires fields: BAD_USER_INPUT, also when they are selected directly', async () => {
    for (const representation of [
      { __typename: 'Company', id: COMPANY },
      { __typename: 'Company', id: COMPANY, cleantechDomains: {}, chinaStatus: 'ACTIVE' },
      { __typename: 'Company', id: COMPANY, cleantechDomains: [], chinaStatus: ['ACTIVE'] },
    ]) {
      const res = await postJson(hub.subgraphs.partners.url, {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { cleantechDomains chinaStatus } } }',
        variables: { r: [representation] },
      });
      expectClientError(res, { code: 'BAD_USER_INPUT', field: 'representations' });
    }
  });

  it('well-formed representations still resolve', async () => {
    const res = await postJson(hub.subgraphs.companies.url, {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { id name } } }',
      variables: {
        r: [
          { __typename: 'Company', id: COMPANY },
          { __typename: 'Company', id: 'not-a-uuid' },
        ],
      },
    });
    expect(res.body?.errors).toBeUndefined();
    expect(res.body!.data._entities[0].id).toBe(COMPANY);
    expect(res.body!.data._entities[1]).toBeNull();
  });
});

describe('dates and date-times the API can read back', () => {
  const SCHEDULE = 'mutation($input: ScheduleEventInput!) { scheduleEvent(input: $input) { id startsAt } }';
  const event = (startsAt: string) => ({ title: 'Fuzz day', kind: 'WEBINAR', location: 'Leuven', startsAt });

  it('refuses scheduleEvent at 9999-12-31T23:59:59-14:00 (answered as year +010000, unreadable)', async () => {
    for (const url of [hub.gatewayUrl, hub.subgraphs.projects.url]) {
      const res = await postJson(
        url,
        { query: SCHEDULE, variables: { input: event('9999-12-31T23:59:59-14:00') } },
        { authorization: `Bearer ${t.vbEditor}` },
      );
      expectClientError(res, { code: 'BAD_USER_INPUT', field: 'input.startsAt', status: 400 });
    }
  });

  it('refuses the year 0100 for since and panelDate', async () => {
    const since = await postJson(
      hub.gatewayUrl,
      {
        query: 'mutation($id: ID!, $since: Date) { addClusterMember(cluster: FOOD, companyId: $id, since: $since) { since } }',
        variables: { id: COMPANY, since: '0100-01-01' },
      },
      { authorization: `Bearer ${t.shEditor}` },
    );
    expectClientError(since, { code: 'BAD_USER_INPUT', field: 'since' });
    const panel = await postJson(
      hub.gatewayUrl,
      {
        query: 'mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id } }',
        variables: { input: { companyId: COMPANY, panelDate: '0100-01-01', marketFit: 3, recommendation: 'Go' } },
      },
      { authorization: `Bearer ${t.vbEditor}` },
    );
    expectClientError(panel, { code: 'BAD_USER_INPUT', field: 'input.panelDate' });
  });

  it('refuses impossible clock times and offsets that JavaScript would silently roll over', async () => {
    for (const startsAt of ['2027-02-04T24:00:00Z', '2027-02-04T14:00:00+25:00', '2027-02-04T14:60:00Z']) {
      const res = await postJson(
        hub.gatewayUrl,
        { query: SCHEDULE, variables: { input: event(startsAt) } },
        { authorization: `Bearer ${t.vbEditor}` },
      );
      expectClientError(res, { code: 'BAD_USER_INPUT', field: 'input.startsAt' });
    }
  });

  it('every bound that is accepted reads back and is accepted again (events query)', async () => {
    for (const value of ['1900-01-01T00:00:00Z', '2100-12-31T23:59:59.999Z', '2100-12-31T10:00:00-13:00']) {
      const res = await postJson(hub.gatewayUrl, {
        query: 'query($from: DateTime) { events(from: $from) { id } }',
        variables: { from: value },
      });
      expect(res.body?.errors, value).toBeUndefined();
    }
    const over = await postJson(hub.gatewayUrl, {
      query: 'query($to: DateTime) { events(to: $to) { id } }',
      variables: { to: '2100-12-31T23:59:59-14:00' },
    });
    expectClientError(over, { code: 'BAD_USER_INPUT', field: 'to' });
  });
});

describe('loose text', () => {
  const COMPANY_INPUT = {
    enterpriseNumber: '0712.345.630',
    name: 'x',
    municipality: 'Leuven',
    postalCode: '3000',
    employees: 5,
    cleantechDomains: ['WATER_TREATMENT'],
    chinaStatus: 'EXPLORING',
  };
  const texts: [string, string][] = [
    ['only zero-width characters', '\u200b\u200c\u200d\u2060'],
    ['only a byte-order mark and a Hangul filler', '\ufeff\u3164'],
    ['a right-to-left override', 'Acme \u202egnp.exe'],
    ['a bidirectional isolate', 'Acme \u2067x\u2069'],
    ['a C1 control character', 'Acme\u0085Corp'],
    ['a lone surrogate', 'Acme \ud800 Corp'],
    ['a line feed in a name', 'Acme\nCorp'],
  ];
  for (const [what, name] of texts) {
    it(`refuses a name or title with ${what}`, async () => {
      const company = await postJson(
        hub.gatewayUrl,
        {
          query: 'mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id } }',
          variables: { input: { ...COMPANY_INPUT, name } },
        },
        { authorization: `Bearer ${t.vbEditor}` },
      );
      expectClientError(company, { code: 'BAD_USER_INPUT', field: 'input.name' });
      const project = await postJson(
        hub.subgraphs.projects.url,
        {
          query: 'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
          variables: { input: { title: name, theme: 'HERITAGE' } },
        },
        { authorization: `Bearer ${t.cdEditor}` },
      );
      expectClientError(project, { code: 'BAD_USER_INPUT', field: 'input.title' });
    });
  }
});

describe('credit codes checked in full', () => {
  const CREATE = 'mutation($input: CreatePartnerInput!) { createPartner(input: $input) { id } }';
  const partner = (creditCode: string) => ({
    creditCode,
    nameZh: '测试',
    nameEn: 'Test',
    kind: 'COMPANY',
    district: 'Wuhou',
    cleantechDomains: [],
    themes: [],
  });
  const codes: [string, string, RegExp][] = [
    ['all zeros (its checksum is right)', '000000000000000000', /registration authority/],
    ['letters in the region code', creditCodeFromBase('9151A1010MA6GCA99'), /region/],
    ['an entity type the authority does not have', creditCodeFromBase('9751010709055652X'), /entity type/],
    ['a region outside every province', creditCodeFromBase('9199010709055652X'), /province/],
  ];
  for (const [what, code, reason] of codes) {
    it(`refuses ${what}`, async () => {
      const res = await postJson(
        hub.gatewayUrl,
        { query: CREATE, variables: { input: partner(code) } },
        { authorization: `Bearer ${t.cdEditor}` },
      );
      expectClientError(res, { code: 'BAD_USER_INPUT', field: 'input.creditCode' });
      expect(res.body!.errors![0].message).toMatch(reason);
      const lookup = await postJson(hub.subgraphs.partners.url, {
        query: 'query($c: String!) { partnerByCreditCode(creditCode: $c) { id } }',
        variables: { c: code },
      });
      expectClientError(lookup, { code: 'BAD_USER_INPUT', field: 'creditCode' });
    });
  }
});

describe('tokens', () => {
  it('refuses a token issued in the future, at the gateway and at a subgraph', async () => {
    const now = Math.floor(Date.now() / 1000);
    const future = await forgeToken('vlaams-brabant', { sub: 'time-traveller', roles: ['editor'], iat: now + 3600, exp: now + 7200 });
    for (const url of [hub.gatewayUrl, hub.subgraphs.companies.url]) {
      const res = await postJson(url, { query: '{ __typename }' }, { authorization: `Bearer ${future}` });
      expectClientError(res, { code: 'UNAUTHENTICATED', status: 401 });
      expect(res.body!.errors![0].message).toMatch(/iat|issued/i);
    }
  });

  it('tells an anonymous writer that writes need a token, at the gateway and at every subgraph', async () => {
    const writes: [string, string, object][] = [
      ['companies', 'mutation($id: ID!) { deleteCompany(id: $id) }', { id: COMPANY }],
      ['clusters', 'mutation($id: ID!) { removeClusterMember(cluster: FOOD, companyId: $id) }', { id: COMPANY }],
      [
        'partners',
        'mutation { createPartner(input: { creditCode: "x", nameZh: "x", nameEn: "x", kind: COMPANY, district: "Wuhou", cleantechDomains: [], themes: [] }) { id } }',
        {},
      ],
      ['projects', 'mutation { createProject(input: { title: "x", theme: HERITAGE }) { id } }', {}],
    ];
    for (const [name, query, variables] of writes) {
      for (const url of [hub.gatewayUrl, hub.subgraphs[name as keyof TestHub['subgraphs']].url]) {
        const res = await postJson(url, { query, variables });
        expectClientError(res, { code: 'UNAUTHENTICATED' });
        const message = res.body!.errors![0].message;
        expect(message).not.toMatch(/partner organisations/);
        expect(message).toMatch(/token/i);
        expect(message).toMatch(/writ/i);
      }
    }
  });
});

describe('docs/trust.md: the table of bad input is what the hub answers', () => {
  const auth = (tok: string) => ({ authorization: `Bearer ${tok}` });
  const json = { 'content-type': 'application/json' };
  const both = (subgraph: keyof TestHub['subgraphs']) => [hub.gatewayUrl, hub.subgraphs[subgraph].url];
  const each = (urls: string[], send: (url: string) => Promise<RawResponse>) => Promise.all(urls.map(send));
  const raw = (urls: string[], bodies: string[], headers: Record<string, string> = json) =>
    Promise.all(urls.flatMap((url) => bodies.map((b) => post(url, b, headers))));
  const gql = (urls: string[], payload: object, headers: Record<string, string> = {}) =>
    each(urls, (url) => postJson(url, payload, headers));

  /** One entry per row of the table, keyed by its first cell: requests that must get the row's answer. */
  const rows: Record<string, () => Promise<RawResponse[]>> = {
    'body that is not JSON (cut short, not JSON at all)': () => raw(both('clusters'), ['{"query": "{ clusters', 'hello']),
    'body of `null`, a bare string or a bare number': () => raw(both('clusters'), ['null', '"{ clusters { code } }"', '42']),
    'body without `query` (`{}`), or `query` not a string': () => raw(both('clusters'), ['{}', '{"query": 1}']),
    'batch (a JSON array of requests)': () => raw(both('clusters'), ['[{"query": "{ __typename }"}, {"query": "{ __typename }"}]']),
    '`Content-Type` charset other than UTF-8': async () => [
      ...(await raw(both('clusters'), ['{"query": "{ __typename }"}'], { 'content-type': 'application/json; charset=latin1' })),
      ...(await raw(both('clusters'), ['{"query": "{ __typename }"}'], { 'content-type': 'application/json; charset=utf-16' })),
    ],
    '`Content-Encoding` the body does not have': () =>
      raw(both('clusters'), ['{"query": "{ __typename }"}'], { ...json, 'content-encoding': 'gzip' }),
    'body over the limit': () =>
      raw(both('clusters'), [JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(300_000) } })]),
    'request line or headers over 16 KB (a long GET query)': () =>
      each(both('clusters'), async (url) => {
        const res = await fetch(`${url}?query=${'x'.repeat(20_000)}`, { headers: { 'apollo-require-preflight': '1' } });
        const text = await res.text();
        return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body: JSON.parse(text) };
      }),
    '`text/plain` POST (CSRF prevention)': () => raw(both('clusters'), ['{"query": "{ __typename }"}'], { 'content-type': 'text/plain' }),
    'a mutation sent with GET': () =>
      each(both('companies'), async (url) => {
        const res = await fetch(`${url}?query=${encodeURIComponent('mutation { deleteCompany(id: "x") }')}`, {
          headers: { 'apollo-require-preflight': '1' },
        });
        const text = await res.text();
        return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body: JSON.parse(text) };
      }),
    'a path other than `/graphql`': () =>
      raw(
        both('clusters').map((u) => u.replace(/\/graphql$/, '/nothing-here')),
        ['{"query": "{ __typename }"}'],
      ),
    'GraphQL syntax error (`{ clusters { code `, `first: -Infinity`)': async () => [
      ...(await gql(both('clusters'), { query: '{ clusters { code ' })),
      ...(await gql(both('companies'), { query: '{ companies(first: -Infinity) { totalCount } }' })),
    ],
    'more tokens than `LIMIT_MAX_TOKENS` (gateway)': () =>
      gql([hub.gatewayUrl], {
        query: `{ clusters { code } } ${Array.from({ length: 400 }, (_, i) => `fragment f${i} on Cluster { code memberCount }`).join(' ')}`,
      }),
    'unknown field, argument of the wrong type written in the document': async () => [
      ...(await gql(both('companies'), { query: '{ companiez { totalCount } }' })),
      ...(await gql(both('companies'), { query: '{ companies(first: "ten") { totalCount } }' })),
    ],
    'deeper than `LIMIT_MAX_DEPTH`': () =>
      gql(both('projects'), {
        query: `{ projects(first: 1) { edges { node { ${'events { project { '.repeat(6)}id${' } }'.repeat(6)} } } } }`,
      }),
    'more aliases than `LIMIT_MAX_ALIASES`': () =>
      gql(both('clusters'), { query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: clusters { code }`).join(' ')} }` }),
    'more directives than `LIMIT_MAX_DIRECTIVES`': () =>
      gql(both('clusters'), { query: `{ clusters { ${Array.from({ length: 25 }, () => 'code @include(if: true)').join(' ')} } }` }),
    'costlier than `LIMIT_MAX_COST` (each list multiplies what is under it)': () =>
      gql(both('projects'), { query: '{ events { project { events { project { events { project { events { id } } } } } } } }' }),
    'two operations and no `operationName`, or an `operationName` not in the document': async () => [
      ...(await gql(both('clusters'), { query: 'query A { __typename } query B { __typename }' })),
      ...(await gql(both('clusters'), { query: 'query A { __typename }', operationName: 'C' })),
    ],
    'a `subscription`': () => gql(both('clusters'), { query: 'subscription { __typename }' }),
    'persisted-query hash that does not match the query': () =>
      gql(both('clusters'), { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    'persisted-query hash the server does not know (automatic persisted queries: the client sends the query again)': () =>
      gql(both('clusters'), { extensions: { persistedQuery: { version: 1, sha256Hash: 'e'.repeat(64) } } }),
    'variable of the wrong type (`first: "ten"`, an unknown enum value)': () =>
      gql(both('partners'), {
        query: 'query($a0: PartnerFilter) { partners(filter: $a0) { totalCount } }',
        variables: { a0: { kind: 'NOPE' } },
      }),
    'more than 50 bad values in the variables': () =>
      gql(both('partners'), {
        query: 'mutation($i: CreatePartnerInput!) { createPartner(input: $i) { id } }',
        variables: {
          i: {
            creditCode: 'x',
            nameZh: 'x',
            nameEn: 'x',
            kind: 'COMPANY',
            district: 'Wuhou',
            themes: [],
            cleantechDomains: Array.from({ length: 60 }, (_, i) => `NOPE_${i}`),
          },
        },
      }),
    '`Date` or `DateTime` malformed or out of bounds (as a variable)': () =>
      gql(
        both('projects'),
        {
          query: 'mutation($input: ScheduleEventInput!) { scheduleEvent(input: $input) { id } }',
          variables: { input: { title: 'x', kind: 'WEBINAR', location: 'Leuven', startsAt: '9999-12-31T23:59:59-14:00' } },
        },
        auth(t.vbEditor),
      ),
    'token with a bad signature, expired, from an issuer the hub does not trust, not `Bearer`': async () => [
      ...(await gql(both('clusters'), { query: '{ __typename }' }, auth(await forgeToken('chengdu', {}, { key: 'stranger' })))),
      ...(await gql(
        both('clusters'),
        { query: '{ __typename }' },
        auth(await forgeToken('chengdu', { iat: Math.floor(Date.now() / 1000) - 600, exp: Math.floor(Date.now() / 1000) - 120 })),
      )),
      ...(await gql(
        both('clusters'),
        { query: '{ __typename }' },
        auth(await forgeToken('chengdu', { iss: 'https://atlantis.example/' })),
      )),
      ...(await gql(both('clusters'), { query: '{ __typename }' }, { authorization: 'Basic dXNlcjpwYXNz' })),
    ],
    'token issued in the future (`iat` more than 60 s ahead)': async () => {
      const now = Math.floor(Date.now() / 1000);
      const future = await forgeToken('chengdu', { sub: 'x', roles: [], iat: now + 120, exp: now + 600 });
      return gql(both('clusters'), { query: '{ __typename }' }, auth(future));
    },
    'mutation without a token': () => gql(both('companies'), { query: `mutation { deleteCompany(id: "${COMPANY}") }` }),
    'forged or malformed cursor': () => gql(both('companies'), { query: `{ companies(after: "${cursor('["a","x"]')}") { totalCount } }` }),
    '`first` outside 1..100': () => gql(both('companies'), { query: '{ companies(first: 0) { totalCount } }' }),
    'id that is not a UUID': () => gql(both('companies'), { query: '{ company(id: "42") { name } }' }),
    'name or title with control characters or line breaks, bidi overrides or isolates, a lone surrogate, or only invisible characters':
      () =>
        gql(
          both('companies'),
          {
            query: 'mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id } }',
            variables: {
              input: {
                enterpriseNumber: '0712.345.630',
                name: 'Acme \u202egnp.exe',
                municipality: 'Leuven',
                postalCode: '3000',
                employees: 5,
                cleantechDomains: [],
                chinaStatus: 'EXPLORING',
              },
            },
          },
          auth(t.vbEditor),
        ),
    'credit code with an unknown registration authority or entity type, a region code that is not six digits under a province, or a wrong check character':
      () =>
        gql(
          both('partners'),
          {
            query: 'mutation($input: CreatePartnerInput!) { createPartner(input: $input) { id } }',
            variables: {
              input: {
                creditCode: '000000000000000000',
                nameZh: '测试',
                nameEn: 'Test',
                kind: 'COMPANY',
                district: 'Wuhou',
                cleantechDomains: [],
                themes: [],
              },
            },
          },
          auth(t.cdEditor),
        ),
    '`_entities` representation that is not an object, has no or an unknown `__typename`, or lacks its key (straight at a subgraph)': () =>
      gql([hub.subgraphs.companies.url, hub.subgraphs.projects.url], {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
        variables: { r: [{ __typename: 'Spaceship', id: COMPANY }] },
      }),
  };

  /** The rows of the table under "## Bad input: what each kind answers". */
  function tableRows(): { input: string; status: number; code: string; field?: string }[] {
    const doc = readFileSync(join(ROOT, 'docs/trust.md'), 'utf8');
    const section = doc.split('\n## Bad input: what each kind answers')[1].split('\n## ')[0];
    const lines = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| bad input') && !/^\|\s*-/.test(l));
    return lines.map((line) => {
      const cells = line
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.trim());
      const firstCode = (cell: string) => /`([^`]+)`/.exec(cell)?.[1];
      return {
        input: cells[0],
        status: Number(cells[1]),
        code: firstCode(cells[2])!,
        field: cells[3] === '—' ? undefined : firstCode(cells[3]),
      };
    });
  }

  it('has a test for every row and a row for every test', () => {
    const documented = tableRows().map((r) => r.input);
    expect(documented.length).toBeGreaterThan(25);
    expect(documented.filter((r) => !rows[r])).toEqual([]);
    expect(Object.keys(rows).filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('answers every row as documented, at the gateway and straight at a subgraph', async () => {
    for (const row of tableRows()) {
      const responses = await rows[row.input]();
      expect(responses.length, row.input).toBeGreaterThan(0);
      for (const res of responses) {
        const detail = `${row.input}: ${res.status} ${res.text.slice(0, 400)}`;
        expect(clientErrorProblem(res), detail).toBeUndefined();
        expect(res.status, detail).toBe(row.status);
        expect(res.body!.errors![0].extensions?.code, detail).toBe(row.code);
        if (row.field) expect(res.body!.errors![0].extensions?.field, detail).toBe(row.field.replace('[i]', '[0]'));
      }
    }
  });
});

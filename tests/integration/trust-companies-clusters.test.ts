import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgeToken, graphql, startTestHub, token, type TestHub } from '../helpers/hub';
import { databaseState, expectError } from '../helpers/expect';
import { COMPANIES } from '../helpers/demo';
import { demoCompanyId } from '../../platform/ids';

let hub: TestHub;
const t: Record<string, string> = {};

beforeAll(async () => {
  hub = await startTestHub();
  t.vbEditor = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'vb-editor' });
  t.vbViewer = await token({ org: 'vlaams-brabant', roles: [], sub: 'vb-viewer' });
  t.shEditor = await token({ org: 'smart-hub', roles: ['editor'], sub: 'sh-editor' });
  t.cdEditor = await token({ org: 'chengdu', roles: ['editor'], sub: 'cd-editor' });
  t.badSignature = await forgeToken('vlaams-brabant', {}, { key: 'stranger' });
  t.expired = await forgeToken('vlaams-brabant', { exp: Math.floor(Date.now() / 1000) - 60 });
  t.unknownIssuer = await forgeToken('vlaams-brabant', { iss: 'https://login.antwerpen.example/realms/partnerhub' });
  t.impersonation = await forgeToken('chengdu', { org: 'vlaams-brabant' });
});
afterAll(async () => {
  await hub?.stop();
});

/** Every table of the companies and clusters databases, audit logs included: "nothing changed" is exact. */
const companiesState = () => databaseState(hub, ['companies']);
const clustersState = () => databaseState(hub, ['clusters']);

const CREATE = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id enterpriseNumber name municipality version archived } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateCompanyInput!, $v: Int!) { updateCompany(id: $id, input: $input, expectedVersion: $v) { id name employees version } }`;

const validInput = (overrides: Record<string, unknown> = {}) => ({
  enterpriseNumber: 'BE 0123.456.749',
  name: 'Testwater Leuven',
  municipality: 'leuven',
  postalCode: '3000',
  website: 'https://testwater.example',
  foundedYear: 2019,
  employees: 12,
  cleantechDomains: ['WATER_TREATMENT', 'DRINKING_WATER'],
  chinaStatus: 'EXPLORING',
  descriptionEn: 'Membrane filtration for small municipalities.',
  contact: { name: 'An Peeters', email: 'an@testwater.example', phone: '+32 16 12 34 56' },
  ...overrides,
});

describe('tokens', () => {
  const cases: [string, string][] = [
    ['a bad signature', 'badSignature'],
    ['an expired token', 'expired'],
    ['a token of an issuer the hub does not trust', 'unknownIssuer'],
    ["a token of chengdu's issuer claiming to act for vlaams-brabant", 'impersonation'],
  ];
  for (const [label, key] of cases) {
    it(`rejects ${label} at the gateway before planning, and at the subgraph`, async () => {
      const before = await companiesState();
      const viaGateway = await hub.query(CREATE, { input: validInput() }, { token: t[key] });
      expect(viaGateway.status).toBe(401);
      expectError(viaGateway, 'UNAUTHENTICATED');
      const direct = await graphql(hub.subgraphs.companies.url, CREATE, { input: validInput() }, { token: t[key] });
      expect(direct.status).toBe(401);
      expectError(direct, 'UNAUTHENTICATED');
      expect(await companiesState()).toEqual(before);
    });
  }

  it('rejects a header that is not a bearer token', async () => {
    const res = await graphql(hub.gatewayUrl, '{ companies { totalCount } }', undefined, {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expectError(res, 'UNAUTHENTICATED');
  });
});

describe('company writes', () => {
  it('lets a vlaams-brabant editor create, update and archive a company, each with an audit entry', async () => {
    const created = await hub.query(CREATE, { input: validInput() }, { token: t.vbEditor });
    expect(created.errors).toBeUndefined();
    const company = created.data.createCompany;
    expect(company).toMatchObject({ enterpriseNumber: '0123.456.749', municipality: 'Leuven', version: 1, archived: false });

    const updated = await hub.query(UPDATE, { id: company.id, input: { employees: 14, name: 'Testwater' }, v: 1 }, { token: t.vbEditor });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateCompany).toMatchObject({ employees: 14, name: 'Testwater', version: 2 });

    const history = await hub.query(
      `query($id: ID!) { company(id: $id) { history { action actor organisation changes at } } }`,
      { id: company.id },
      { token: t.vbEditor },
    );
    expect(history.errors).toBeUndefined();
    const entries = history.data.company.history;
    expect(entries.map((e: any) => e.action)).toEqual(['UPDATE', 'CREATE']);
    expect(entries[0]).toMatchObject({ actor: 'vb-editor', organisation: 'vlaams-brabant' });
    expect(entries[0].changes).toEqual({ employees: { from: 12, to: 14 }, name: { from: 'Testwater Leuven', to: 'Testwater' } });
    expect(entries[1].changes.enterpriseNumber).toEqual({ from: null, to: '0123.456.749' });

    const del = await hub.query(`mutation($id: ID!) { deleteCompany(id: $id) }`, { id: company.id }, { token: t.vbEditor });
    expect(del.data.deleteCompany).toBe(true);
    const after = await hub.query(
      `query($id: ID!) { company(id: $id) { archived version } companies(filter: { search: "Testwater" }) { totalCount } }`,
      { id: company.id },
    );
    expect(after.data.company).toEqual({ archived: true, version: 3 });
    expect(after.data.companies.totalCount).toBe(0);
    const again = await hub.query(`mutation($id: ID!) { deleteCompany(id: $id) }`, { id: company.id }, { token: t.vbEditor });
    expectError(again, 'NOT_FOUND');
  });

  const unauthorised: [string, string | undefined, string][] = [
    ['anonymous', undefined, 'UNAUTHENTICATED'],
    ['an editor of another organisation', 'cdEditor', 'FORBIDDEN'],
    ['a vlaams-brabant viewer without the editor role', 'vbViewer', 'FORBIDDEN'],
  ];
  for (const [label, key, code] of unauthorised) {
    it(`refuses every company mutation to ${label}, through the gateway and straight at the subgraph`, async () => {
      const id = demoCompanyId(COMPANIES[0].enterpriseNumber);
      const before = await companiesState();
      const tok = key ? t[key] : undefined;
      for (const url of [hub.gatewayUrl, hub.subgraphs.companies.url]) {
        expectError(await graphql(url, CREATE, { input: validInput({ enterpriseNumber: '0123.456.848' }) }, { token: tok }), code);
        expectError(await graphql(url, UPDATE, { id, input: { employees: 1 }, v: 1 }, { token: tok }), code);
        expectError(
          await graphql(
            url,
            `
              mutation ($id: ID!) {
                deleteCompany(id: $id)
              }
            `,
            { id },
            { token: tok },
          ),
          code,
        );
      }
      expect(await companiesState()).toEqual(before);
    });
  }

  const invalid: [string, Record<string, unknown>, string][] = [
    ['an enterprise number with a wrong check', { enterpriseNumber: '0123.456.750' }, 'input.enterpriseNumber'],
    ['an establishment unit number', { enterpriseNumber: '2.123.456.789' }, 'input.enterpriseNumber'],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'input.name'],
    ['an empty name', { name: '   ' }, 'input.name'],
    ['a description over 5,000 characters', { descriptionEn: 'x'.repeat(5001) }, 'input.descriptionEn'],
    ['a municipality outside Vlaams-Brabant', { municipality: 'Gent' }, 'input.municipality'],
    ['a postal code outside the province', { postalCode: '9000' }, 'input.postalCode'],
    ['negative employees', { employees: -1 }, 'input.employees'],
    ['a founding year in the future', { foundedYear: new Date().getFullYear() + 1 }, 'input.foundedYear'],
    ['a founding year before 1800', { foundedYear: 1799 }, 'input.foundedYear'],
    ['a URL that is not http(s)', { website: 'ftp://files.example' }, 'input.website'],
    ['a javascript: URL', { website: 'javascript:alert(1)' }, 'input.website'],
    ['a malformed e-mail address', { contact: { name: 'X', email: 'not-an-email' } }, 'input.contact.email'],
  ];
  for (const [label, override, field] of invalid) {
    it(`rejects ${label} with BAD_USER_INPUT naming ${field}`, async () => {
      const before = await companiesState();
      const res = await hub.query(CREATE, { input: validInput({ enterpriseNumber: '0123.456.848', ...override }) }, { token: t.vbEditor });
      expectError(res, 'BAD_USER_INPUT', field);
      expect(res.errors![0].extensions?.field).toBe(field);
      expect(await companiesState()).toEqual(before);
    });
  }

  it('rejects invalid update fields the same way', async () => {
    const id = demoCompanyId(COMPANIES[1].enterpriseNumber);
    const before = await companiesState();
    expectError(
      await hub.query(UPDATE, { id, input: { postalCode: '2000' }, v: 1 }, { token: t.vbEditor }),
      'BAD_USER_INPUT',
      'input.postalCode',
    );
    expectError(await hub.query(UPDATE, { id, input: { name: null }, v: 1 }, { token: t.vbEditor }), 'BAD_USER_INPUT', 'input.name');
    expectError(await hub.query(UPDATE, { id: 'nope', input: { employees: 3 }, v: 1 }, { token: t.vbEditor }), 'BAD_USER_INPUT', 'id');
    expectError(await hub.query(UPDATE, { id: demoCompanyId('none'), input: { employees: 3 }, v: 1 }, { token: t.vbEditor }), 'NOT_FOUND');
    expect(await companiesState()).toEqual(before);
  });

  it('answers CONFLICT for a duplicate enterprise number in another spelling', async () => {
    const existing = COMPANIES[2].enterpriseNumber;
    const before = await companiesState();
    const res = await hub.query(
      CREATE,
      { input: validInput({ enterpriseNumber: `BE${existing.replace(/\./g, '')}` }) },
      { token: t.vbEditor },
    );
    expectError(res, 'CONFLICT');
    expect(await companiesState()).toEqual(before);
  });

  it('answers CONFLICT with the current version for a stale expectedVersion', async () => {
    const id = demoCompanyId(COMPANIES[4].enterpriseNumber);
    const before = await companiesState();
    const res = await hub.query(UPDATE, { id, input: { employees: 99 }, v: 7 }, { token: t.vbEditor });
    expectError(res, 'CONFLICT');
    expect(res.errors![0].extensions).toMatchObject({ currentVersion: 1, expectedVersion: 7 });
    expect(await companiesState()).toEqual(before);
  });

  it('lets exactly one of two concurrent updates with the same version win', async () => {
    const id = demoCompanyId(COMPANIES[5].enterpriseNumber);
    const results = await Promise.all(
      [101, 202].map((employees) => hub.query(UPDATE, { id, input: { employees }, v: 1 }, { token: t.vbEditor })),
    );
    const ok = results.filter((r) => !r.errors);
    const conflicts = results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(1);
    const now = await hub.query(`query($id: ID!) { company(id: $id) { employees version } }`, { id });
    expect(now.data.company).toEqual({ employees: ok[0].data.updateCompany.employees, version: 2 });
  });
});

describe('restricted company fields', () => {
  const id = () => demoCompanyId(COMPANIES.find((c) => c.contact)!.enterpriseNumber);
  const Q = `query($id: ID!) { company(id: $id) { name contact { email } history { action } } }`;

  it('anonymous: contact and history are null with UNAUTHENTICATED at their paths; the rest answers', async () => {
    const res = await hub.query(Q, { id: id() });
    expect(res.data.company.name).toBeTruthy();
    expect(res.data.company.contact).toBeNull();
    expect(res.data.company.history).toBeNull();
    const byPath = Object.fromEntries(res.errors!.map((e) => [e.path!.join('.'), e.extensions?.code]));
    expect(byPath).toEqual({ 'company.contact': 'UNAUTHENTICATED', 'company.history': 'UNAUTHENTICATED' });
  });

  it('another organisation: contact under the demo agreement for its purpose only, history is FORBIDDEN', async () => {
    const res = await hub.query(Q, { id: id() }, { token: t.cdEditor, headers: { 'Hub-Purpose': 'MATCHMAKING' } });
    expect(res.data.company.contact.email).toContain('@');
    expect(res.data.company.history).toBeNull();
    expect(res.errors!.map((e) => [e.path!.join('.'), e.extensions?.code])).toEqual([['company.history', 'FORBIDDEN']]);
    const noPurpose = await hub.query(Q, { id: id() }, { token: t.cdEditor });
    expect(noPurpose.data.company.contact).toBeNull();
    expect(noPurpose.errors!.map((e) => [e.path!.join('.'), e.extensions?.code, e.extensions?.reason])).toEqual([
      ['company.contact', 'FORBIDDEN', 'PURPOSE_MISSING'],
      ['company.history', 'FORBIDDEN', undefined],
    ]);
  });

  it('the owner, even without the editor role, reads history', async () => {
    const res = await hub.query(Q, { id: id() }, { token: t.vbViewer });
    expect(res.errors).toBeUndefined();
    expect(res.data.company.history[0].action).toBe('SEED');
  });

  it('the same rules hold straight at the subgraph', async () => {
    const res = await graphql(hub.subgraphs.companies.url, Q, { id: id() });
    expect(res.data.company.contact).toBeNull();
    expect(res.errors!.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });
});

describe('cluster membership writes', () => {
  const ADD = `mutation($c: ClusterCode!, $id: ID!, $since: Date) { addClusterMember(cluster: $c, companyId: $id, since: $since) { since cluster { code } company { id name } } }`;
  const REMOVE = `mutation($c: ClusterCode!, $id: ID!) { removeClusterMember(cluster: $c, companyId: $id) }`;
  const nonMember = () => {
    // A demo company that is not in the HEALTH cluster.
    return demoCompanyId(COMPANIES[COMPANIES.length - 1].enterpriseNumber);
  };

  it('lets a smart-hub editor add and remove a member, with audit entries', async () => {
    const id = nonMember();
    const before = await hub.query(`{ cluster(code: HEALTH) { memberCount } }`);
    await hub.query(REMOVE, { c: 'HEALTH', id }, { token: t.shEditor });
    const start = (await hub.query(`{ cluster(code: HEALTH) { memberCount } }`)).data.cluster.memberCount;
    const added = await hub.query(ADD, { c: 'HEALTH', id, since: '2024-03-01' }, { token: t.shEditor });
    expect(added.errors).toBeUndefined();
    expect(added.data.addClusterMember).toMatchObject({ since: '2024-03-01', cluster: { code: 'HEALTH' }, company: { id } });
    expect(added.data.addClusterMember.company.name).toBeTruthy();
    expect((await hub.query(`{ cluster(code: HEALTH) { memberCount } }`)).data.cluster.memberCount).toBe(start + 1);
    expectError(await hub.query(ADD, { c: 'HEALTH', id }, { token: t.shEditor }), 'CONFLICT');
    const removed = await hub.query(REMOVE, { c: 'HEALTH', id }, { token: t.shEditor });
    expect(removed.data.removeClusterMember).toBe(true);
    expect((await hub.query(REMOVE, { c: 'HEALTH', id }, { token: t.shEditor })).data.removeClusterMember).toBe(false);
    const history = await hub.query(`{ cluster(code: HEALTH) { history { action actor changes } } }`, undefined, { token: t.shEditor });
    expect(history.data.cluster.history.slice(0, 2).map((e: any) => e.action)).toEqual(['REMOVE_MEMBER', 'ADD_MEMBER']);
    expect(history.data.cluster.history[1].changes.companyId).toEqual({ from: null, to: id });
    expect(before.data.cluster.memberCount).toBeGreaterThanOrEqual(start);
  });

  it('refuses other organisations, viewers and anonymous callers, and writes nothing', async () => {
    const id = nonMember();
    const before = await clustersState();
    expectError(await hub.query(ADD, { c: 'FOOD', id }, { token: t.vbEditor }), 'FORBIDDEN');
    expectError(await hub.query(ADD, { c: 'FOOD', id }, { token: await token({ org: 'smart-hub', roles: ['viewer'] }) }), 'FORBIDDEN');
    expectError(await hub.query(ADD, { c: 'FOOD', id }), 'UNAUTHENTICATED');
    const direct = `mutation($id: ID!) { addClusterMember(cluster: FOOD, companyId: $id) { since company { id } } }`;
    expectError(await graphql(hub.subgraphs.clusters.url, direct, { id }, { token: t.cdEditor }), 'FORBIDDEN');
    expectError(await hub.query(REMOVE, { c: 'CLEANTECH', id }, { token: t.vbEditor }), 'FORBIDDEN');
    expect(await clustersState()).toEqual(before);
  });

  it('checks the company through its owner: unknown and archived companies are NOT_FOUND', async () => {
    const before = await clustersState();
    expectError(await hub.query(ADD, { c: 'FOOD', id: demoCompanyId('does-not-exist') }, { token: t.shEditor }), 'NOT_FOUND', 'companyId');
    const created = await hub.query(
      CREATE,
      { input: validInput({ enterpriseNumber: '0123.456.947', name: 'Soon Archived' }) },
      { token: t.vbEditor },
    );
    const archivedId = created.data.createCompany.id;
    await hub.query(`mutation($id: ID!) { deleteCompany(id: $id) }`, { id: archivedId }, { token: t.vbEditor });
    expectError(await hub.query(ADD, { c: 'FOOD', id: archivedId }, { token: t.shEditor }), 'NOT_FOUND', 'companyId');
    expectError(await hub.query(ADD, { c: 'FOOD', id: 'x' }, { token: t.shEditor }), 'BAD_USER_INPUT', 'companyId');
    expectError(
      await hub.query(ADD, { c: 'FOOD', id: nonMember(), since: '2999-01-01' }, { token: t.shEditor }),
      'BAD_USER_INPUT',
      'since',
    );
    expect(await clustersState()).toEqual(before);
  });

  it('keeps resolving archived companies referenced by other subgraphs', async () => {
    const target = COMPANIES.find((c) => c.name)!;
    const id = demoCompanyId(target.enterpriseNumber);
    const member = await hub.query(`{ cluster(code: CLEANTECH) { members { company { id } } } }`);
    const memberId = member.data.cluster.members[0].company.id;
    const current = await hub.query(`query($id: ID!) { company(id: $id) { version } }`, { id: memberId });
    expect(current.data.company.version).toBeGreaterThan(0);
    await hub.query(`mutation($id: ID!) { deleteCompany(id: $id) }`, { id: memberId }, { token: t.vbEditor });
    const res = await hub.query(`{ cluster(code: CLEANTECH) { members { company { id name archived } } } }`);
    expect(res.errors).toBeUndefined();
    const archived = res.data.cluster.members.find((m: any) => m.company.id === memberId);
    expect(archived.company.archived).toBe(true);
    expect(archived.company.name).toBeTruthy();
    expect(id).toBeTruthy();
  });
});

describe('limits at the gateway', () => {
  it('rejects a query deeper than the limit', async () => {
    let q = 'code';
    for (let i = 0; i < 4; i++) q = `members { company { clusters { ${q} } } }`;
    const res = await hub.query(`{ cluster(code: FOOD) { ${q} } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
    expect(res.data).toBeUndefined();
    // Within the depth limit, but every list multiplies: refused by cost (tests/integration/demand-control.test.ts has the rest).
    const expensive = await hub.query(
      `{ companies(first: 100) { edges { node { clusters { members { company { clusters { members { company { id } } } } } } } } } }`,
    );
    expect(expensive.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(expensive.errors?.[0]?.message).toMatch(/cost/i);
  });

  it('rejects too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: clusters { code }`).join(' ');
    const res = await hub.query(`{ ${aliases} }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    expect(res.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('rejects too many tokens', async () => {
    const fragments = Array.from({ length: 400 }, (_, i) => `fragment f${i} on Cluster { code memberCount }`).join(' ');
    const res = await hub.query(`{ clusters { code } } ${fragments}`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/token/i);
    expect(res.data).toBeUndefined();
  });

  it('rejects an over-large body and batched requests', async () => {
    const big = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ clusters { code } }`, variables: { pad: 'x'.repeat(200_000) } }),
    });
    expect(big.status).toBe(413);
    const batch = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ clusters { code } }' }, { query: '{ clusters { code } }' }]),
    });
    expect(batch.status).toBe(400);
    const still = await hub.query('{ clusters { code } }');
    expect(still.data.clusters).toHaveLength(5);
  });

  it('answers an operationName that is not in the document with HTTP 400', async () => {
    const res = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { clusters { code } }', operationName: 'B' }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('CSRF prevention: a GET needs a preflight-forcing header, a mutation needs POST, a simple content type is refused', async () => {
    const get = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${hub.gatewayUrl}?query=${encodeURIComponent(query)}`, { headers });
    // A GET a browser could send cross-site without a preflight: refused before it runs.
    const simple = await get('{ clusters { code } }');
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/Cross-Site Request Forgery/);
    // With a header only a preflighted request can carry: answered.
    const preflighted = await get('{ clusters { code } }', { 'apollo-require-preflight': '1' });
    expect(preflighted.status).toBe(200);
    expect((await preflighted.json()).data.clusters).toHaveLength(5);
    // A mutation never runs from a GET, whatever the headers; nothing was written.
    const mutation = await get('mutation { removeClusterMember(cluster: FOOD, companyId: "x") }', {
      'apollo-require-preflight': '1',
      authorization: `Bearer ${t.shEditor}`,
    });
    expect(mutation.status).toBe(405);
    expect(mutation.headers.get('allow')).toBe('POST');
    // A POST with a content type a form can send: refused.
    const res = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ clusters { code } }"}',
    });
    expect(res.status).toBe(400);
  });
});

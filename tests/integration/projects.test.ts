import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestHub, token, type TestHub } from '../helpers/hub';
import { databaseState, expectError } from '../helpers/expect';
import { ASSESSMENTS, COMPANIES, EVENTS, PARTNERS, PROJECTS } from '../helpers/demo';
import { demoCompanyId, demoPartnerId, stableUuid } from '../../platform/ids';

let hub: TestHub;
const t: Record<string, string> = {};

const companyId = demoCompanyId;
const partnerId = demoPartnerId;
const projectId = (key: string) => stableUuid('project', key);
const projectSeed = (key: string) => PROJECTS.find((p) => p.key === key)!;

/** Led by vlaams-brabant and by chengdu in the demo data. */
const VB_PROJECT = 'dujiangyan-water-heritage';
const CD_PROJECT = 'qingbaijiang-flanders-desk';
/** A demo company archived (deleteCompany) before the write tests. */
const ARCHIVED = COMPANIES[COMPANIES.length - 1];
const MISSING_COMPANY = stableUuid('company', 'does-not-exist');
const MISSING_PARTNER = stableUuid('partner', 'does-not-exist');

beforeAll(async () => {
  // SQL statements are counted per request: every request must reach the subgraphs (no response cache).
  hub = await startTestHub({ RESPONSE_CACHE: 'false' });
  t.vbEditor = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'vb-editor' });
  t.vbViewer = await token({ org: 'vlaams-brabant', roles: [], sub: 'vb-viewer' });
  t.shEditor = await token({ org: 'smart-hub', roles: ['editor'], sub: 'sh-editor' });
  t.cdEditor = await token({ org: 'chengdu', roles: ['editor'], sub: 'cd-editor' });
  t.cdEditor2 = await token({ org: 'chengdu', roles: ['editor'], sub: 'cd-editor-2' });
  t.cdViewer = await token({ org: 'chengdu', roles: [], sub: 'cd-viewer' });
});
afterAll(async () => {
  await hub?.stop();
});

/** Every projects table, audit log included: "nothing changed" is exact. */
const projectsState = () => databaseState(hub, ['projects']);

async function auditRows(entityType: string, entityId: string) {
  return hub.subgraphs.projects.ds.query(
    'SELECT organisation, actor, action, changes FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq',
    [entityType, entityId],
  );
}

const PROJECT = `query($id: ID!) { project(id: $id) { id title status version leadOrganisation startsOn endsOn budgetEur companies { id name } partners { id nameEn } } }`;
const HISTORY = `query($id: ID!) { project(id: $id) { title history { action actor organisation changes } } }`;
const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id title summary theme status startsOn endsOn budgetEur leadOrganisation version } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateProjectInput!, $v: Int!) { updateProject(id: $id, input: $input, expectedVersion: $v) { id title status startsOn endsOn budgetEur version } }`;
const ADD = `mutation($p: ID!, $c: ID, $pa: ID) { addProjectParticipant(projectId: $p, companyId: $c, partnerId: $pa) { id version companies { id name } partners { id nameEn } } }`;
const SCHEDULE = `mutation($input: ScheduleEventInput!) { scheduleEvent(input: $input) { id title kind startsAt location project { id title } attendees { id name } } }`;
const RECORD = `mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id panelDate marketFit recommendation company { id name } } }`;
/** The same mutations selecting only fields the projects subgraph itself has, for calls straight at the subgraph. */
const ADD_IDS = `mutation($p: ID!, $c: ID, $pa: ID) { addProjectParticipant(projectId: $p, companyId: $c, partnerId: $pa) { id version companies { id } partners { id } } }`;
const SCHEDULE_IDS = `mutation($input: ScheduleEventInput!) { scheduleEvent(input: $input) { id project { id } attendees { id } } }`;
const RECORD_IDS = `mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id company { id } } }`;

const newProject = (overrides: Record<string, unknown> = {}) => ({
  title: 'Sponge-city pilot in Wenjiang',
  summary: 'Rain gardens and permeable paving tested in a Wenjiang neighbourhood.',
  theme: 'LOCAL_GOVERNMENT',
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  budgetEur: 90_000,
  ...overrides,
});

async function createProjectAs(tok: string, overrides: Record<string, unknown> = {}) {
  const res = await hub.query(CREATE, { input: newProject(overrides) }, { token: tok });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.createProject;
}

describe('reading projects through the gateway', () => {
  const BIG = `query($first: Int) { projects(first: $first) { edges { node { title
      companies { name clusters { code } suggestedPartners(limit: 3) { score sharedDomains partner { nameEn projects { title } } } }
      partners { nameZh district }
      events { title startsAt attendees { name } } } } } }`;

  it('answers the dashboard query across all four subgraphs without errors', async () => {
    const res = await hub.query(BIG, { first: 10 });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const nodes = res.data.projects.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(10);
    const titles = [...PROJECTS.map((p) => p.title)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, 10);
    expect(nodes.map((n: any) => n.title).sort()).toEqual([...titles].sort());
    for (const n of nodes) {
      const seed = PROJECTS.find((p) => p.title === n.title)!;
      expect(n.companies).toHaveLength(seed.companies.length);
      expect(n.partners).toHaveLength(seed.partners.length);
      for (const c of n.companies) expect(c.name).toBeTruthy();
      for (const p of n.partners) expect(p.nameZh).toMatch(/\p{Script=Han}/u);
      expect(n.events).toHaveLength(EVENTS.filter((e) => e.project === seed.key).length);
      for (const e of n.events) {
        expect(e.startsAt).toMatch(/Z$/);
        for (const a of e.attendees) expect(a.name).toBeTruthy();
      }
    }
    const events = nodes.flatMap((n: any) => n.events);
    expect(events.length).toBeGreaterThan(0);
    const withSuggestions = nodes.flatMap((n: any) => n.companies).filter((c: any) => c.suggestedPartners.length > 0);
    expect(withSuggestions.length).toBeGreaterThan(0);
    expect(withSuggestions.some((c: any) => c.suggestedPartners.some((m: any) => m.partner.projects.length > 0))).toBe(true);
  });

  // 20 holds every demo project; 50 would be over the cost limit (each project's lists multiply: docs/trust.md, "Limits").
  it('runs the same number of SQL statements in every subgraph for 5 and for 20 projects', async () => {
    const deltas = [];
    for (const first of [5, 20]) {
      const before = await hub.sqlCounts();
      const res = await hub.query(BIG, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data.projects.edges).toHaveLength(Math.min(first, PROJECTS.length));
      const after = await hub.sqlCounts();
      deltas.push(Object.fromEntries(Object.keys(after).map((k) => [k, (after as any)[k] - (before as any)[k]])));
    }
    expect(deltas[0].projects).toBeGreaterThan(0);
    expect(deltas[1]).toEqual(deltas[0]);
  });

  it('pages through all projects in (title, id) order and filters by status, theme and search', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const res: any = await hub.query(
        `query($after: String) { projects(first: 4, after: $after) { totalCount edges { node { title } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.projects.totalCount).toBe(PROJECTS.length);
      seen.push(...res.data.projects.edges.map((e: any) => e.node.title));
      if (!res.data.projects.pageInfo.hasNextPage) break;
      after = res.data.projects.pageInfo.endCursor;
    }
    expect([...seen].sort()).toEqual(PROJECTS.map((p) => p.title).sort());
    expect(new Set(seen).size).toBe(PROJECTS.length);

    const active = await hub.query(
      `{ projects(filter: { status: ACTIVE, theme: FOREIGN_INVESTMENT }, first: 50) { totalCount edges { node { title status } } } }`,
    );
    const expected = PROJECTS.filter((p) => p.status === 'ACTIVE' && p.theme === 'FOREIGN_INVESTMENT');
    expect(active.data.projects.totalCount).toBe(expected.length);
    expect(active.data.projects.edges.map((e: any) => e.node.title).sort()).toEqual(expected.map((p) => p.title).sort());

    // "biomethane" appears only in a summary; search is case-insensitive.
    const search = await hub.query(`{ projects(filter: { search: "BIOMETHANE" }) { edges { node { title } } } }`);
    expect(search.data.projects.edges.map((e: any) => e.node.title)).toEqual([projectSeed('pengzhou-kitchen-waste-digestion').title]);
    const byTitle = await hub.query(`{ projects(filter: { search: "dujiangyan" }) { edges { node { title } } } }`);
    expect(byTitle.data.projects.edges.map((e: any) => e.node.title)).toContain(projectSeed(VB_PROJECT).title);
    const literal = await hub.query(`{ projects(filter: { search: "100%" }) { totalCount } }`);
    expect(literal.data.projects.totalCount).toBe(0);
  });

  it('reads a project with its participants, and Company.projects / Partner.projects from the other side', async () => {
    const seed = projectSeed(VB_PROJECT);
    const res = await hub.query(PROJECT, { id: projectId(seed.key) });
    expect(res.errors).toBeUndefined();
    expect(res.data.project).toMatchObject({
      title: seed.title,
      leadOrganisation: 'vlaams-brabant',
      startsOn: seed.startsOn,
      endsOn: seed.endsOn,
      budgetEur: seed.budgetEur,
      version: 1,
    });
    expect(res.data.project.companies.map((c: any) => c.id).sort()).toEqual(seed.companies.map(companyId).sort());
    expect(res.data.project.partners.map((p: any) => p.id).sort()).toEqual(seed.partners.map(partnerId).sort());

    const company = seed.companies[0];
    const byCompany = await hub.query(`query($id: ID!) { company(id: $id) { projects { title } } }`, { id: companyId(company) });
    expect(byCompany.data.company.projects.map((p: any) => p.title).sort()).toEqual(
      PROJECTS.filter((p) => p.companies.includes(company))
        .map((p) => p.title)
        .sort(),
    );
    const partner = seed.partners[0];
    const byPartner = await hub.query(`query($id: ID!) { partner(id: $id) { nameEn projects { title } } }`, { id: partnerId(partner) });
    expect(byPartner.errors).toBeUndefined();
    expect(byPartner.data.partner.projects.map((p: any) => p.title).sort()).toEqual(
      PROJECTS.filter((p) => p.partners.includes(partner))
        .map((p) => p.title)
        .sort(),
    );
    expect((await hub.query(`{ project(id: "${stableUuid('project', 'none')}") { title } }`)).data.project).toBeNull();
    expectError(await hub.query(`{ project(id: "42") { title } }`), 'BAD_USER_INPUT', { field: 'id' });
  });
});

describe('events', () => {
  const Q = `query($from: DateTime, $to: DateTime) { events(from: $from, to: $to) { title kind startsAt location project { title } attendees { name } } }`;

  it('lists events in start order, within from..to (both inclusive)', async () => {
    const all = await hub.query(Q, {});
    expect(all.errors).toBeUndefined();
    expect(all.data.events).toHaveLength(EVENTS.length);
    const starts = all.data.events.map((e: any) => Date.parse(e.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));

    const from = '2026-01-01T00:00:00+01:00';
    const to = '2027-02-04T13:30:00+01:00'; // exactly the sector event
    const res = await hub.query(Q, { from, to });
    expect(res.errors).toBeUndefined();
    const expected = EVENTS.filter((e) => Date.parse(e.startsAt) >= Date.parse(from) && Date.parse(e.startsAt) <= Date.parse(to)).sort(
      (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt),
    );
    expect(res.data.events.map((e: any) => e.title)).toEqual(expected.map((e) => e.title));
    expect(res.data.events[res.data.events.length - 1].kind).toBe('SECTOR_EVENT');
    const standalone = res.data.events.find((e: any) => e.project === null);
    expect(standalone).toBeDefined();
    const linked = res.data.events.find((e: any) => e.project !== null);
    expect(linked.project.title).toBeTruthy();
    expect(linked.attendees.length).toBeGreaterThan(0);
    expect(linked.attendees[0].name).toBeTruthy();

    const onlyFrom = await hub.query(Q, { from: '2027-05-01T00:00:00Z' });
    expect(onlyFrom.data.events.map((e: any) => e.title)).toEqual(
      EVENTS.filter((e) => Date.parse(e.startsAt) >= Date.parse('2027-05-01T00:00:00Z'))
        .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
        .map((e) => e.title),
    );
  });

  it('answers BAD_USER_INPUT naming `to` when to is before from', async () => {
    const res = await hub.query(Q, { from: '2027-01-01T00:00:00Z', to: '2026-12-31T23:59:59Z' });
    expectError(res, 'BAD_USER_INPUT', { field: 'to' });
    expect(res.data?.events ?? null).toBeNull();
    // A malformed DateTime is refused by the scalar (checked at the subgraph: see the report on gateway 400s).
    const bad = await graphql(
      hub.subgraphs.projects.url,
      `
        query ($from: DateTime) {
          events(from: $from) {
            id
          }
        }
      `,
      { from: '2027-13-01T00:00:00Z' },
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('restricted fields', () => {
  // Luchtwacht was assessed twice (2025-03-20 and 2026-03-19).
  const luchtwacht = '0666.126.120';
  const Q = `query($id: ID!) { company(id: $id) { name projects { title } assessments { panelDate marketFit recommendation company { id name } } } }`;

  it('Company.assessments: data for vlaams-brabant (any role), newest first', async () => {
    const res = await hub.query(Q, { id: companyId(luchtwacht) }, { token: t.vbViewer });
    expect(res.errors).toBeUndefined();
    const expected = ASSESSMENTS.filter((a) => a.enterpriseNumber === luchtwacht).sort((a, b) => (a.panelDate < b.panelDate ? 1 : -1));
    expect(res.data.company.assessments.map((a: any) => [a.panelDate, a.marketFit])).toEqual(
      expected.map((a) => [a.panelDate, a.marketFit]),
    );
    expect(res.data.company.assessments[0].company).toEqual({ id: companyId(luchtwacht), name: res.data.company.name });
  });

  it('Company.assessments: null with FORBIDDEN for chengdu and UNAUTHENTICATED for anonymous; the rest answers', async () => {
    for (const [tok, code] of [
      [t.cdEditor, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const res = await hub.query(Q, { id: companyId(luchtwacht) }, { token: tok });
      expect(res.data.company.name).toBeTruthy();
      expect(res.data.company.projects.length).toBeGreaterThan(0);
      expect(res.data.company.assessments).toBeNull();
      expect(res.errors!.map((e) => [e.path!.join('.'), e.extensions?.code])).toEqual([['company.assessments', code]]);
    }
  });

  it('assessments are not readable through _entities straight at the subgraph either', async () => {
    const id = stableUuid('assessment', ASSESSMENTS[0].enterpriseNumber + ASSESSMENTS[0].panelDate);
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Assessment { recommendation } } }`;
    const r = [{ __typename: 'Assessment', id }];
    const forbidden = await graphql(hub.subgraphs.projects.url, q, { r }, { token: t.cdEditor });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(forbidden.data ?? null)).not.toContain(ASSESSMENTS[0].recommendation.slice(0, 20));
    const anonymous = await graphql(hub.subgraphs.projects.url, q, { r });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const allowed = await graphql(hub.subgraphs.projects.url, q, { r }, { token: t.vbViewer });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data._entities[0].recommendation).toBe(ASSESSMENTS[0].recommendation);
  });

  it('Project.history: the lead organisation only', async () => {
    const id = projectId(VB_PROJECT);
    const own = await hub.query(HISTORY, { id }, { token: t.vbViewer });
    expect(own.errors).toBeUndefined();
    expect(own.data.project.history).toEqual([{ action: 'SEED', actor: 'demo-seed', organisation: 'vlaams-brabant', changes: null }]);
    const other = await hub.query(HISTORY, { id }, { token: t.cdEditor });
    expect(other.data.project.title).toBe(projectSeed(VB_PROJECT).title);
    expect(other.data.project.history).toBeNull();
    expect(other.errors!.map((e) => [e.path!.join('.'), e.extensions?.code])).toEqual([['project.history', 'FORBIDDEN']]);
    const anonymous = await hub.query(HISTORY, { id });
    expect(anonymous.errors!.map((e) => [e.path!.join('.'), e.extensions?.code])).toEqual([['project.history', 'UNAUTHENTICATED']]);
    const chengduLed = await hub.query(HISTORY, { id: projectId(CD_PROJECT) }, { token: t.cdViewer });
    expect(chengduLed.errors).toBeUndefined();
    expect(chengduLed.data.project.history[0].organisation).toBe('chengdu');
  });
});

describe('createProject and updateProject', () => {
  it("lets any organisation's editor create a project and become its lead; PROPOSED by default; audited", async () => {
    const created = await createProjectAs(t.cdEditor, { title: '  Sponge city  ' });
    expect(created).toMatchObject({
      title: 'Sponge city',
      status: 'PROPOSED',
      leadOrganisation: 'chengdu',
      version: 1,
      startsOn: '2027-01-01',
      budgetEur: 90000,
    });
    const updated = await hub.query(
      UPDATE,
      { id: created.id, input: { status: 'ACTIVE', budgetEur: 95000 }, v: 1 },
      { token: t.cdEditor2 },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateProject).toMatchObject({ status: 'ACTIVE', budgetEur: 95000, version: 2 });

    const history = await hub.query(HISTORY, { id: created.id }, { token: t.cdViewer });
    expect(history.errors).toBeUndefined();
    const entries = history.data.project.history;
    expect(entries.map((e: any) => [e.action, e.actor, e.organisation])).toEqual([
      ['UPDATE', 'cd-editor-2', 'chengdu'],
      ['CREATE', 'cd-editor', 'chengdu'],
    ]);
    expect(entries[0].changes).toEqual({ status: { from: 'PROPOSED', to: 'ACTIVE' }, budgetEur: { from: 90000, to: 95000 } });
    expect(entries[1].changes).toMatchObject({ title: { from: null, to: 'Sponge city' }, leadOrganisation: { from: null, to: 'chengdu' } });

    const explicit = await createProjectAs(t.shEditor, {
      title: 'Already running',
      status: 'ACTIVE',
      startsOn: null,
      endsOn: null,
      budgetEur: null,
      summary: null,
    });
    expect(explicit).toMatchObject({ status: 'ACTIVE', leadOrganisation: 'smart-hub', startsOn: null, budgetEur: null, summary: null });
  });

  const unauthorised: [string, string | undefined, string][] = [
    ['anonymous', undefined, 'UNAUTHENTICATED'],
    ['a viewer (roles: [])', 'vbViewer', 'FORBIDDEN'],
  ];
  for (const [label, key, code] of unauthorised) {
    it(`refuses createProject to ${label}, through the gateway and at the subgraph`, async () => {
      const before = await projectsState();
      for (const url of [hub.gatewayUrl, hub.subgraphs.projects.url]) {
        expectError(await graphql(url, CREATE, { input: newProject() }, { token: key ? t[key] : undefined }), code);
      }
      expect(await projectsState()).toEqual(before);
    });
  }

  it('refuses updateProject to other organisations, viewers of the lead and anonymous callers', async () => {
    const id = projectId(CD_PROJECT);
    const before = await projectsState();
    for (const url of [hub.gatewayUrl, hub.subgraphs.projects.url]) {
      expectError(await graphql(url, UPDATE, { id, input: { title: 'Hijacked' }, v: 1 }, { token: t.vbEditor }), 'FORBIDDEN');
      expectError(await graphql(url, UPDATE, { id, input: { title: 'Hijacked' }, v: 1 }, { token: t.shEditor }), 'FORBIDDEN');
      expectError(await graphql(url, UPDATE, { id, input: { title: 'Hijacked' }, v: 1 }, { token: t.cdViewer }), 'FORBIDDEN');
      expectError(await graphql(url, UPDATE, { id, input: { title: 'Hijacked' }, v: 1 }), 'UNAUTHENTICATED');
    }
    expect(await projectsState()).toEqual(before);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['an empty title', { title: '   ' }, 'input.title'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'input.title'],
    ['a summary over 5,000 characters', { summary: 'x'.repeat(5001) }, 'input.summary'],
    ['a negative budget', { budgetEur: -1 }, 'input.budgetEur'],
    ['endsOn before startsOn', { startsOn: '2027-05-01', endsOn: '2027-04-30' }, 'input.endsOn'],
    ['a null status', { status: null }, 'input.status'],
  ];
  for (const [label, override, field] of invalid) {
    it(`rejects ${label} on create with BAD_USER_INPUT naming ${field}`, async () => {
      const before = await projectsState();
      expectError(await hub.query(CREATE, { input: newProject(override) }, { token: t.vbEditor }), 'BAD_USER_INPUT', { field });
      expect(await projectsState()).toEqual(before);
    });
  }

  it('compares an updated date with the stored other side, and rejects bad update fields', async () => {
    const id = projectId(VB_PROJECT); // 2026-03-01 .. 2027-12-31
    const before = await projectsState();
    const cases: [Record<string, unknown>, string][] = [
      [{ endsOn: '2026-02-28' }, 'input.endsOn'],
      [{ startsOn: '2028-01-01' }, 'input.startsOn'],
      [{ startsOn: '2027-01-01', endsOn: '2026-12-31' }, 'input.endsOn'],
      [{ title: null }, 'input.title'],
      [{ theme: null }, 'input.theme'],
      [{ budgetEur: -5 }, 'input.budgetEur'],
      [{ title: 'x'.repeat(201) }, 'input.title'],
    ];
    for (const [input, field] of cases) {
      expectError(await hub.query(UPDATE, { id, input, v: 1 }, { token: t.vbEditor }), 'BAD_USER_INPUT', { field });
    }
    expectError(await hub.query(UPDATE, { id: 'nope', input: { title: 'X' }, v: 1 }, { token: t.vbEditor }), 'BAD_USER_INPUT', {
      field: 'id',
    });
    expectError(
      await hub.query(UPDATE, { id: stableUuid('project', 'none'), input: { title: 'X' }, v: 1 }, { token: t.vbEditor }),
      'NOT_FOUND',
    );
    expect(await projectsState()).toEqual(before);
  });

  it('clearing a date removes the comparison', async () => {
    const p = await createProjectAs(t.vbEditor, { title: 'Dates project' });
    const res = await hub.query(UPDATE, { id: p.id, input: { startsOn: null, endsOn: '2026-01-01' }, v: 1 }, { token: t.vbEditor });
    expect(res.errors).toBeUndefined();
    expect(res.data.updateProject).toMatchObject({ startsOn: null, endsOn: '2026-01-01', version: 2 });
  });

  it('answers CONFLICT with the current version for a stale expectedVersion', async () => {
    const id = projectId(VB_PROJECT);
    const before = await projectsState();
    const res = await hub.query(UPDATE, { id, input: { budgetEur: 1 }, v: 9 }, { token: t.vbEditor });
    expectError(res, 'CONFLICT');
    expect(res.errors![0].extensions).toMatchObject({ currentVersion: 1, expectedVersion: 9 });
    expect(await projectsState()).toEqual(before);
  });

  it('lets exactly one of two concurrent updates with the same version win', async () => {
    const p = await createProjectAs(t.shEditor, { title: 'Race project' });
    const before = await auditRows('Project', p.id);
    const results = await Promise.all(
      ['Race A', 'Race B'].map((title) => hub.query(UPDATE, { id: p.id, input: { title }, v: 1 }, { token: t.shEditor })),
    );
    const ok = results.filter((r) => !r.errors);
    const conflicts = results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(1);
    const now = await hub.query(`query($id: ID!) { project(id: $id) { title version } }`, { id: p.id });
    expect(now.data.project).toEqual({ title: ok[0].data.updateProject.title, version: 2 });
    expect(await auditRows('Project', p.id)).toHaveLength(before.length + 1);
  });
});

describe('addProjectParticipant', () => {
  const seed = projectSeed(VB_PROJECT);
  const id = projectId(VB_PROJECT);
  const newCompany = COMPANIES.find((c) => !seed.companies.includes(c.enterpriseNumber) && c !== ARCHIVED)!;
  const newPartner = PARTNERS.find((p) => !seed.partners.includes(p.creditCode))!;

  beforeAll(async () => {
    const res = await hub.query(
      `mutation($id: ID!) { deleteCompany(id: $id) }`,
      { id: companyId(ARCHIVED.enterpriseNumber) },
      { token: t.vbEditor },
    );
    expect(res.errors).toBeUndefined();
  });

  it('lets a lead-organisation editor add a company and a partner, bumping the version, with ADD_PARTICIPANT audit entries', async () => {
    const start = (await hub.query(PROJECT, { id })).data.project.version;
    const withCompany = await hub.query(ADD, { p: id, c: companyId(newCompany.enterpriseNumber) }, { token: t.vbEditor });
    expect(withCompany.errors).toBeUndefined();
    expect(withCompany.data.addProjectParticipant.version).toBe(start + 1);
    expect(withCompany.data.addProjectParticipant.companies).toContainEqual({
      id: companyId(newCompany.enterpriseNumber),
      name: newCompany.name,
    });

    const withPartner = await hub.query(ADD, { p: id, pa: partnerId(newPartner.creditCode) }, { token: t.vbEditor });
    expect(withPartner.errors).toBeUndefined();
    expect(withPartner.data.addProjectParticipant.version).toBe(start + 2);
    expect(withPartner.data.addProjectParticipant.partners).toContainEqual({
      id: partnerId(newPartner.creditCode),
      nameEn: newPartner.nameEn,
    });

    const history = await hub.query(HISTORY, { id }, { token: t.vbEditor });
    expect(history.data.project.history.slice(0, 2)).toEqual([
      {
        action: 'ADD_PARTICIPANT',
        actor: 'vb-editor',
        organisation: 'vlaams-brabant',
        changes: { partnerId: { from: null, to: partnerId(newPartner.creditCode) } },
      },
      {
        action: 'ADD_PARTICIPANT',
        actor: 'vb-editor',
        organisation: 'vlaams-brabant',
        changes: { companyId: { from: null, to: companyId(newCompany.enterpriseNumber) } },
      },
    ]);
    const fromCompany = await hub.query(`query($id: ID!) { company(id: $id) { projects { title } } }`, {
      id: companyId(newCompany.enterpriseNumber),
    });
    expect(fromCompany.data.company.projects.map((p: any) => p.title)).toContain(seed.title);
  });

  it('adding an existing participant is a no-op that answers the project (no version bump, no audit entry)', async () => {
    const before = await projectsState();
    const version = (await hub.query(PROJECT, { id })).data.project.version;
    const again = await hub.query(ADD, { p: id, c: companyId(seed.companies[0]) }, { token: t.vbEditor });
    expect(again.errors).toBeUndefined();
    expect(again.data.addProjectParticipant.version).toBe(version);
    const partnerAgain = await hub.query(ADD, { p: id, pa: partnerId(seed.partners[0]) }, { token: t.vbEditor });
    expect(partnerAgain.data.addProjectParticipant.version).toBe(version);
    expect(await projectsState()).toEqual(before);
  });

  it('refuses other organisations, viewers and anonymous callers, and writes nothing', async () => {
    const before = await projectsState();
    const vars = { p: id, c: companyId(newCompany.enterpriseNumber) };
    for (const url of [hub.gatewayUrl, hub.subgraphs.projects.url]) {
      expectError(await graphql(url, ADD_IDS, vars, { token: t.cdEditor }), 'FORBIDDEN');
      expectError(await graphql(url, ADD_IDS, vars, { token: t.shEditor }), 'FORBIDDEN');
      expectError(await graphql(url, ADD_IDS, vars, { token: t.vbViewer }), 'FORBIDDEN');
      expectError(await graphql(url, ADD_IDS, vars), 'UNAUTHENTICATED');
    }
    expect(await projectsState()).toEqual(before);
  });

  it('checks references through their owners and the arguments, and writes nothing on any rejection', async () => {
    const before = await projectsState();
    expectError(await hub.query(ADD, { p: id, c: MISSING_COMPANY }, { token: t.vbEditor }), 'NOT_FOUND', { field: 'companyId' });
    expectError(await hub.query(ADD, { p: id, c: companyId(ARCHIVED.enterpriseNumber) }, { token: t.vbEditor }), 'NOT_FOUND', {
      field: 'companyId',
    });
    expectError(await hub.query(ADD, { p: id, pa: MISSING_PARTNER }, { token: t.vbEditor }), 'NOT_FOUND', { field: 'partnerId' });
    expectError(
      await hub.query(ADD, { p: stableUuid('project', 'none'), c: companyId(newCompany.enterpriseNumber) }, { token: t.vbEditor }),
      'NOT_FOUND',
      { field: 'projectId' },
    );
    const both = await hub.query(
      ADD,
      { p: id, c: companyId(newCompany.enterpriseNumber), pa: partnerId(newPartner.creditCode) },
      { token: t.vbEditor },
    );
    expectError(both, 'BAD_USER_INPUT');
    expect(both.errors![0].message).toMatch(/companyId.*partnerId/);
    const neither = await hub.query(ADD, { p: id }, { token: t.vbEditor });
    expectError(neither, 'BAD_USER_INPUT', { field: 'companyId' });
    expect(neither.errors![0].message).toContain('partnerId');
    expectError(await hub.query(ADD, { p: id, c: 'x' }, { token: t.vbEditor }), 'BAD_USER_INPUT', { field: 'companyId' });
    expectError(await hub.query(ADD, { p: 'x', c: companyId(newCompany.enterpriseNumber) }, { token: t.vbEditor }), 'BAD_USER_INPUT', {
      field: 'projectId',
    });
    expect(await projectsState()).toEqual(before);
  });
});

describe('scheduleEvent', () => {
  const attendees = [COMPANIES[0], COMPANIES[1]];
  const input = (overrides: Record<string, unknown> = {}) => ({
    projectId: projectId(CD_PROJECT),
    title: 'Qingbaijiang investor day',
    kind: 'TRADE_MISSION',
    startsAt: '2027-06-15T09:00:00+08:00',
    location: 'Qingbaijiang District, Chengdu',
    attendeeCompanyIds: attendees.map((c) => companyId(c.enterpriseNumber)),
    ...overrides,
  });

  it("lets the lead organisation's editor schedule a project event, with a SCHEDULE_EVENT audit entry", async () => {
    const res = await hub.query(SCHEDULE, { input: input() }, { token: t.cdEditor });
    expect(res.errors).toBeUndefined();
    const event = res.data.scheduleEvent;
    expect(event).toMatchObject({
      title: 'Qingbaijiang investor day',
      kind: 'TRADE_MISSION',
      startsAt: '2027-06-15T01:00:00.000Z',
      project: { id: projectId(CD_PROJECT) },
    });
    expect(event.attendees.map((a: any) => a.name).sort()).toEqual(attendees.map((c) => c.name).sort());
    const audit = await auditRows('Event', event.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organisation: 'chengdu', actor: 'cd-editor', action: 'SCHEDULE_EVENT' });
    expect(audit[0].changes.projectId).toEqual({ from: null, to: projectId(CD_PROJECT) });
    const project = await hub.query(`query($id: ID!) { project(id: $id) { events { title } } }`, { id: projectId(CD_PROJECT) });
    expect(project.data.project.events.map((e: any) => e.title)).toContain('Qingbaijiang investor day');
  });

  it("lets any organisation's editor schedule a standalone event", async () => {
    const res = await hub.query(
      SCHEDULE,
      { input: input({ projectId: null, title: 'Smart Hub open day', attendeeCompanyIds: null }) },
      { token: t.shEditor },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.scheduleEvent).toMatchObject({ title: 'Smart Hub open day', project: null, attendees: [] });
    const audit = await auditRows('Event', res.data.scheduleEvent.id);
    expect(audit.map((a: any) => [a.organisation, a.action])).toEqual([['smart-hub', 'SCHEDULE_EVENT']]);
  });

  it('refuses project events to other organisations, viewers and anonymous callers', async () => {
    const before = await projectsState();
    for (const url of [hub.gatewayUrl, hub.subgraphs.projects.url]) {
      expectError(await graphql(url, SCHEDULE_IDS, { input: input() }, { token: t.vbEditor }), 'FORBIDDEN');
      expectError(await graphql(url, SCHEDULE_IDS, { input: input() }, { token: t.cdViewer }), 'FORBIDDEN');
      expectError(await graphql(url, SCHEDULE_IDS, { input: input({ projectId: null }) }, { token: t.cdViewer }), 'FORBIDDEN');
      expectError(await graphql(url, SCHEDULE_IDS, { input: input() }), 'UNAUTHENTICATED');
      expectError(await graphql(url, SCHEDULE_IDS, { input: input({ projectId: null }) }), 'UNAUTHENTICATED');
    }
    expect(await projectsState()).toEqual(before);
  });

  it('checks attendees through the companies subgraph and the input, and writes nothing on any rejection', async () => {
    const before = await projectsState();
    const ok = companyId(COMPANIES[0].enterpriseNumber);
    expectError(
      await hub.query(SCHEDULE, { input: input({ attendeeCompanyIds: [ok, MISSING_COMPANY] }) }, { token: t.cdEditor }),
      'NOT_FOUND',
      { field: 'input.attendeeCompanyIds' },
    );
    expectError(
      await hub.query(SCHEDULE, { input: input({ attendeeCompanyIds: [companyId(ARCHIVED.enterpriseNumber)] }) }, { token: t.cdEditor }),
      'NOT_FOUND',
      { field: 'input.attendeeCompanyIds' },
    );
    expectError(
      await hub.query(SCHEDULE, { input: input({ projectId: stableUuid('project', 'none') }) }, { token: t.cdEditor }),
      'NOT_FOUND',
      { field: 'input.projectId' },
    );
    expectError(await hub.query(SCHEDULE, { input: input({ attendeeCompanyIds: ['nope'] }) }, { token: t.cdEditor }), 'BAD_USER_INPUT', {
      field: 'input.attendeeCompanyIds[0]',
    });
    expectError(await hub.query(SCHEDULE, { input: input({ title: '' }) }, { token: t.cdEditor }), 'BAD_USER_INPUT', {
      field: 'input.title',
    });
    expectError(await hub.query(SCHEDULE, { input: input({ location: 'x'.repeat(201) }) }, { token: t.cdEditor }), 'BAD_USER_INPUT', {
      field: 'input.location',
    });
    expect(await projectsState()).toEqual(before);
  });
});

describe('recordAssessment', () => {
  const target = COMPANIES.find((c) => !ASSESSMENTS.some((a) => a.enterpriseNumber === c.enterpriseNumber) && c !== ARCHIVED)!;
  const input = (overrides: Record<string, unknown> = {}) => ({
    companyId: companyId(target.enterpriseNumber),
    panelDate: '2026-09-24',
    marketFit: 4,
    recommendation: 'Good fit with utility tenders; find a local partner for service and spare parts.',
    ...overrides,
  });

  it('lets a vlaams-brabant editor record an assessment, with a RECORD_ASSESSMENT audit entry', async () => {
    const res = await hub.query(RECORD, { input: input() }, { token: t.vbEditor });
    expect(res.errors).toBeUndefined();
    const a = res.data.recordAssessment;
    expect(a).toMatchObject({
      panelDate: '2026-09-24',
      marketFit: 4,
      company: { id: companyId(target.enterpriseNumber), name: target.name },
    });
    const audit = await auditRows('Assessment', a.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organisation: 'vlaams-brabant', actor: 'vb-editor', action: 'RECORD_ASSESSMENT' });
    expect(audit[0].changes.marketFit).toEqual({ from: null, to: 4 });
    const [row] = await hub.subgraphs.projects.ds.query('SELECT recorded_by_org, recorded_by FROM assessment WHERE id = $1', [a.id]);
    expect(row).toEqual({ recorded_by_org: 'vlaams-brabant', recorded_by: 'vb-editor' });
    const read = await hub.query(
      `query($id: ID!) { company(id: $id) { assessments { id } } }`,
      { id: companyId(target.enterpriseNumber) },
      { token: t.vbEditor },
    );
    expect(read.data.company.assessments).toEqual([{ id: a.id }]);
    const before = await projectsState();
    expectError(await hub.query(RECORD, { input: input() }, { token: t.vbEditor }), 'CONFLICT');
    expect(await projectsState()).toEqual(before);
  });

  it('refuses other organisations, viewers and anonymous callers', async () => {
    const before = await projectsState();
    const other = input({ panelDate: '2026-03-19' });
    for (const url of [hub.gatewayUrl, hub.subgraphs.projects.url]) {
      expectError(await graphql(url, RECORD_IDS, { input: other }, { token: t.cdEditor }), 'FORBIDDEN');
      expectError(await graphql(url, RECORD_IDS, { input: other }, { token: t.shEditor }), 'FORBIDDEN');
      expectError(await graphql(url, RECORD_IDS, { input: other }, { token: t.vbViewer }), 'FORBIDDEN');
      expectError(await graphql(url, RECORD_IDS, { input: other }), 'UNAUTHENTICATED');
    }
    expect(await projectsState()).toEqual(before);
  });

  it('checks the company through its owner and the input, and writes nothing on any rejection', async () => {
    const before = await projectsState();
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ companyId: MISSING_COMPANY }, 'NOT_FOUND', 'input.companyId'],
      [{ companyId: companyId(ARCHIVED.enterpriseNumber) }, 'NOT_FOUND', 'input.companyId'],
      [{ companyId: 'x' }, 'BAD_USER_INPUT', 'input.companyId'],
      [{ marketFit: 0 }, 'BAD_USER_INPUT', 'input.marketFit'],
      [{ marketFit: 6 }, 'BAD_USER_INPUT', 'input.marketFit'],
      [{ panelDate: tomorrow }, 'BAD_USER_INPUT', 'input.panelDate'],
      [{ recommendation: '  ' }, 'BAD_USER_INPUT', 'input.recommendation'],
      [{ recommendation: 'x'.repeat(5001) }, 'BAD_USER_INPUT', 'input.recommendation'],
    ];
    for (const [override, code, field] of cases) {
      expectError(await hub.query(RECORD, { input: input({ panelDate: '2025-10-16', ...override }) }, { token: t.vbEditor }), code, {
        field,
      });
    }
    expect(await projectsState()).toEqual(before);
  });
});

describe('the projects database', () => {
  it('answers _entities for stubs and entities, also for ids that cannot exist', async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { id projects { title } } ... on Partner { id projects { title } } ... on Project { title } ... on Event { title } } }`;
    const seed = projectSeed(CD_PROJECT);
    const r = [
      { __typename: 'Company', id: 'not-a-uuid' },
      { __typename: 'Partner', id: 'not-a-uuid' },
      { __typename: 'Company', id: companyId(seed.companies[0]) },
      { __typename: 'Project', id: projectId(CD_PROJECT) },
      { __typename: 'Project', id: 'not-a-uuid' },
      { __typename: 'Event', id: stableUuid('event', EVENTS[0].key) },
    ];
    const res = await graphql(hub.subgraphs.projects.url, q, { r });
    expect(res.errors).toBeUndefined();
    const [badCompany, badPartner, company, project, badProject, event] = res.data._entities;
    expect(badCompany.projects).toEqual([]);
    expect(badPartner.projects).toEqual([]);
    expect(company.projects.map((p: any) => p.title)).toContain(seed.title);
    expect(project.title).toBe(seed.title);
    expect(badProject).toBeNull();
    expect(event.title).toBe(EVENTS[0].title);
  });

  it('holds ids of other organisations only, never their data', async () => {
    const tables = await hub.subgraphs.projects.ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((r: any) => r.table_name)).toEqual([
      'assessment',
      'audit_log',
      'change_event',
      'event',
      'event_attendee',
      'migrations',
      'project',
      'project_company',
      'project_partner',
    ]);
  });

  it('enforces the rules in CHECK constraints as well', async () => {
    const ds = hub.subgraphs.projects.ds;
    const id = projectId(VB_PROJECT);
    await expect(ds.query(`UPDATE project SET ends_on = starts_on - 1 WHERE id = $1`, [id])).rejects.toThrow(/check/i);
    await expect(ds.query(`UPDATE project SET budget_eur = -1 WHERE id = $1`, [id])).rejects.toThrow(/check/i);
    await expect(ds.query(`UPDATE assessment SET market_fit = 6 WHERE id = (SELECT id FROM assessment LIMIT 1)`)).rejects.toThrow(/check/i);
  });
});

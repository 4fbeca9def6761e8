/**
 * Production starts complete (issue 12, item 2): every service as its own
 * process with NODE_ENV=production and SEED_DEMO_DATA=false on fresh
 * databases, so the only data is what the migrations bring (the five
 * clusters). Every mutation of the contract (schema/contract.graphql, v2) is
 * called through the gateway by its owner, and the graph is read back after
 * each one.
 */
import { parse, Kind, type ObjectTypeDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../platform/paths';
import { SUBGRAPH_NAMES } from '../../platform/services';
import { enterpriseNumberFromBase } from '../../subgraphs/companies/validation/enterprise-number';
import { creditCodeFromBase } from '../../subgraphs/partners/validation/credit-code';
import { readUntil } from '../helpers/expect';
import { graphql, token, type GraphQLResponse } from '../helpers/hub';
import { ProcessHub } from '../helpers/processes';

let hub: ProcessHub;
const t = {} as Record<'vbEditor' | 'vbSteward' | 'shEditor' | 'cdEditor' | 'cdReader', string>;
/** Every mutation this file called and saw succeed. */
const walked = new Set<string>();

function call(query: string, variables: Record<string, unknown>, as: string, headers?: Record<string, string>) {
  return graphql(hub.gatewayUrl, query, variables, { token: as, headers });
}

/** A mutation that must succeed: no errors, and its root field is recorded as walked. */
async function mutate(query: string, variables: Record<string, unknown>, as: string): Promise<any> {
  const res = await call(query, variables, as);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const field = Object.keys(res.data)[0];
  walked.add(field);
  return res.data[field];
}

function ok(res: GraphQLResponse) {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data;
}

beforeAll(async () => {
  hub = await new ProcessHub({ subgraphs: [...SUBGRAPH_NAMES], env: { SEED_DEMO_DATA: 'false' } }).init();
  expect(hub.env.NODE_ENV).toBe('production');
  await Promise.all(SUBGRAPH_NAMES.map((n) => hub.start(n)));
  await hub.start('gateway');
  t.vbEditor = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'walk-vb-editor' });
  t.vbSteward = await token({ org: 'vlaams-brabant', roles: ['steward'], sub: 'walk-vb-steward' });
  t.shEditor = await token({ org: 'smart-hub', roles: ['editor'], sub: 'walk-sh-editor' });
  t.cdEditor = await token({ org: 'chengdu', roles: ['editor'], sub: 'walk-cd-editor' });
  t.cdReader = await token({ org: 'chengdu', roles: [], sub: 'walk-cd-reader' });
}, 240_000);

afterAll(async () => {
  await hub?.stop();
});

describe('production mode on empty databases', () => {
  it('has the reference data and nothing else', async () => {
    const data = ok(
      await graphql(
        hub.gatewayUrl,
        `
          {
            clusters {
              code
              zh: name(lang: ZH)
              memberCount
            }
            companies {
              totalCount
            }
            partners {
              totalCount
            }
            projects {
              totalCount
            }
            events {
              id
            }
            organisations {
              id
            }
          }
        `,
      ),
    );
    expect(data.clusters.map((c: { code: string }) => c.code)).toEqual(['CLEANTECH', 'CREATIVITY', 'FOOD', 'HEALTH', 'LOGISTICS']);
    for (const c of data.clusters) expect(c).toMatchObject({ zh: expect.stringMatching(/\p{Script=Han}/u), memberCount: 0 });
    expect([data.companies.totalCount, data.partners.totalCount, data.projects.totalCount, data.events]).toEqual([0, 0, 0, []]);
    expect(data.organisations.map((o: { id: string }) => o.id).sort()).toEqual(['chengdu', 'smart-hub', 'vlaams-brabant']);
  });

  it('walks every mutation of the contract as its owner and reads the graph back', async () => {
    // companies (vlaams-brabant)
    const enterpriseNumber = enterpriseNumberFromBase(7_123_456);
    const company = await mutate(
      `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id enterpriseNumber version } }`,
      {
        input: {
          enterpriseNumber: `BE ${enterpriseNumber.replace(/\./g, '')}`,
          name: 'Walk Water',
          municipality: 'Leuven',
          postalCode: '3000',
          employees: 12,
          cleantechDomains: ['WATER_TREATMENT'],
          chinaStatus: 'EXPLORING',
          contact: { name: 'An Peeters', email: 'an@walk.example' },
        },
      },
      t.vbEditor,
    );
    expect(company).toMatchObject({ enterpriseNumber, version: 1 });
    const updated = await mutate(
      `mutation($id: ID!) { updateCompany(id: $id, input: { employees: 300, chinaStatus: ACTIVE }, expectedVersion: 1) { version isSme } }`,
      { id: company.id },
      t.vbEditor,
    );
    expect(updated).toEqual({ version: 2, isSme: false });

    // partners (chengdu)
    const creditCode = creditCodeFromBase('91510107MA6C12345');
    const partner = await mutate(
      `mutation($input: CreatePartnerInput!) { createPartner(input: $input) { id creditCode version } }`,
      {
        input: {
          creditCode,
          nameZh: '成都清水科技',
          nameEn: 'Chengdu Clear Water',
          kind: 'COMPANY',
          district: 'Wuhou',
          cleantechDomains: ['WATER_TREATMENT'],
          themes: ['SMART_HUB_CLUSTERS'],
        },
      },
      t.cdEditor,
    );
    expect(partner).toMatchObject({ creditCode, version: 1 });
    expect(
      await mutate(
        `mutation($id: ID!) { updatePartner(id: $id, input: { district: "Chenghua" }, expectedVersion: 1) { district version } }`,
        { id: partner.id },
        t.cdEditor,
      ),
    ).toEqual({ district: 'Chenghua', version: 2 });

    // clusters (smart-hub): the reference clusters take a member on a database without demo data
    expect(
      await mutate(
        `mutation($id: ID!) { addClusterMember(cluster: CLEANTECH, companyId: $id, since: "2025-03-01") { since cluster { code } company { name } } }`,
        { id: company.id },
        t.shEditor,
      ),
    ).toEqual({ since: '2025-03-01', cluster: { code: 'CLEANTECH' }, company: { name: 'Walk Water' } });
    await mutate(`mutation($id: ID!) { addClusterMember(cluster: FOOD, companyId: $id) { since } }`, { id: company.id }, t.shEditor);
    expect(await mutate(`mutation($id: ID!) { removeClusterMember(cluster: FOOD, companyId: $id) }`, { id: company.id }, t.shEditor)).toBe(
      true,
    );

    // projects (shared: the creator's organisation leads)
    const project = await mutate(
      `mutation { createProject(input: { title: "Walk water days", theme: SMART_HUB_CLUSTERS, budgetEur: 25000 }) { id leadOrganisation status version } }`,
      {},
      t.vbEditor,
    );
    expect(project).toMatchObject({ leadOrganisation: 'vlaams-brabant', status: 'PROPOSED', version: 1 });
    expect(
      await mutate(
        `mutation($id: ID!) { updateProject(id: $id, input: { status: ACTIVE }, expectedVersion: 1) { status version } }`,
        { id: project.id },
        t.vbEditor,
      ),
    ).toEqual({ status: 'ACTIVE', version: 2 });
    await mutate(
      `mutation($p: ID!, $c: ID!) { addProjectParticipant(projectId: $p, companyId: $c) { id } }`,
      { p: project.id, c: company.id },
      t.vbEditor,
    );
    await mutate(
      `mutation($p: ID!, $x: ID!) { addProjectParticipant(projectId: $p, partnerId: $x) { id } }`,
      { p: project.id, x: partner.id },
      t.vbEditor,
    );
    const event = await mutate(
      `mutation($input: ScheduleEventInput!) { scheduleEvent(input: $input) { id title attendees { id } } }`,
      {
        input: {
          projectId: project.id,
          title: 'Water panel',
          kind: 'EXPERT_PANEL',
          startsAt: '2026-03-10T09:00:00+01:00',
          location: 'Leuven',
          attendeeCompanyIds: [company.id],
        },
      },
      t.vbEditor,
    );
    expect(event.attendees).toEqual([{ id: company.id }]);
    const assessment = await mutate(
      `mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id marketFit company { id } } }`,
      { input: { companyId: company.id, panelDate: '2026-03-10', marketFit: 4, recommendation: 'Go to Chengdu' } },
      t.vbEditor,
    );
    expect(assessment).toMatchObject({ marketFit: 4, company: { id: company.id } });

    // registry (stewards of the grantor): chengdu may read vlaams-brabant's company contacts for matchmaking, then not
    const readContact = () =>
      call(`query($id: ID!) { company(id: $id) { contact { email } } }`, { id: company.id }, t.cdReader, { 'Hub-Purpose': 'MATCHMAKING' });
    expect((await readContact()).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_AGREEMENT' });
    const agreement = await mutate(
      `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id active crossBorder version } }`,
      {
        input: {
          dataSet: 'COMPANY_CONTACTS',
          grantee: 'chengdu',
          purposes: ['MATCHMAKING'],
          legalBasis: 'consent of the data subjects',
          validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString(),
        },
      },
      t.vbSteward,
    );
    expect(agreement).toMatchObject({ active: true, crossBorder: true, version: 1 });
    // Granted: shown within one second (the owning subgraph may have kept the refusal until the feed's event).
    const shown = await readUntil(readContact, (r) => r.data?.company?.contact != null);
    expect(ok(shown.answer).company.contact).toEqual({ email: 'an@walk.example' });
    expect(
      await mutate(
        `mutation($id: ID!) { revokeAccess(id: $id, expectedVersion: 1) { active revokedAt } }`,
        { id: agreement.id },
        t.vbSteward,
      ),
    ).toEqual({ active: false, revokedAt: expect.any(String) });
    // The owning subgraph hears of it through the registry's change feed: refused within one second.
    const refused = await readUntil(readContact, (r) => r.errors?.[0]?.extensions?.code === 'FORBIDDEN');
    expect(refused.answer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });

    // The whole graph, read back across the five subgraphs.
    const graph = ok(
      await call(
        `query($id: ID!, $p: ID!) {
          company(id: $id) {
            name employees chinaStatus archived version
            clusters { code }
            projects { title status partners { nameEn district } events { title attendees { name } } }
            assessments { marketFit recommendation }
            history { action actor }
          }
          partner(id: $p) { nameZh district version projects { title } }
          cluster(code: CLEANTECH) { memberCount members { since company { name } } }
          food: cluster(code: FOOD) { memberCount }
          events { title project { title } }
          sharingAgreements { dataSet grantee { id } active }
        }`,
        { id: company.id, p: partner.id },
        t.vbSteward,
      ),
    );
    expect(graph.company).toEqual({
      name: 'Walk Water',
      employees: 300,
      chinaStatus: 'ACTIVE',
      archived: false,
      version: 2,
      clusters: [{ code: 'CLEANTECH' }],
      projects: [
        {
          title: 'Walk water days',
          status: 'ACTIVE',
          partners: [{ nameEn: 'Chengdu Clear Water', district: 'Chenghua' }],
          events: [{ title: 'Water panel', attendees: [{ name: 'Walk Water' }] }],
        },
      ],
      assessments: [{ marketFit: 4, recommendation: 'Go to Chengdu' }],
      // newest first
      history: [
        { action: 'UPDATE', actor: 'walk-vb-editor' },
        { action: 'CREATE', actor: 'walk-vb-editor' },
      ],
    });
    expect(graph.partner).toEqual({ nameZh: '成都清水科技', district: 'Chenghua', version: 2, projects: [{ title: 'Walk water days' }] });
    expect(graph.cluster).toEqual({ memberCount: 1, members: [{ since: '2025-03-01', company: { name: 'Walk Water' } }] });
    expect(graph.food).toEqual({ memberCount: 0 });
    expect(graph.events).toEqual([{ title: 'Water panel', project: { title: 'Walk water days' } }]);
    expect(graph.sharingAgreements).toEqual([{ dataSet: 'COMPANY_CONTACTS', grantee: { id: 'chengdu' }, active: false }]);

    // Last: archiving keeps the references resolving.
    expect(await mutate(`mutation($id: ID!) { deleteCompany(id: $id) }`, { id: company.id }, t.vbEditor)).toBe(true);
    const after = ok(
      await call(
        `query($id: ID!) { company(id: $id) { archived history { action } } cluster(code: CLEANTECH) { members { company { id archived } } } }`,
        { id: company.id },
        t.vbEditor,
      ),
    );
    expect(after.company.archived).toBe(true);
    expect(after.company.history[0]).toEqual({ action: 'DELETE' });
    expect(after.cluster.members).toEqual([{ company: { id: company.id, archived: true } }]);
  }, 120_000);

  it('walked every mutation of the contract', () => {
    const contract = parse(readFileSync(join(ROOT, 'schema/contract.graphql'), 'utf8'));
    const mutation = contract.definitions.find(
      (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation',
    )!;
    const all = mutation.fields!.map((f) => f.name.value).sort();
    expect(all).toHaveLength(14);
    expect([...walked].sort()).toEqual(all);
  });
});

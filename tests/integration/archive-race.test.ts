/**
 * Archive vs reference (issue 12, item 5): archiving a company at the same
 * moment as adding it to a cluster, to a project, to an event and recording
 * an assessment for it, through the gateway against real subgraphs, many
 * times. After every mutation has returned:
 *
 * - no membership, participation, attendance or assessment that points at the
 *   archived company was written after the archive (its audit entry, taken at
 *   insert time with clock_timestamp(), is older than the archive's);
 * - each mutation's answer agrees with the final state: success and the row
 *   is there, NOT_FOUND (naming the argument) and it is not;
 * - a write undone after its commit left both entries in its owner's audit
 *   trail (the write and the compensating UNDO_… write).
 */
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterpriseNumberFromBase } from '../../subgraphs/companies/validation/enterprise-number';
import { startTestHub, token, type GraphQLResponse, type TestHub } from '../helpers/hub';

const TRIALS = 16;
let hub: TestHub;
let vbEditor: string;
let shEditor: string;
let projectId: string;
const db = {} as Record<'companies' | 'clusters' | 'projects', Client>;

beforeAll(async () => {
  hub = await startTestHub({ SEED_DEMO_DATA: 'false' });
  vbEditor = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'race-vb' });
  shEditor = await token({ org: 'smart-hub', roles: ['editor'], sub: 'race-sh' });
  const project = await hub.query(
    `mutation { createProject(input: { title: "Race project", theme: SMART_HUB_CLUSTERS }) { id } }`,
    undefined,
    {
      token: vbEditor,
    },
  );
  projectId = project.data.createProject.id;
  for (const name of ['companies', 'clusters', 'projects'] as const) {
    db[name] = new Client({ connectionString: hub.databaseUrls[name] });
    await db[name].connect();
  }
}, 120_000);

afterAll(async () => {
  for (const c of Object.values(db)) await c?.end();
  await hub?.stop();
});

type Outcome = 'written' | 'refused';

function outcome(res: GraphQLResponse, field: string, argument: string): Outcome {
  if (!res.errors) return 'written';
  expect(res.errors, JSON.stringify(res.errors)).toHaveLength(1);
  expect(res.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: argument });
  expect(res.data?.[field] ?? null).toBeNull();
  return 'refused';
}

/** clock_timestamp() of the audit entries of `database` whose changes name `companyId`, by action. */
async function auditTimes(database: Client, companyId: string): Promise<{ action: string; at: Date }[]> {
  const { rows } = await database.query('SELECT action, at FROM audit_log WHERE changes::text LIKE $1 ORDER BY at', [`%${companyId}%`]);
  return rows;
}

describe('archive racing references', () => {
  it(`never keeps a reference written after the archive, in ${TRIALS} trials`, async () => {
    const tally: Record<string, Record<Outcome | 'undone', number>> = {};
    for (let trial = 0; trial < TRIALS; trial++) {
      const created = await hub.query(
        `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id } }`,
        {
          input: {
            enterpriseNumber: enterpriseNumberFromBase(7_200_000 + trial),
            name: `Race ${trial}`,
            municipality: 'Leuven',
            postalCode: '3000',
            employees: 5,
            cleantechDomains: ['WATER_TREATMENT'],
            chinaStatus: 'EXPLORING',
          },
        },
        { token: vbEditor },
      );
      const id: string = created.data.createCompany.id;
      const eventTitle = `Race event ${trial}`;
      // A stagger per trial (0–21 ms) moves the archive across the references' check-then-write window.
      let archiveAnsweredAt = 0;
      const archive = new Promise((r) => setTimeout(r, (trial % 8) * 3))
        .then(() => hub.query(`mutation($id: ID!) { deleteCompany(id: $id) }`, { id }, { token: vbEditor }))
        .then((r) => ((archiveAnsweredAt = Date.now()), r));
      const [archived, member, participant, assessment, event] = await Promise.all([
        archive,
        hub.query(`mutation($id: ID!) { addClusterMember(cluster: CLEANTECH, companyId: $id) { since } }`, { id }, { token: shEditor }),
        hub.query(
          `mutation($p: ID!, $id: ID!) { addProjectParticipant(projectId: $p, companyId: $id) { id } }`,
          { p: projectId, id },
          { token: vbEditor },
        ),
        hub.query(
          `mutation($id: ID!) { recordAssessment(input: { companyId: $id, panelDate: "2026-01-15", marketFit: 3, recommendation: "race" }) { id } }`,
          { id },
          { token: vbEditor },
        ),
        hub.query(
          `mutation($id: ID!, $t: String!) { scheduleEvent(input: { title: $t, kind: WEBINAR, startsAt: "2026-02-01T10:00:00Z", location: "online", attendeeCompanyIds: [$id] }) { id } }`,
          { id, t: eventTitle },
          { token: vbEditor },
        ),
      ]);
      expect(archived.errors).toBeUndefined();
      expect(archived.data.deleteCompany).toBe(true);
      const outcomes: Record<string, Outcome> = {
        membership: outcome(member, 'addClusterMember', 'companyId'),
        participation: outcome(participant, 'addProjectParticipant', 'companyId'),
        assessment: outcome(assessment, 'recordAssessment', 'input.companyId'),
        attendance: outcome(event, 'scheduleEvent', 'input.attendeeCompanyIds'),
      };

      // The final state, through the gateway.
      const state = await hub.query(
        `query($id: ID!) { company(id: $id) { archived clusters { code } projects { id } assessments { id } } events { title attendees { id } } }`,
        { id },
        { token: vbEditor },
      );
      expect(state.errors).toBeUndefined();
      const company = state.data.company;
      expect(company.archived).toBe(true);
      const present: Record<string, boolean> = {
        membership: company.clusters.some((c: { code: string }) => c.code === 'CLEANTECH'),
        participation: company.projects.some((p: { id: string }) => p.id === projectId),
        assessment: company.assessments.length > 0,
        attendance: state.data.events.some(
          (e: { title: string; attendees: { id: string }[] }) => e.title === eventTitle && e.attendees.some((a) => a.id === id),
        ),
      };
      // Refused: no event at all (the event was undone with its attendees).
      if (outcomes.attendance === 'refused') expect(state.data.events.some((e: { title: string }) => e.title === eventTitle)).toBe(false);
      for (const [what, o] of Object.entries(outcomes)) {
        expect(present[what], `trial ${trial}: ${what} answered ${o}`).toBe(o === 'written');
        tally[what] ??= { written: 0, refused: 0, undone: 0 };
        tally[what][o]++;
      }

      // Whatever remains was written before the archive; whatever was undone is audited twice.
      const [archivedAt] = (await db.companies.query(`SELECT at FROM audit_log WHERE entity_id = $1 AND action = 'DELETE'`, [id])).rows;
      expect(archivedAt.at.getTime(), 'database and test share one clock').toBeLessThanOrEqual(archiveAnsweredAt);
      const writes = [...(await auditTimes(db.clusters, id)), ...(await auditTimes(db.projects, id))];
      const adds: Record<string, string> = {
        membership: 'ADD_MEMBER',
        participation: 'ADD_PARTICIPANT',
        assessment: 'RECORD_ASSESSMENT',
        attendance: 'SCHEDULE_EVENT',
      };
      for (const [what, action] of Object.entries(adds)) {
        const written = writes.filter((w) => w.action === action);
        const undone = writes.filter((w) => w.action === `UNDO_${action}`);
        if (present[what]) {
          expect(written, `trial ${trial}: ${what}`).toHaveLength(1);
          expect(undone).toHaveLength(0);
          // A reference that stays was confirmed with the owner after it committed, so the archive
          // committed later still. The archive's commit is bounded by its answer reaching this
          // client (its audit time is taken before its commit, so a reference may legitimately
          // be audited between the two): same machine, same clock.
          expect(written[0].at.getTime(), `trial ${trial}: ${what} written after the archive`).toBeLessThanOrEqual(archiveAnsweredAt);
        } else {
          // Refused before writing (no entry), or written and undone (both entries).
          expect(undone.length, `trial ${trial}: ${what}`).toBe(written.length);
          tally[what].undone += undone.length;
        }
      }
    }
    console.log(
      `[archive-race] ${TRIALS} trials, per reference written / refused (of which undone after commit): ${JSON.stringify(tally)}`,
    );
  }, 240_000);
});

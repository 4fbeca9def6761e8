/**
 * The write path (subgraphs/kit/writes.ts) against real PostgreSQL, on the
 * projects and clusters subgraphs' own entities and migrations: what commits
 * together, what a failure leaves behind (nothing), and how the database's
 * refusals reach the client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors';
import { createLogger } from '../../platform/logger';
import { ClusterCode, EventKind, PartnershipTheme, ProjectStatus } from '../../subgraphs/kit/domain';
import { seedAuditEntry, writeAuditEntries } from '../../subgraphs/kit/audit';
import { createDataSource, migrate } from '../../subgraphs/kit/database';
import { SubgraphMetrics } from '../../subgraphs/kit/metrics';
import { ANY_VERSION, transact, write, type UpdateOptions } from '../../subgraphs/kit/writes';
import { clusterMembers } from '../../subgraphs/clusters/writes';
import { assessmentTarget, eventAttendees, eventTarget, projectCompanies, projectTarget } from '../../subgraphs/projects/writes';
import { clusters } from '../../subgraphs/clusters/subgraph';
import { ClusterMembership } from '../../subgraphs/clusters/entities/ClusterMembership';
import { projects } from '../../subgraphs/projects/subgraph';
import { EventAttendee } from '../../subgraphs/projects/entities/Event';
import { Project } from '../../subgraphs/projects/entities/Project';
import type { SubgraphModule } from '../../subgraphs/kit/subgraph';
import { TestDatabases } from '../helpers/hub';

const databases = new TestDatabases();
const log = createLogger('writes-test', 'silent');
let projectsDs: DataSource;
let clustersDs: DataSource;

const editor: Principal = { sub: 'kit-editor', org: 'vlaams-brabant', roles: ['editor'] };
const COMPANY_A = '0b6c1a84-3d0e-4a57-9a3e-6c2f1d5e7a01';
const COMPANY_B = '0b6c1a84-3d0e-4a57-9a3e-6c2f1d5e7a02';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

async function open(mod: SubgraphModule): Promise<DataSource> {
  const ds = createDataSource({
    url: databases.ownerUrl(await databases.create(`writes_${mod.name}`)), // migrated here, so as the owner
    poolSize: 4,
    entities: mod.entities,
    migrations: mod.migrations,
    metrics: new SubgraphMetrics(mod.name),
    log,
  });
  await ds.initialize();
  await migrate(ds, mod.name, log);
  return ds;
}

beforeAll(async () => {
  // The clusters themselves are reference data: the migrations insert them.
  [projectsDs, clustersDs] = await Promise.all([open(projects), open(clusters)]);
});
afterAll(async () => {
  await projectsDs?.destroy();
  await clustersDs?.destroy();
  await databases.dropAll();
});

/** Every table's rows as a checksum: "nothing was written" is exact. */
async function state(ds: DataSource): Promise<Record<string, string>> {
  const tables: { name: string }[] = await ds.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
  );
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const [{ sum }] = await ds.query(
      `SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS sum FROM "${name}" t`,
    );
    sums[name] = sum;
  }
  return sums;
}

/** The entity's audit entries written by mutations (not the reference data's SEED entry). */
async function auditOf(ds: DataSource, type: string, id: string) {
  return ds.query(
    "SELECT organisation, actor, action, changes FROM audit_log WHERE entity_type = $1 AND entity_id = $2 AND action <> 'SEED' ORDER BY seq",
    [type, id],
  );
}

const newProject = (title = 'Kit project') =>
  write.create(projectsDs, {
    principal: editor,
    target: projectTarget,
    values: { title, theme: PartnershipTheme.FOREIGN_INVESTMENT, status: ProjectStatus.PROPOSED, leadOrganisation: editor.org },
  });

/** updateProject's shape: the project by id at `expectedVersion`, plus any other option. */
const updateProject = (
  id: string,
  expectedVersion: number | typeof ANY_VERSION,
  values: Partial<Project>,
  more: Partial<UpdateOptions<Project>> = {},
) => write.update(projectsDs, { principal: editor, target: projectTarget, id, expectedVersion, values, ...more });

/** addProjectParticipant's shape, for a company. */
const addCompany = (projectId: string, companyId: string, guard?: (p: Project) => void) =>
  write.addChild(projectsDs, {
    principal: editor,
    table: projectCompanies,
    parentId: projectId,
    parentArgument: 'projectId',
    row: { companyId },
    action: 'ADD_PARTICIPANT',
    guard,
  });

/** addClusterMember / removeClusterMember's shape. */
const member = {
  add: (companyId: string, since: string) =>
    write.addChild(clustersDs, {
      principal: editor,
      table: clusterMembers,
      parentId: ClusterCode.FOOD,
      parentArgument: 'cluster',
      row: { companyId, since },
      action: 'ADD_MEMBER',
    }),
  remove: (match: Partial<ClusterMembership>, cluster = ClusterCode.FOOD) =>
    write.removeChild(clustersDs, {
      principal: editor,
      table: clusterMembers,
      parentId: cluster,
      parentArgument: 'cluster',
      match,
      action: 'REMOVE_MEMBER',
    }),
};

async function rejection(p: Promise<unknown>): Promise<ConflictError | NotFoundError | ForbiddenError | Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the write to be refused');
}

describe('create', () => {
  it('writes the row and its audit entry in one transaction: neither is visible to others before commit', async () => {
    const seen: unknown[] = [];
    const { project, written } = await transact(projectsDs, editor, async (tx) => {
      const created = await tx.create({
        target: projectTarget,
        values: { title: 'Atomic', theme: PartnershipTheme.HERITAGE, status: ProjectStatus.ACTIVE, leadOrganisation: editor.org },
      });
      // Another connection sees neither the row nor its audit entry yet.
      seen.push(await projectsDs.query('SELECT count(*)::int AS n FROM project WHERE id = $1', [created.id]));
      seen.push(await projectsDs.query('SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1', [created.id]));
      return { project: created, written: [...tx.written] };
    });
    expect(seen).toEqual([[{ n: 0 }], [{ n: 0 }]]);
    expect(project.version).toBe(1);
    expect(written).toEqual([
      {
        entityType: 'Project',
        entityId: project.id,
        version: 1,
        action: 'CREATE',
        changes: {
          title: { from: null, to: 'Atomic' },
          theme: { from: null, to: 'HERITAGE' },
          status: { from: null, to: 'ACTIVE' },
          leadOrganisation: { from: null, to: 'vlaams-brabant' },
        },
      },
    ]);
    expect(await auditOf(projectsDs, 'Project', project.id)).toEqual([
      { organisation: 'vlaams-brabant', actor: 'kit-editor', action: 'CREATE', changes: written[0].changes },
    ]);
  });

  it('leaves nothing behind when the transaction fails after the write', async () => {
    const before = await state(projectsDs);
    const err = await rejection(
      transact(projectsDs, editor, async (tx) => {
        await tx.create({
          target: projectTarget,
          values: { title: 'Doomed', theme: PartnershipTheme.HERITAGE, status: ProjectStatus.ACTIVE, leadOrganisation: editor.org },
        });
        throw new ForbiddenError('changed my mind');
      }),
    );
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(await state(projectsDs)).toEqual(before);
  });

  it('translates a unique violation into CONFLICT naming the field, and writes nothing', async () => {
    const values = {
      companyId: COMPANY_A,
      panelDate: '2025-10-16',
      marketFit: 4,
      recommendation: 'Go.',
      recordedByOrg: 'vlaams-brabant',
      recordedBy: 'x',
    };
    const first = await write.create(projectsDs, { principal: editor, target: assessmentTarget, values, action: 'RECORD_ASSESSMENT' });
    expect((await auditOf(projectsDs, 'Assessment', first.id)).map((a: any) => a.action)).toEqual(['RECORD_ASSESSMENT']);
    const before = await state(projectsDs);
    const err = await rejection(write.create(projectsDs, { principal: editor, target: assessmentTarget, values }));
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).extensions).toEqual({ code: 'CONFLICT', field: 'input.panelDate' });
    expect(err.message).toBe('This company already has an assessment for this panel date.');
    // Without a rule: a generic CONFLICT, still no SQL.
    const bare = await rejection(
      write.create(projectsDs, { principal: editor, target: { ...assessmentTarget, unique: undefined }, values }),
    );
    expect(bare.message).toBe('This Assessment already exists.');
    expect(await state(projectsDs)).toEqual(before);
  });

  it('writes child rows with the new row, listed in its one audit entry', async () => {
    const event = await write.create(projectsDs, {
      principal: editor,
      target: eventTarget,
      values: {
        projectId: null,
        title: 'Panel',
        kind: EventKind.EXPERT_PANEL,
        startsAt: new Date('2027-01-01T09:00:00Z'),
        location: 'Leuven',
      },
      action: 'SCHEDULE_EVENT',
      children: { table: eventAttendees, rows: [{ companyId: COMPANY_A }, { companyId: COMPANY_B }] },
    });
    const attendees = await projectsDs.getRepository(EventAttendee).find({ where: { eventId: event.id }, order: { companyId: 'ASC' } });
    expect(attendees.map((a) => a.companyId)).toEqual([COMPANY_A, COMPANY_B]);
    const [entry] = await auditOf(projectsDs, 'Event', event.id);
    expect(entry.action).toBe('SCHEDULE_EVENT');
    expect(entry.changes.attendeeCompanyIds).toEqual({ from: null, to: [COMPANY_A, COMPANY_B] });
    expect(entry.changes.startsAt).toEqual({ from: null, to: '2027-01-01T09:00:00.000Z' });

    const none = await write.create(projectsDs, {
      principal: editor,
      target: eventTarget,
      values: { projectId: null, title: 'Alone', kind: EventKind.WEBINAR, startsAt: new Date('2027-02-01T09:00:00Z'), location: 'Online' },
      children: { table: eventAttendees, rows: [] },
    });
    expect((await auditOf(projectsDs, 'Event', none.id))[0].changes.attendeeCompanyIds).toEqual({ from: null, to: [] });
  });
});

describe('update', () => {
  it('checks expectedVersion under the row lock: a stale version is CONFLICT with both versions, and writes nothing', async () => {
    const p = await newProject();
    const ok = await updateProject(p.id, 1, { title: 'Renamed' });
    expect(ok.row).toMatchObject({ title: 'Renamed', version: 2 });
    expect(ok.changes).toEqual({ title: { from: 'Kit project', to: 'Renamed' } });
    const before = await state(projectsDs);
    const err = await rejection(updateProject(p.id, 1, { title: 'Lost' }));
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, expectedVersion: 1 });
    expect(await state(projectsDs)).toEqual(before);
  });

  it('lets exactly one of two concurrent updates with the same version win', async () => {
    const p = await newProject('Race');
    const results = await Promise.allSettled(['A', 'B'].map((title) => updateProject(p.id, 1, { title })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(ConflictError)]);
    expect((await auditOf(projectsDs, 'Project', p.id)).map((a: any) => a.action)).toEqual(['CREATE', 'UPDATE']);
  });

  it('writes at any version only when told so (ANY_VERSION), and always with an explicit action', async () => {
    const p = await newProject('Archive me');
    await updateProject(p.id, 1, { title: 'v2' });
    const cancel = () => updateProject(p.id, ANY_VERSION, { status: ProjectStatus.CANCELLED }, { action: 'CANCEL' });
    expect((await cancel()).row).toMatchObject({ status: 'CANCELLED', version: 3 });
    // An explicit action writes even without an audited change.
    expect((await cancel()).row.version).toBe(4);
    const audit = await auditOf(projectsDs, 'Project', p.id);
    expect(audit.map((a: any) => [a.action, a.changes])).toEqual([
      ['CREATE', expect.any(Object)],
      ['UPDATE', { title: { from: 'Archive me', to: 'v2' } }],
      ['CANCEL', { status: { from: 'PROPOSED', to: 'CANCELLED' } }],
      ['CANCEL', {}],
    ]);
  });

  it('writes nothing for an update that changes no audited field', async () => {
    const p = await newProject('Same');
    const before = await state(projectsDs);
    expect(await updateProject(p.id, 1, { title: 'Same' })).toMatchObject({ row: { version: 1 }, changes: {} });
    expect(await state(projectsDs)).toEqual(before);
  });

  it('answers NOT_FOUND naming the argument, and runs the guard on the locked row before writing', async () => {
    const missing = await rejection(updateProject(NO_SUCH_ID, 1, { title: 'X' }, { idArgument: 'projectId' }));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).extensions).toEqual({ code: 'NOT_FOUND', field: 'projectId' });

    const p = await newProject('Guarded');
    const before = await state(projectsDs);
    const guard = (current: Project) => {
      if (current.leadOrganisation !== 'chengdu') throw new ForbiddenError('not yours');
    };
    expect(await rejection(updateProject(p.id, 1, { title: 'Nope' }, { guard }))).toBeInstanceOf(ForbiddenError);
    expect(await state(projectsDs)).toEqual(before);
  });
});

describe('child rows, audited on the parent', () => {
  it('adds a row to a versioned parent: bumps its version, audits on the parent; a duplicate it ignores writes nothing', async () => {
    const p = await newProject('With participants');
    const added = await addCompany(p.id, COMPANY_A);
    expect(added.parent.version).toBe(2);
    expect(added.row).toMatchObject({ projectId: p.id, companyId: COMPANY_A });
    expect((await projectsDs.getRepository(Project).findOneByOrFail({ id: p.id })).version).toBe(2);
    expect((await auditOf(projectsDs, 'Project', p.id)).at(-1)).toEqual({
      organisation: 'vlaams-brabant',
      actor: 'kit-editor',
      action: 'ADD_PARTICIPANT',
      changes: { companyId: { from: null, to: COMPANY_A } },
    });

    const before = await state(projectsDs);
    expect(await addCompany(p.id, COMPANY_A)).toMatchObject({ row: null, parent: { version: 2 } });
    expect(await state(projectsDs)).toEqual(before);
  });

  it('refuses an unknown parent with NOT_FOUND naming the argument, and a guard on the locked parent, writing nothing', async () => {
    const p = await newProject('Not yours');
    const before = await state(projectsDs);
    const missing = await rejection(addCompany(NO_SUCH_ID, COMPANY_A));
    expect((missing as NotFoundError).extensions).toEqual({ code: 'NOT_FOUND', field: 'projectId' });
    const refused = await rejection(
      addCompany(p.id, COMPANY_B, () => {
        throw new ForbiddenError('not the lead');
      }),
    );
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(await state(projectsDs)).toEqual(before);
  });

  it('adds and removes a member of an unversioned parent; a duplicate is CONFLICT naming the field', async () => {
    const { row } = await member.add(COMPANY_A, '2024-03-01');
    expect(row).toBeInstanceOf(ClusterMembership);
    expect(row!.company).toEqual({ id: COMPANY_A });

    const before = await state(clustersDs);
    const dup = await rejection(member.add(COMPANY_A, '2024-03-01'));
    expect(dup).toBeInstanceOf(ConflictError);
    expect(dup.message).toBe(`Company ${COMPANY_A} is already a member of FOOD.`);
    expect((dup as ConflictError).extensions).toEqual({ code: 'CONFLICT', field: 'companyId' });
    expect(await state(clustersDs)).toEqual(before);

    expect((await member.remove({ companyId: COMPANY_A })).removed).toMatchObject({ companyId: COMPANY_A, since: '2024-03-01' });
    const afterRemove = await state(clustersDs);
    expect((await member.remove({ companyId: COMPANY_A })).removed).toBeNull();
    expect(await state(clustersDs)).toEqual(afterRemove);

    expect((await auditOf(clustersDs, 'Cluster', 'FOOD')).map((a: any) => [a.action, a.changes])).toEqual([
      ['ADD_MEMBER', { companyId: { from: null, to: COMPANY_A }, since: { from: null, to: '2024-03-01' } }],
      ['REMOVE_MEMBER', { companyId: { from: COMPANY_A, to: null }, since: { from: '2024-03-01', to: null } }],
    ]);
  });

  it('of concurrent adds of the same member, exactly one commits; the other is CONFLICT', async () => {
    const results = await Promise.allSettled([0, 1].map(() => member.add(COMPANY_B, '2024-04-01')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([
      expect.any(ConflictError),
    ]);
    const entries = await auditOf(clustersDs, 'Cluster', 'FOOD');
    expect(entries.filter((a: any) => a.changes.companyId?.to === COMPANY_B)).toHaveLength(1);
  });

  it('refuses to remove by a partial key (a programming error, not a silent multi-row delete)', async () => {
    const before = await state(clustersDs);
    expect((await rejection(member.remove({}))).message).toContain('companyId');
    expect(await state(clustersDs)).toEqual(before);
  });
});

describe('audit entries for the seed', () => {
  it('writes many entries in one call, in batches, inside the caller’s transaction', async () => {
    const ids = Array.from({ length: 1_201 }, (_, i) => `seed-${i}`);
    const before = (await projectsDs.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'SeedTest'`))[0].n;
    await projectsDs
      .transaction(async (em) => {
        await writeAuditEntries(
          em,
          ids.map((id) => seedAuditEntry('SeedTest', id, 'vlaams-brabant')),
        );
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await projectsDs.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'SeedTest'`))[0].n).toBe(before);
    await projectsDs.transaction((em) =>
      writeAuditEntries(
        em,
        ids.map((id) => seedAuditEntry('SeedTest', id, 'vlaams-brabant')),
      ),
    );
    const rows = await projectsDs.query(
      `SELECT count(*)::int AS n, min(actor) AS actor, min(action) AS action, bool_and(changes IS NULL) AS no_changes FROM audit_log WHERE entity_type = 'SeedTest'`,
    );
    expect(rows).toEqual([{ n: 1_201, actor: 'demo-seed', action: 'SEED', no_changes: true }]);
  });
});

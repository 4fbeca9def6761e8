/**
 * Reference data and demo data: the five clusters come from a migration (also
 * with SEED_DEMO_DATA=false), and a wrong demo file stops the seed with the
 * import's row-level problems, writing nothing.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger';
import { ROOT } from '../../platform/paths';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/services';
import { runImport } from '../../scripts/import/run';
import { SUBGRAPHS } from '../../subgraphs';
import { CreateClusters1764288000000 } from '../../subgraphs/clusters/migrations/1764288000000-CreateClusters';
import { REFERENCE_CLUSTERS } from '../../subgraphs/clusters/migrations/1764288000001-ClusterReferenceData';
import { createDataSource, migrate } from '../../subgraphs/kit/database';
import { ClusterCode } from '../../subgraphs/kit/domain';
import { SubgraphMetrics } from '../../subgraphs/kit/metrics';
import { SeedError, type SeedProblem } from '../../subgraphs/kit/seed';
import { AGREEMENTS_FILE } from '../../subgraphs/registry/seed';
import { readCsv, writeCsv } from '../../subgraphs/kit/sheets/csv';
import { COMPANIES } from '../helpers/demo';
import { startTestHub, TestDatabases, token, type TestHub } from '../helpers/hub';

const log = createLogger('seed-test', 'silent');
const databases = new TestDatabases();
const open: DataSource[] = [];
const roots: string[] = [];
let hub: TestHub;
let root: string;

/** A subgraph's database at `url`, migrated (with `migrations`, default all of them). */
async function connect(name: SubgraphName, url: string, migrations: Function[] = SUBGRAPHS[name].migrations): Promise<DataSource> {
  const ds = createDataSource({
    url,
    poolSize: 2,
    entities: SUBGRAPHS[name].entities,
    migrations,
    metrics: new SubgraphMetrics(name),
    log,
  });
  await ds.initialize();
  await migrate(ds, name, log);
  open.push(ds);
  return ds;
}

/** A fresh database of one subgraph, migrated, without demo data. */
const migrated = async (name: SubgraphName) => connect(name, databases.ownerUrl(await databases.create(`${name}_${open.length}`)));

const count = async (ds: DataSource, table: string) => Number((await ds.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

/** Changes cells of a demo file in the copy under `root`: row number (as a spreadsheet shows it) → column → value. */
function edit(file: string, changes: Record<number, Record<string, string>>): void {
  const path = join(root, file);
  const csv = readCsv(path);
  for (const r of csv.rows) Object.assign(r.values, changes[r.row] ?? {});
  writeCsv(
    path,
    csv.columns,
    csv.rows.map((r) => csv.columns.map((c) => r.values[c])),
    csv.delimiter,
  );
}

/** What the seed threw, or a failure when it did not throw SeedError. */
async function seedProblems(seeding: Promise<unknown>): Promise<SeedProblem[]> {
  const err = await seeding.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SeedError);
  return (err as SeedError).problems;
}

beforeAll(async () => {
  hub = await startTestHub({ SEED_DEMO_DATA: 'false' });
});

// Each test breaks its own copy of the repository's demo files.
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'partnerhub-seed-'));
  roots.push(root);
  for (const name of SUBGRAPH_NAMES)
    cpSync(join(ROOT, 'subgraphs', name, 'seed'), join(root, 'subgraphs', name, 'seed'), { recursive: true });
});

afterAll(async () => {
  await hub?.stop();
  for (const ds of open) await ds.destroy();
  await databases.dropAll();
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

describe('reference data on an empty database (SEED_DEMO_DATA=false)', () => {
  it('has the five clusters with names in NL, EN and ZH, and no demo records', async () => {
    const res = await hub.query(`{
      clusters { code nl: name(lang: NL) en: name(lang: EN) zh: name(lang: ZH) descriptionZh: description(lang: ZH) memberCount }
      companies(first: 1) { totalCount }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.companies.totalCount).toBe(0);
    expect(res.data.clusters.map((c: { code: string }) => c.code)).toEqual(Object.values(ClusterCode).sort());
    for (const c of res.data.clusters) {
      const ref = REFERENCE_CLUSTERS.find((r) => r.code === c.code)!;
      expect(c).toEqual({
        code: ref.code,
        nl: ref.nameNl,
        en: ref.nameEn,
        zh: ref.nameZh,
        descriptionZh: ref.descriptionZh,
        memberCount: 0,
      });
    }
  });

  it('records where the clusters came from in their history', async () => {
    const res = await hub.query('{ cluster(code: HEALTH) { history { action actor organisation changes } } }', undefined, {
      token: await token({ org: 'smart-hub' }),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.cluster.history).toEqual([{ action: 'SEED', actor: 'reference-data', organisation: 'smart-hub', changes: null }]);
  });

  it('accepts addClusterMember for a new company', async () => {
    const enterpriseNumber = '0712.345.630';
    expect(COMPANIES.some((c) => c.enterpriseNumber === enterpriseNumber)).toBe(false);
    const created = await hub.query(
      `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id } }`,
      {
        input: {
          enterpriseNumber,
          name: 'Reference Data Test',
          municipality: 'Leuven',
          postalCode: '3000',
          employees: 3,
          cleantechDomains: ['WATER_TREATMENT'],
          chinaStatus: 'EXPLORING',
        },
      },
      { token: await token({ org: 'vlaams-brabant', roles: ['editor'] }) },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data.createCompany.id;
    const added = await hub.query(
      'mutation($id: ID!) { addClusterMember(cluster: CLEANTECH, companyId: $id, since: "2024-01-15") { since cluster { code } company { id } } }',
      { id },
      { token: await token({ org: 'smart-hub', roles: ['editor'] }) },
    );
    expect(added.errors).toBeUndefined();
    expect(added.data.addClusterMember).toEqual({ since: '2024-01-15', cluster: { code: 'CLEANTECH' }, company: { id } });
    const members = await hub.query('{ cluster(code: CLEANTECH) { memberCount members { company { id } } } }');
    expect(members.data.cluster).toEqual({ memberCount: 1, members: [{ company: { id } }] });
  });

  it('leaves clusters that a database already has (from the demo seed of earlier versions) as they are', async () => {
    const url = databases.ownerUrl(await databases.create('clusters_earlier'));
    const ds = await connect('clusters', url, [CreateClusters1764288000000]);
    // What the earlier demo seed wrote: the clusters and one SEED entry each.
    for (const c of REFERENCE_CLUSTERS) {
      await ds.query('INSERT INTO cluster (code, name_nl, name_en, name_zh) VALUES ($1, $2, $3, $4)', [
        c.code,
        `old ${c.nameNl}`,
        c.nameEn,
        c.nameZh,
      ]);
      await ds.query(
        "INSERT INTO audit_log (entity_type, entity_id, organisation, actor, action) VALUES ('Cluster', $1, 'smart-hub', 'demo-seed', 'SEED')",
        [c.code],
      );
    }

    const again = await connect('clusters', url);
    expect(await again.showMigrations()).toBe(false);
    const rows: { code: string; name_nl: string }[] = await again.query('SELECT code, name_nl FROM cluster ORDER BY code');
    expect(rows).toEqual(
      [...REFERENCE_CLUSTERS].sort((a, b) => (a.code < b.code ? -1 : 1)).map((c) => ({ code: c.code, name_nl: `old ${c.nameNl}` })),
    );
    expect(await again.query("SELECT DISTINCT actor FROM audit_log WHERE entity_type = 'Cluster'")).toEqual([{ actor: 'demo-seed' }]);
    expect(await count(again, 'audit_log')).toBe(5);
  });
});

describe('a wrong demo file', () => {
  const COMPANIES_FILE = 'subgraphs/companies/seed/companies.csv';

  it('stops the companies seed with the rows the import rejects, for the same reasons, and writes nothing', async () => {
    const second = COMPANIES[0].enterpriseNumber;
    const typo = `${COMPANIES[2].enterpriseNumber.slice(0, -1)}${(Number(COMPANIES[2].enterpriseNumber.slice(-1)) + 1) % 10}`;
    edit(COMPANIES_FILE, {
      3: { postalCode: 'ABCD' },
      4: { enterpriseNumber: typo },
      6: { employees: 'many' },
      8: { enterpriseNumber: second },
      10: { contactEmail: 'nobody' },
      12: { chinaStatus: 'SOMETIMES' },
    });

    const ds = await migrated('companies');
    const problems = await seedProblems(SUBGRAPHS.companies.seed(ds, root));
    expect(problems.map((p) => [p.file, p.row, p.column, p.value])).toEqual([
      [COMPANIES_FILE, 3, 'postalCode', 'ABCD'],
      [COMPANIES_FILE, 4, 'enterpriseNumber', typo],
      [COMPANIES_FILE, 6, 'employees', 'many'],
      [COMPANIES_FILE, 8, 'enterpriseNumber', second],
      [COMPANIES_FILE, 10, 'contactEmail', 'nobody'],
      [COMPANIES_FILE, 12, 'chinaStatus', 'SOMETIMES'],
    ]);
    expect(problems[3].reason).toBe(`same enterpriseNumber as row 2: one row per record`);
    expect(await count(ds, 'company')).toBe(0);
    expect(await count(ds, 'audit_log')).toBe(0);

    // The same file through `npm run import`: the same rows rejected, with the same columns and reasons.
    const result = await runImport({
      kind: 'companies',
      file: join(root, COMPANIES_FILE),
      reportPath: join(root, 'companies.report.csv'),
      url: hub.gatewayUrl,
      token: await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'importer' }),
    });
    const rejected = result.outcomes.filter((o) => o.fate === 'rejected');
    expect(rejected.flatMap((o) => o.problems!.map((p) => ({ row: o.row, column: p.column, reason: p.reason })))).toEqual(
      problems.map(({ row, column, reason }) => ({ row, column, reason })),
    );
    expect(result.summary.created).toBe(COMPANIES.length - problems.length);
  });

  it('stops the projects seed on a wrong value, an unknown project, company or organisation, and writes nothing', async () => {
    edit('subgraphs/projects/seed/projects.csv', { 2: { leadOrganisation: 'leuven' } });
    edit('subgraphs/projects/seed/events.csv', {
      2: { startsAt: '2025-02-11 10:00' },
      3: { project: 'no-such-project' },
      4: { attendees: '0832.531.697|0999.999.999' },
    });
    edit('subgraphs/projects/seed/assessments.csv', { 3: { marketFit: '7' } });

    const ds = await migrated('projects');
    const problems = await seedProblems(SUBGRAPHS.projects.seed(ds, root));
    expect(problems.map(({ file, row, column, value }) => [file.replace('subgraphs/projects/seed/', ''), row, column, value])).toEqual([
      ['projects.csv', 2, 'leadOrganisation', 'leuven'],
      ['events.csv', 2, 'startsAt', '2025-02-11 10:00'],
      ['events.csv', 3, 'project', 'no-such-project'],
      ['events.csv', 4, 'attendees', '0832.531.697|0999.999.999'],
      ['assessments.csv', 3, 'marketFit', '7'],
    ]);
    expect(problems.map((p) => p.reason)).toEqual([
      'must be one of vlaams-brabant, smart-hub, chengdu, got "leuven"',
      'must be ISO-8601 with an offset, e.g. 2027-02-04T14:00:00+01:00, got "2025-02-11 10:00"',
      'NOT_FOUND: Project no-such-project does not exist.',
      'NOT_FOUND: Company 0999.999.999 does not exist.',
      'must be a whole number from 1 to 5, got 7',
    ]);
    for (const table of ['project', 'project_company', 'project_partner', 'event', 'event_attendee', 'assessment', 'audit_log']) {
      expect(await count(ds, table), table).toBe(0);
    }
  });

  it('stops the registry seed on an agreement the owner could not grant, and writes nothing', async () => {
    edit(AGREEMENTS_FILE, {
      2: { grantor: 'chengdu' },
      3: { grantee: 'atlantis' },
      4: { purposes: 'MATCHMAKING|GOSSIP' },
      5: { validUntil: '2025-01-01T00:00:00+01:00' },
    });
    const ds = await migrated('registry');
    const problems = await seedProblems(SUBGRAPHS.registry.seed(ds, root, hub.trust.trust));
    expect(problems.map(({ row, column, value }) => [row, column, value])).toEqual([
      [2, 'grantor', 'chengdu'],
      [3, 'grantee', 'atlantis'],
      [4, 'purposes', 'MATCHMAKING|GOSSIP'],
      [5, 'validUntil', '2025-01-01T00:00:00+01:00'],
    ]);
    expect(problems[0].reason).toBe('COMPANY_CONTACTS belongs to vlaams-brabant: only its owner grants it');
    expect(await count(ds, 'sharing_agreement')).toBe(0);
    expect(await count(ds, 'audit_log')).toBe(0);
    // The repository's file loads, every agreement with its SEED entry for the grantor.
    const clean = await migrated('registry');
    expect(await SUBGRAPHS.registry.seed(clean, undefined, hub.trust.trust)).toBe(true);
    expect(await count(clean, 'sharing_agreement')).toBe(4);
    expect(await clean.query(`SELECT organisation, count(*)::int AS n FROM audit_log GROUP BY 1 ORDER BY 1`)).toEqual([
      { organisation: 'chengdu', n: 1 },
      { organisation: 'vlaams-brabant', n: 3 },
    ]);
  });

  it('stops the clusters seed on a membership of a company that is not in the demo companies', async () => {
    edit('subgraphs/clusters/seed/memberships.csv', { 5: { enterpriseNumber: '0999.999.999' }, 6: { since: '2099-01-01' } });
    const ds = await migrated('clusters');
    const problems = await seedProblems(SUBGRAPHS.clusters.seed(ds, root));
    expect(problems.map(({ row, column, value, reason }) => ({ row, column, value, reason }))).toEqual([
      { row: 5, column: 'enterpriseNumber', value: '0999.999.999', reason: 'NOT_FOUND: Company 0999.999.999 does not exist.' },
      { row: 6, column: 'since', value: '2099-01-01', reason: 'cannot be in the future, got 2099-01-01' },
    ]);
    expect(await count(ds, 'cluster_membership')).toBe(0);
    expect(await count(ds, 'cluster')).toBe(5);
  });
});

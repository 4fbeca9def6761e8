/**
 * scripts/migrate.ts, the Kubernetes migrations Job's and docker-compose's
 * migrate service's command: it applies every migration of the named
 * subgraphs to their databases as each database's owner
 * (`<NAME>_MIGRATION_DATABASE_URL`) and exits 0, after which the service's
 * role (`<NAME>_DATABASE_URL`) reads and writes but is locked out of the
 * trails; a second run applies nothing; the service's role alone cannot
 * migrate; a wrong name or an unreachable database exits non-zero and names
 * the problem. A subgraph service given the owner's URL refuses to start:
 * only this, the launcher and the migrate job read it.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envKey } from '../../platform/services';
import { ROOT } from '../../platform/paths';
import { SUBGRAPHS } from '../../subgraphs';
import { prepareTestTrust, TestDatabases, trustEnv, type TestTrust } from '../helpers/hub';
import { Client } from 'pg';
import { expectServiceLockedOut } from '../helpers/expect';

let databases: TestDatabases;
let trust: TestTrust;
const urls: Record<string, string> = {};

function runMigrate(args: string[], env: Record<string, string>) {
  return run('scripts/migrate.ts', args, env);
}

function run(script: string, args: string[], env: Record<string, string>) {
  const res = spawnSync(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...trustEnv(trust), NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

async function appliedMigrations(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    return rows.rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  databases = new TestDatabases();
  trust = await prepareTestTrust();
  for (const name of ['companies', 'projects']) urls[name] = await databases.create(`migrate_${name}`);
}, 120_000);
afterAll(async () => {
  await databases?.dropAll();
});

describe('scripts/migrate.ts', () => {
  it('applies every migration of the named subgraphs and exits 0; a second run applies nothing', async () => {
    const env: Record<string, string> = {};
    for (const name of ['companies', 'projects'] as const) {
      // The service's role by name only: the owner grants it its privileges, no password needed.
      const service = new URL(urls[name]);
      service.password = '';
      env[envKey(name, 'DATABASE_URL')] = service.toString();
      env[envKey(name, 'MIGRATION_DATABASE_URL')] = databases.ownerUrl(urls[name]);
    }
    const first = runMigrate(['companies', 'projects'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/"migration applied"/);
    for (const name of ['companies', 'projects'] as const) {
      // Read with the service's own credentials: it may read the record of migrations.
      const applied = await appliedMigrations(urls[name]);
      // The subgraph's own migrations and the kit's change-event table.
      expect(applied.length).toBe(SUBGRAPHS[name].migrations.length + 1);
    }
    const client = new Client({ connectionString: urls.companies });
    await client.connect();
    try {
      await client.query('UPDATE company SET name = name WHERE false');
      await expectServiceLockedOut(client);
    } finally {
      await client.end();
    }
    const second = runMigrate(['companies', 'projects'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toMatch(/"migration applied"/);
  }, 240_000);

  it("grants the service's role its privileges on the owner's tables; a service given the owner's URL as well refuses to start", async () => {
    // After the first test's run: the service's role, migrated and granted by the owner, starts without migrating.
    const service: Record<string, string> = {
      [envKey('companies', 'DATABASE_URL')]: urls.companies,
      [envKey('companies', 'MIGRATION_DATABASE_URL')]: databases.ownerUrl(urls.companies),
      MIGRATE_ON_START: 'false',
      SEED_DEMO_DATA: 'false',
      COMPANIES_PORT: '1', // never reached: the configuration is refused first
    };
    const refused = run('subgraphs/companies/index.ts', [], service);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /configuration error: COMPANIES_MIGRATION_DATABASE_URL is set: it is the database owner's URL, for `npm run migrate`, the launcher \(`npm start`\) and the migrate job only, never for a service/,
    );
    // The grant is there: the service's role reads the tables the owner made.
    const client = new Client({ connectionString: urls.companies });
    await client.connect();
    try {
      // One call per privilege: given a list, has_table_privilege answers true when any one of them is held.
      const [privileges] = (
        await client.query(
          `SELECT has_table_privilege('company', 'SELECT') AS company_select, has_table_privilege('company', 'INSERT') AS company_insert,
                  has_table_privilege('company', 'UPDATE') AS company_update, has_table_privilege('company', 'DELETE') AS company_delete,
                  has_table_privilege('audit_log', 'UPDATE') AS trail_update`,
        )
      ).rows;
      expect(privileges).toEqual({
        company_select: true,
        company_insert: true,
        company_update: true,
        company_delete: true,
        trail_update: false,
      });
      const [{ owner }] = (
        await client.query("SELECT pg_catalog.pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'company'")
      ).rows;
      expect(owner).toBe(new URL(databases.ownerUrl(urls.companies)).username);
    } finally {
      await client.end();
    }
  }, 120_000);

  it("takes back an UPDATE granted on a trail's column only, on the next run (sealTrails reads the column privileges too)", async () => {
    const env: Record<string, string> = {
      [envKey('companies', 'DATABASE_URL')]: urls.companies,
      [envKey('companies', 'MIGRATION_DATABASE_URL')]: databases.ownerUrl(urls.companies),
    };
    const updatable = async () => {
      const client = new Client({ connectionString: urls.companies });
      await client.connect();
      try {
        return (await client.query("SELECT has_column_privilege('audit_log', 'actor', 'UPDATE') AS u")).rows[0].u as boolean;
      } finally {
        await client.end();
      }
    };
    const admin = new Client({ connectionString: databases.superuserUrl(urls.companies) });
    await admin.connect();
    try {
      await admin.query('GRANT UPDATE (actor) ON audit_log TO PUBLIC');
    } finally {
      await admin.end();
    }
    expect(await updatable()).toBe(true);
    const res = runMigrate(['companies'], env);
    expect(res.code, res.stderr).toBe(0);
    expect(await updatable()).toBe(false);
  }, 120_000);

  it("fails with the service's role alone: it may not create anything", async () => {
    const url = await databases.create('migrate_service_only');
    const res = runMigrate(['registry'], { [envKey('registry', 'DATABASE_URL')]: url });
    expect(res.code).toBe(1);
    // Without a grant it does not even see the schema (no USAGE), let alone create in it.
    expect(res.stderr).toMatch(/^migrate: (no schema has been selected to create in|permission denied for schema public)/m);
  }, 120_000);

  it('refuses a name that is not a subgraph, and fails naming an unreachable database', () => {
    const wrong = runMigrate(['compagnies'], {});
    expect(wrong.code).toBe(64);
    expect(wrong.stderr).toMatch(/not a subgraph: compagnies/);
    const down = runMigrate(['companies'], { [envKey('companies', 'DATABASE_URL')]: 'postgres://nobody@127.0.0.1:1/none' });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^migrate: /m);
  }, 120_000);
});

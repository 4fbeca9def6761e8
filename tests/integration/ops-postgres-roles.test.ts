/**
 * Operations (issue 6, issue 14 item 3): the PostgreSQL init script
 * docker-compose mounts (docker/postgres-init/10-organisations.sh), run for
 * real against the test server with a unique prefix. Each organisation's
 * owner role owns its database and runs its subgraph's migrations there (as
 * docker-compose's migrate service does); the service's role loads demo data
 * and serves, owns nothing, and is refused every edit of the trails and what
 * only an owner could do; neither role connects to another organisation's
 * database.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { createLogger } from '../../platform/logger';
import { withClient } from '../../scripts/hub/postgres';
import { migrateDatabase, SUBGRAPHS } from '../../subgraphs';
import { expectServiceLockedOut } from '../helpers/expect';
import { loadMigrationConfig, loadSubgraphConfig } from '../../subgraphs/kit/config';
import { startSubgraph } from '../../subgraphs/kit/subgraph';
import { graphql, prepareTestTrust, trustEnv } from '../helpers/hub';
import { ROOT } from '../helpers/processes';

const run = promisify(execFile);
const psqlAvailable = await run('psql', ['--version']).then(
  () => true,
  () => false,
);

const admin = new URL(inject('postgresAdminUrl'));
const prefix = `ph_r${process.pid}_${randomBytes(3).toString('hex')}_`;
const names = ['companies', 'clusters'] as const;
type Login = `${(typeof names)[number]}${'' | '_owner'}`;
const passwords: Record<Login, string> = {
  companies: randomBytes(12).toString('hex'),
  clusters: randomBytes(12).toString('hex'),
  companies_owner: randomBytes(12).toString('hex'),
  clusters_owner: randomBytes(12).toString('hex'),
};

function urlAs(login: Login, database: string): string {
  const u = new URL(admin.toString());
  u.username = `${prefix}${login}`;
  u.password = passwords[login];
  u.pathname = `/${database}`;
  return u.toString();
}

async function runInitScript(without?: string) {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    PGHOST: admin.hostname || '127.0.0.1',
    PGPORT: admin.port || '5432',
    PGPASSWORD: decodeURIComponent(admin.password),
    POSTGRES_USER: decodeURIComponent(admin.username) || 'postgres',
    PARTNERHUB_DB_PREFIX: prefix,
    PARTNERHUB_SUBGRAPHS: names.join(' '),
    // A shared test server: leave its own databases alone.
    PARTNERHUB_LOCK_DATABASES: '',
    COMPANIES_DB_PASSWORD: passwords.companies,
    CLUSTERS_DB_PASSWORD: passwords.clusters,
    COMPANIES_OWNER_DB_PASSWORD: passwords.companies_owner,
    CLUSTERS_OWNER_DB_PASSWORD: passwords.clusters_owner,
  };
  if (without) delete env[without];
  return run('sh', [join(ROOT, 'docker/postgres-init/10-organisations.sh')], { env });
}

async function asAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

// Skipped without psql, except under CI=true: there a missing psql fails the run.
describe.skipIf(!psqlAvailable && process.env.CI !== 'true')('one database and one role per organisation (docker/postgres-init)', () => {
  beforeAll(async () => {
    expect(psqlAvailable, 'psql is missing: under CI=true this test must run (apt-get install postgresql-client)').toBe(true);
    await runInitScript();
    await runInitScript(); // idempotent: safe to run again to add an organisation
  });

  afterAll(async () => {
    await asAdmin(async (c) => {
      for (const n of names) await c.query(`DROP DATABASE IF EXISTS "${prefix}${n}" WITH (FORCE)`);
      for (const n of names) for (const role of [n, `${n}_owner`]) await c.query(`DROP ROLE IF EXISTS "${prefix}${role}"`);
    });
  });

  it("lets the owner migrate its database, and the service's role seed and serve it but not touch the trails", async () => {
    const trust = await prepareTestTrust();
    onTestFinished(() => rmSync(trust.dir, { recursive: true, force: true }));
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ...trustEnv(trust),
      COMPANIES_PORT: '0',
      COMPANIES_DATABASE_URL: urlAs('companies', `${prefix}companies`),
    };
    // What docker-compose's migrate service runs (scripts/migrate.ts), then the subgraph with its runtime URL only.
    const migrate = loadMigrationConfig('companies', {
      ...env,
      COMPANIES_MIGRATION_DATABASE_URL: urlAs('companies_owner', `${prefix}companies`),
    });
    await migrateDatabase('companies', migrate.url, createLogger('migrate', 'silent'), migrate.serviceRole);
    const config = loadSubgraphConfig('companies', { ...env, MIGRATE_ON_START: 'false' });
    const subgraph = await startSubgraph(SUBGRAPHS.companies!, config);
    try {
      const res = await graphql(subgraph.url, '{ companies(first: 1) { totalCount } }');
      expect(res.errors).toBeUndefined();
      expect(res.data.companies.totalCount).toBeGreaterThan(0);
      const [owner] = await subgraph.ds.query(
        `SELECT pg_catalog.pg_get_userbyid(datdba) AS owner, current_user AS me FROM pg_database WHERE datname = current_database()`,
      );
      expect(owner).toEqual({ owner: `${prefix}companies_owner`, me: `${prefix}companies` });
      await withClient(config.databaseUrl, (c) => expectServiceLockedOut(c));
    } finally {
      await subgraph.stop();
    }
  });

  it('stops with the name of a password that is not set', async () => {
    for (const missing of ['CLUSTERS_OWNER_DB_PASSWORD', 'CLUSTERS_DB_PASSWORD']) {
      await expect(runInitScript(missing)).rejects.toMatchObject({ stderr: expect.stringContaining(`${missing} is not set`) });
    }
  });

  it("refuses each role the other organisation's database", async () => {
    for (const [who, other] of [
      ['companies', 'clusters'],
      ['clusters', 'companies'],
      ['companies_owner', 'clusters'],
      ['clusters_owner', 'companies'],
    ] as const) {
      const c = new Client({ connectionString: urlAs(who, `${prefix}${other}`) });
      const err = await c.connect().then(
        () => undefined,
        (e: { code?: string; message: string }) => e,
      );
      await c.end().catch(() => {});
      expect(err, `${who} -> ${other}`).toMatchObject({
        code: '42501',
        message: expect.stringContaining('permission denied for database'),
      });
    }
    // And PUBLIC has nothing on either database: no other role gets in either.
    const acl = await asAdmin((c) =>
      c.query<{ datname: string; public_connect: boolean }>(
        `SELECT datname, has_database_privilege('public', datname, 'CONNECT') AS public_connect FROM pg_database WHERE datname LIKE $1`,
        [`${prefix}%`],
      ),
    );
    expect(acl.rows).toHaveLength(2);
    for (const row of acl.rows) expect(row.public_connect, row.datname).toBe(false);
  });
});

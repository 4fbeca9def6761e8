/**
 * Issue 14, item 3: ensureServiceDatabase (scripts/hub/postgres.ts), the one
 * function that gives a subgraph its database and its two roles (the owner,
 * which migrates, and the service's, which owns nothing) under `npm start`
 * and in the test hubs, on the test server. The cases the test hubs do not
 * meet: a database an earlier `npm start` migrated as the superuser (before
 * the roles), and one whose service's role owned everything (before the
 * owners), are handed to the owner; after the owner's next migration run the
 * service's role writes but cannot touch the trails, and the data is intact.
 * And databaseReadiness: a replica is not ready while a table the owner's
 * migration made is not yet granted to its role (the grants commit after the
 * migrations, apart from them).
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../platform/logger';
import {
  dropServiceDatabase,
  ensureServiceDatabase,
  ownerRoleOf,
  postgresServer,
  urlAs,
  withClient,
  type DatabaseRoles,
} from '../../scripts/hub/postgres';
import { migrateDatabase, SUBGRAPHS } from '../../subgraphs';
import { roleOf } from '../../subgraphs/kit/config';
import { databaseReadiness, shortLivedDataSource } from '../../subgraphs/kit/database';
import { checkTrails } from '../../subgraphs/kit/trail';
import { expectServiceLockedOut } from '../helpers/expect';
import { TestDatabases } from '../helpers/hub';

const server = postgresServer(inject('postgresAdminUrl'));
const name = `ph_s${process.pid}_${randomBytes(3).toString('hex')}`;
const loginOwned = `${name}_login`;
const other = `${name}_other`;
const rolesOf = (db: string): DatabaseRoles => ({
  service: { role: db, password: randomBytes(18).toString('base64url') },
  owner: { role: ownerRoleOf(db), password: randomBytes(18).toString('base64url') },
});
const roles = rolesOf(name);
const log = createLogger('service-roles-test', 'silent');

const databases = new TestDatabases();

afterAll(async () => {
  for (const db of [name, loginOwned, other]) await dropServiceDatabase(server, db, db);
  await databases.dropAll();
});

/** The error a statement (or a connection) ends with, or undefined. */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { code?: string; message: string }) => e,
  );

/** What the owner owns, who owns anything else in the public schema, and what the service's role may do in the database. */
async function ownership(database: string, r: DatabaseRoles) {
  return withClient(server.urlFor(database), async (c) => {
    const { rows } = await c.query(
      `SELECT pg_get_userbyid(d.datdba) AS db_owner, pg_get_userbyid(n.nspowner) AS schema_owner,
              has_database_privilege('public', d.datname, 'CONNECT') AS public_connect,
              has_schema_privilege('public', 'public', 'CREATE') AS public_create,
              has_database_privilege($1, d.datname, 'CONNECT') AS service_connect,
              has_database_privilege($1, d.datname, 'CREATE') AS service_create_schema,
              has_database_privilege($1, d.datname, 'TEMP') AS service_temp,
              has_schema_privilege($1, 'public', 'CREATE') AS service_create
         FROM pg_database d, pg_namespace n WHERE d.datname = current_database() AND n.nspname = 'public'`,
      [r.service.role],
    );
    const foreign = await c.query(
      `SELECT c.relname, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND pg_get_userbyid(c.relowner) <> $1
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
       UNION ALL
       SELECT p.proname, pg_get_userbyid(p.proowner) FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> $1
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
      [r.owner.role],
    );
    return { ...rows[0], foreign: foreign.rows };
  });
}

const HANDED_OVER = (r: DatabaseRoles) => ({
  db_owner: r.owner.role,
  schema_owner: r.owner.role,
  public_connect: false,
  public_create: false,
  service_connect: true,
  service_create_schema: false,
  service_temp: false,
  service_create: false,
  foreign: [],
});

describe('ensureServiceDatabase', () => {
  it('makes two non-superuser login roles, and hands a database the superuser migrated to the owner', async () => {
    await server.ensureDatabase(name);
    await migrateDatabase('companies', server.urlFor(name), log); // as `npm start` did before the roles
    const urls = await ensureServiceDatabase(server, name, roles);
    expect(await ensureServiceDatabase(server, name, roles), 'idempotent').toEqual(urls);
    expect(new URL(urls.url).username).toBe(name);
    expect(new URL(urls.migrationUrl).username).toBe(`${name}_owner`);
    const attributes = await server.admin((c) =>
      c.query('SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolcanlogin FROM pg_roles WHERE rolname = ANY($1)', [
        [roles.owner.role, roles.service.role],
      ]),
    );
    for (const row of attributes.rows)
      expect(row, row.rolname).toMatchObject({
        rolsuper: false,
        rolcreatedb: false,
        rolcreaterole: false,
        rolreplication: false,
        rolcanlogin: true,
      });
    expect(await ownership(name, roles)).toEqual(HANDED_OVER(roles));

    // The owner's migration run (none left) grants the service's role its privileges: it writes, and is locked out of the trails.
    await migrateDatabase('companies', urls.migrationUrl, log, roles.service.role);
    await withClient(urls.url, async (c) => {
      expect((await c.query('SELECT current_user AS u')).rows[0].u).toBe(name);
      await c.query('UPDATE company SET name = name WHERE false');
      await c.query('SELECT count(*) FROM migrations');
      expect(await failure(c.query("INSERT INTO migrations (timestamp, name) VALUES (1, 'forged')")), 'migrations').toMatchObject({
        code: '42501',
      });
      await expectServiceLockedOut(c);
    });
  });

  it('hands a database its service role owned (an earlier `npm start`) to the owner; its trails still check', async () => {
    const r = rolesOf(loginOwned);
    // What ensureServiceDatabase made before the owners: the service's role owned its database and migrated it.
    await server.admin(async (c) => {
      await c.query(`CREATE ROLE "${loginOwned}" LOGIN PASSWORD '${r.service.password}'`);
      await c.query(`CREATE DATABASE "${loginOwned}" OWNER "${loginOwned}"`);
    });
    await withClient(server.urlFor(loginOwned), (c) => c.query(`ALTER SCHEMA public OWNER TO "${loginOwned}"`));
    const before = urlAs(server.urlFor(loginOwned), r.service);
    await migrateDatabase('partners', before, log);

    const urls = await ensureServiceDatabase(server, loginOwned, r);
    expect(urls.url).toBe(before);
    expect(await ownership(loginOwned, r)).toEqual(HANDED_OVER(r));
    await migrateDatabase('partners', urls.migrationUrl, log, r.service.role);
    await withClient(urls.url, async (c) => {
      await expectServiceLockedOut(c);
      for (const check of await checkTrails(c)) expect(check.broken, check.trail).toBeNull();
    });
    // The owner holds no UPDATE or DELETE on the trails either (the trigger stops it anyway).
    await withClient(urls.migrationUrl, async (c) => {
      const { rows } = await c.query(
        "SELECT has_table_privilege('audit_log', 'UPDATE') AS u, has_table_privilege('disclosure', 'DELETE') AS d",
      );
      expect(rows[0]).toEqual({ u: false, d: false });
    });
  });

  it("keeps each role out of the other's database, and drops both roles with its database", async () => {
    const r = rolesOf(other);
    const otherUrls = await ensureServiceDatabase(server, other, r);
    for (const login of [roles.service, roles.owner]) {
      const c = new Client({ connectionString: urlAs(otherUrls.url, login) });
      const err = await failure(c.connect());
      await c.end().catch(() => {});
      expect(err, login.role).toMatchObject({ code: '42501', message: expect.stringContaining('permission denied for database') });
    }

    await dropServiceDatabase(server, other, other);
    const left = await server.admin((a) =>
      a.query(
        'SELECT (SELECT count(*) FROM pg_roles WHERE rolname = ANY($2))::int AS roles, (SELECT count(*) FROM pg_database WHERE datname = $1)::int AS dbs',
        [other, [r.service.role, r.owner.role]],
      ),
    );
    expect(left.rows[0]).toEqual({ roles: 0, dbs: 0 });
  });
});

describe('databaseReadiness with two roles', () => {
  /** The companies subgraph's data source at `url`. */
  const companiesAt = (url: string) => shortLivedDataSource(SUBGRAPHS.companies, url, log);

  it("is not ready while a table of its code lacks the service's grants, naming it; ready once the migration run grants them; tables it does not use do not count", async () => {
    const url = await databases.createMigrated('companies', 'ready');
    const ownerUrl = databases.ownerUrl(url);
    const service = await companiesAt(url).initialize();
    // One role owning everything (MIGRATE_ON_START): the owner stands in for it.
    const single = await companiesAt(ownerUrl).initialize();
    try {
      const ready = { ready: true, database: 'up', migrationsPending: false, privilegesMissing: [] };
      expect(await databaseReadiness(service)).toMatchObject(ready);

      // What the migrate job leaves between a migration's commit and the grants': tables of the code
      // (an entity's, one the kit writes with SQL) made anew by the owner, not granted yet.
      await withClient(ownerUrl, async (c) => {
        await c.query('ALTER TABLE company RENAME TO company_before');
        await c.query('CREATE TABLE company (LIKE company_before INCLUDING ALL)');
        await c.query('ALTER TABLE change_event RENAME TO change_event_before');
        await c.query('CREATE TABLE change_event (LIKE change_event_before INCLUDING ALL)');
      });
      expect(await databaseReadiness(service)).toMatchObject({ ...ready, ready: false, privilegesMissing: ['change_event', 'company'] });
      expect(await databaseReadiness(single), 'the role owns the tables').toMatchObject(ready);

      // A table the code does not use (the next version's, or one made by hand) takes no replica out.
      await withClient(ownerUrl, (c) => c.query('CREATE TABLE late_arrival (id int PRIMARY KEY)'));
      expect((await databaseReadiness(service)).privilegesMissing).toEqual(['change_event', 'company']);

      // The owner's migration run (none pending) grants the service's role every table.
      await migrateDatabase('companies', ownerUrl, log, roleOf(url));
      expect(await databaseReadiness(service)).toMatchObject(ready);
      await service.query('SELECT count(*) FROM company');
    } finally {
      await service.destroy();
      await single.destroy();
    }
  });
});

/**
 * Issue 14, item 3: ensureServiceDatabase (scripts/hub/postgres.ts), the one
 * function that gives a subgraph its database and its own login role under
 * `npm start` and in the test hubs, on the test server. The case the test
 * hubs do not meet: a database an earlier `npm start` migrated as the
 * superuser (before the roles) is handed to the role, and what the trail
 * migration revoked from its owner stays revoked.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../platform/logger';
import { dropServiceDatabase, ensureServiceDatabase, postgresServer, withClient } from '../../scripts/hub/postgres';
import { migrateDatabase } from '../../subgraphs';

const server = postgresServer(inject('postgresAdminUrl'));
const name = `ph_s${process.pid}_${randomBytes(3).toString('hex')}`;
const other = `${name}_other`;
const login = { role: name, password: randomBytes(18).toString('base64url') };
const log = createLogger('service-roles-test', 'silent');

afterAll(async () => {
  await dropServiceDatabase(server, name, name);
  await dropServiceDatabase(server, other, other);
});

/** The error a statement (or a connection) ends with, or undefined. */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { code?: string; message: string }) => e,
  );

describe('ensureServiceDatabase', () => {
  it('hands a database the superuser migrated to the role: it owns every object, and may not update or delete the trails', async () => {
    await server.ensureDatabase(name);
    await migrateDatabase('companies', server.urlFor(name), log); // as `npm start` did before the roles
    const url = await ensureServiceDatabase(server, name, login);
    expect(await ensureServiceDatabase(server, name, login), 'idempotent').toBe(url);

    await withClient(server.urlFor(name), async (c) => {
      const { rows } = await c.query(
        `SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication, r.rolcanlogin,
                pg_get_userbyid(d.datdba) AS db_owner, pg_get_userbyid(n.nspowner) AS schema_owner,
                has_database_privilege('public', d.datname, 'CONNECT') AS public_connect,
                has_schema_privilege('public', 'public', 'CREATE') AS public_create
           FROM pg_roles r, pg_database d, pg_namespace n
          WHERE r.rolname = $1 AND d.datname = current_database() AND n.nspname = 'public'`,
        [name],
      );
      expect(rows[0]).toEqual({
        rolsuper: false,
        rolcreatedb: false,
        rolcreaterole: false,
        rolreplication: false,
        rolcanlogin: true,
        db_owner: name,
        schema_owner: name,
        public_connect: false,
        public_create: false,
      });
      const foreign = await c.query(
        `SELECT c.relname, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
          WHERE c.relnamespace = 'public'::regnamespace AND pg_get_userbyid(c.relowner) <> $1
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
         UNION ALL
         SELECT p.proname, pg_get_userbyid(p.proowner) FROM pg_proc p
          WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> $1
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
        [name],
      );
      expect(foreign.rows).toEqual([]);
    });

    // The role runs the migrations (none left), writes, and is refused the trails' UPDATE, DELETE and TRUNCATE by privilege.
    await migrateDatabase('companies', url, log);
    await withClient(url, async (c) => {
      expect((await c.query('SELECT current_user AS u')).rows[0].u).toBe(name);
      await c.query('CREATE TABLE role_made (x int)');
      await c.query('UPDATE company SET name = name WHERE false');
      for (const sql of ['UPDATE audit_log SET actor = actor', 'DELETE FROM audit_log', 'TRUNCATE audit_log', 'DELETE FROM disclosure']) {
        expect(await failure(c.query(sql)), sql).toMatchObject({
          code: '42501',
          message: expect.stringMatching(/^permission denied for table/),
        });
      }
      const { rows } = await c.query(
        "SELECT has_table_privilege('audit_log', 'INSERT') AS a, has_table_privilege('disclosure', 'INSERT') AS d",
      );
      expect(rows[0]).toEqual({ a: true, d: true });
    });
  });

  it("keeps each role out of the other's database, and drops the role with its database", async () => {
    const otherUrl = await ensureServiceDatabase(server, other, { role: other, password: randomBytes(18).toString('base64url') });
    const intoOther = new URL(otherUrl);
    intoOther.username = login.role;
    intoOther.password = login.password;
    const c = new Client({ connectionString: intoOther.toString() });
    const err = await failure(c.connect());
    await c.end().catch(() => {});
    expect(err).toMatchObject({ code: '42501', message: expect.stringContaining('permission denied for database') });

    await dropServiceDatabase(server, other, other);
    const left = await server.admin((a) =>
      a.query(
        'SELECT (SELECT count(*) FROM pg_roles WHERE rolname = $1)::int AS roles, (SELECT count(*) FROM pg_database WHERE datname = $1)::int AS dbs',
        [other],
      ),
    );
    expect(left.rows[0]).toEqual({ roles: 0, dbs: 0 });
  });
});

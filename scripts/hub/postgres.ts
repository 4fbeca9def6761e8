import { Client } from 'pg';

/**
 * A PostgreSQL server on which the launcher, the bench and the tests create
 * the hub's databases: the embedded one (embedded-postgres.ts) or one given by
 * an admin URL (any database on it, e.g. `postgres://postgres@host/postgres`).
 */
export interface PostgresServer {
  /** The URL of `database` on this server, with the admin's credentials. */
  urlFor(database: string): string;
  /** Runs `fn` on a fresh admin connection, closed afterwards. */
  admin<T>(fn: (c: Client) => Promise<T>): Promise<T>;
  /** Creates `database` unless it exists. */
  ensureDatabase(database: string): Promise<void>;
  dropDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

/** Runs `fn` on a connection to `url`, closed afterwards. */
export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A database name as an SQL identifier. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A server reached through `adminUrl`; `stop` does nothing (it is not ours). */
export function postgresServer(adminUrl: string, stop: () => Promise<void> = async () => {}): PostgresServer {
  const urlFor = (database: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const admin = <T>(fn: (c: Client) => Promise<T>) => withClient(adminUrl, fn);
  return {
    urlFor,
    admin,
    ensureDatabase: (database) =>
      admin(async (c) => {
        const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (!rowCount) await c.query(`CREATE DATABASE ${ident(database)}`);
      }),
    dropDatabase: (database) => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`))),
    stop,
  };
}

/** A login role and its password. */
export interface LoginRole {
  role: string;
  password: string;
}

/**
 * The two roles of a subgraph's database: `owner` owns the database, its
 * schema and every object in it and runs the migrations; `service` is the
 * role the service connects as at run time (`<NAME>_DATABASE_URL`), which
 * owns nothing and gets from the owner, after each migration run, only what a
 * service needs (subgraphs/kit/database.ts `grantServiceRole`).
 */
export interface DatabaseRoles {
  owner: LoginRole;
  service: LoginRole;
}

/** The owner's role of a service's role: `partnerhub_companies` → `partnerhub_companies_owner`. */
export const ownerRoleOf = (serviceRole: string) => `${serviceRole}_owner`;

/** A database's URLs: the service's (`<NAME>_DATABASE_URL`) and the owner's (`<NAME>_MIGRATION_DATABASE_URL`). */
export interface ServiceDatabaseUrls {
  url: string;
  migrationUrl: string;
}

/** `url` with `login`'s credentials instead of the ones it carries. */
export function urlAs(url: string, login: LoginRole): string {
  const u = new URL(url);
  u.username = encodeURIComponent(login.role);
  u.password = encodeURIComponent(login.password);
  return u.toString();
}

/**
 * One subgraph's database and its two roles, as
 * docker/postgres-init/10-organisations.sh makes them under docker-compose:
 * both LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION; the owner
 * owns `database` and its public schema; the service may only connect (the
 * owner grants it the rest after migrating); PUBLIC has nothing on either, so
 * the roles reach their own database only and no other role (but a
 * superuser) reaches it. Idempotent: run again it sets the passwords anew and
 * hands the owner whatever someone else owns in the database: what an
 * earlier run as the superuser left in the public schema (an `npm start`
 * data folder from before the roles: tables, sequences, functions and types,
 * extensions' members excepted), and everything the service's role owned
 * (a data folder from when it owned its database). The privileges follow the
 * objects, so what a migration revoked from its owner (the trails' UPDATE,
 * DELETE and TRUNCATE, subgraphs/kit/trail.ts) stays revoked, and the
 * service's role is left with none until the owner's next migration run
 * grants it its own. Returns both URLs.
 */
export async function ensureServiceDatabase(server: PostgresServer, database: string, roles: DatabaseRoles): Promise<ServiceDatabaseUrls> {
  await server.admin(async (c) => {
    for (const login of [roles.owner, roles.service]) {
      const role = c.escapeIdentifier(login.role);
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD ${c.escapeLiteral(login.password)}`;
      const { rowCount: roleExists } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login.role]);
      await c.query(roleExists ? `ALTER ROLE ${role} ${attributes}` : `CREATE ROLE ${role} ${attributes}`);
    }
    const [owner, service] = [c.escapeIdentifier(roles.owner.role), c.escapeIdentifier(roles.service.role)];
    const db = c.escapeIdentifier(database);
    const { rowCount: dbExists } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    await c.query(dbExists ? `ALTER DATABASE ${db} OWNER TO ${owner}` : `CREATE DATABASE ${db} OWNER ${owner}`);
    await c.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC, ${service}`);
    await c.query(`GRANT ALL ON DATABASE ${db} TO ${owner}`);
    await c.query(`GRANT CONNECT ON DATABASE ${db} TO ${service}`);
  });
  await withClient(server.urlFor(database), async (c) => {
    const owner = c.escapeIdentifier(roles.owner.role);
    await c.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await c.query(`ALTER SCHEMA public OWNER TO ${owner}`);
    // What the service's role owned when it owned its database (its privileges move to the owner with each object).
    await c.query(`REASSIGN OWNED BY ${c.escapeIdentifier(roles.service.role)} TO ${owner}`);
    // Tables first: their sequences, indexes and row types follow them.
    for (const query of HAND_OVER) {
      const { rows } = await c.query<{ sql: string }>(query, [roles.owner.role]);
      for (const { sql } of rows) await c.query(sql);
    }
  });
  const url = server.urlFor(database);
  return { url: urlAs(url, roles.service), migrationUrl: urlAs(url, roles.owner) };
}

/** Not an extension's member (pg_trgm's functions stay the superuser's). */
const NOT_EXTENSION = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
/** The statements that give the role what someone else owns in the public schema, in this order. */
const HAND_OVER = [
  `SELECT format('ALTER TABLE %s OWNER TO %I', c.oid::regclass, $1::text) AS sql FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND pg_get_userbyid(c.relowner) <> $1 AND ${NOT_EXTENSION('pg_class', 'c.oid')}`,
  `SELECT format('ALTER SEQUENCE %s OWNER TO %I', c.oid::regclass, $1::text) AS sql FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
      AND pg_get_userbyid(c.relowner) <> $1 AND ${NOT_EXTENSION('pg_class', 'c.oid')}`,
  `SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $1::text) AS sql FROM pg_proc p
    WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> $1 AND ${NOT_EXTENSION('pg_proc', 'p.oid')}`,
  `SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, $1::text) AS sql FROM pg_type t
    WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r') AND pg_get_userbyid(t.typowner) <> $1
      AND ${NOT_EXTENSION('pg_type', 't.oid')}`,
];

/** Drops `database` and then its two roles (nothing else of theirs is left once their database is gone). */
export async function dropServiceDatabase(server: PostgresServer, database: string, serviceRole: string): Promise<void> {
  await server.dropDatabase(database);
  await server.admin(async (c) => {
    for (const role of [serviceRole, ownerRoleOf(serviceRole)]) await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(role)}`);
  });
}

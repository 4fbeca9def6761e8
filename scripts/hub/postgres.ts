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

/** A subgraph's own login: the role its service connects as. */
export interface ServiceRole {
  role: string;
  password: string;
}

/** `url` with `login`'s credentials instead of the ones it carries. */
export function urlAs(url: string, login: ServiceRole): string {
  const u = new URL(url);
  u.username = encodeURIComponent(login.role);
  u.password = encodeURIComponent(login.password);
  return u.toString();
}

/**
 * One subgraph's database and its service's role, as
 * docker/postgres-init/10-organisations.sh makes them under docker-compose:
 * a LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION role that owns
 * `database` and its public schema, with every privilege of PUBLIC on both
 * revoked, so the role connects to its own database only and no other role
 * (but a superuser) connects to it. Idempotent: run again it sets the password
 * anew and hands the role whatever an earlier run as the superuser left in the
 * public schema (an `npm start` data folder from before the roles: tables,
 * sequences, functions and types, extensions' members excepted). The
 * privileges follow the objects, so what a migration revoked from its owner
 * (the trails' UPDATE, DELETE and TRUNCATE, subgraphs/kit/trail.ts) stays
 * revoked for the role. Returns the database's URL with the role's credentials.
 */
export async function ensureServiceDatabase(server: PostgresServer, database: string, login: ServiceRole): Promise<string> {
  await server.admin(async (c) => {
    const role = c.escapeIdentifier(login.role);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD ${c.escapeLiteral(login.password)}`;
    const { rowCount: roleExists } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login.role]);
    await c.query(roleExists ? `ALTER ROLE ${role} ${attributes}` : `CREATE ROLE ${role} ${attributes}`);
    const db = c.escapeIdentifier(database);
    const { rowCount: dbExists } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    await c.query(dbExists ? `ALTER DATABASE ${db} OWNER TO ${role}` : `CREATE DATABASE ${db} OWNER ${role}`);
    await c.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
    await c.query(`GRANT ALL ON DATABASE ${db} TO ${role}`);
  });
  await withClient(server.urlFor(database), async (c) => {
    const role = c.escapeIdentifier(login.role);
    await c.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await c.query(`ALTER SCHEMA public OWNER TO ${role}`);
    // Tables first: their sequences, indexes and row types follow them.
    for (const query of HAND_OVER) {
      const { rows } = await c.query<{ sql: string }>(query, [login.role]);
      for (const { sql } of rows) await c.query(sql);
    }
  });
  return urlAs(server.urlFor(database), login);
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

/** Drops `database` and then its service's role (nothing else of the role's is left once its database is gone). */
export async function dropServiceDatabase(server: PostgresServer, database: string, role: string): Promise<void> {
  await server.dropDatabase(database);
  await server.admin(async (c) => void (await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(role)}`)));
}

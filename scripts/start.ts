/**
 * `npm start`: the whole hub on one machine. Starts an embedded PostgreSQL
 * (unless every subgraph has a *_DATABASE_URL), one database per subgraph,
 * the development identity providers (one per organisation, unless
 * HUB_TRUST_CONFIG names a configuration of real issuers), then the five
 * subgraphs and the gateway as separate processes. Each subgraph migrates its
 * database and loads demo data when it is empty. Ctrl-C stops all.
 */
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { serviceEnv, SUBGRAPH_NAMES, type HubLayout, type ServiceName, type SubgraphName } from '../platform/services';
import { writeDevelopmentTrustConfig } from './identity/development';
import { loadLauncherConfig } from './hub/config';
import { startEmbeddedPostgres } from './hub/embedded-postgres';
import type { PostgresServer } from './hub/postgres';
import { spawnService, stopAll, waitReady } from './hub/processes';

const config = loadLauncherConfig();
const children: { name: string; proc: ChildProcess }[] = [];
let pg: PostgresServer | undefined;
let stopping = false;

function say(message: string) {
  process.stdout.write(`[partnerhub] ${message}\n`);
}

function startService(name: ServiceName, layout: HubLayout): ChildProcess {
  const proc = spawnService(name, serviceEnv(name, layout), ['ignore', 'inherit', 'inherit']);
  children.push({ name, proc });
  proc.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the hub`);
      void shutdown(1);
    }
  });
  return proc;
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await stopAll(
    children.map((c) => c.proc),
    15_000,
  );
  if (pg) await pg.stop().catch(() => {});
  say('stopped');
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const databaseUrls: Partial<Record<SubgraphName, string>> = { ...config.databaseUrls };
  const missing = SUBGRAPH_NAMES.filter((n) => !databaseUrls[n]);
  if (missing.length) {
    say(`starting embedded PostgreSQL on 127.0.0.1:${config.embeddedPgPort} (data in ${join(config.dataDir, 'pg')})`);
    pg = await startEmbeddedPostgres(join(config.dataDir, 'pg'), config.embeddedPgPort);
    for (const name of missing) {
      await pg.ensureDatabase(`partnerhub_${name}`);
      databaseUrls[name] = pg.urlFor(`partnerhub_${name}`);
    }
  }
  // Without a trust configuration of real issuers: one development provider per organisation, on the identity port.
  const development = config.trustConfig === undefined;
  const trustConfig = resolve(
    config.trustConfig ?? writeDevelopmentTrustConfig(config.developmentTrustPath, { origin: `http://127.0.0.1:${config.ports.identity}` }),
  );
  const layout: HubLayout = {
    ports: config.ports,
    databaseUrls,
    common: { ...config.env, HUB_TRUST_CONFIG: trustConfig, IDENTITY_KEYS_DIR: resolve(config.identityKeysDir) },
  };
  if (development) {
    say(`starting the development identity providers on 127.0.0.1:${config.ports.identity} (keys in ${config.identityKeysDir})`);
    await waitReady('identity', config.ports.identity, startService('identity', layout));
  }
  const subgraphs = SUBGRAPH_NAMES.map((name) => ({ name, proc: startService(name, layout) }));
  await Promise.all(subgraphs.map(({ name, proc }) => waitReady(name, config.ports[name], proc)));
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
  say('Ctrl-C stops everything.');
}

main().catch(async (err) => {
  say(`failed to start: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});

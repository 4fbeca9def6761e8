/**
 * `npm start`: the whole hub on one machine. Starts an embedded PostgreSQL
 * (unless every subgraph has a *_DATABASE_URL), one database per subgraph,
 * then the four subgraphs and the gateway as separate processes. Each subgraph
 * migrates its database and loads demo data when it is empty. Ctrl-C stops all.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLauncherConfig, SUBGRAPH_NAMES, envKey, type SubgraphName } from '../subgraphs/shared/config';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres';
import { spawnService, stopAll, waitReady } from './services';

const config = loadLauncherConfig();
const children: { name: string; proc: ChildProcess }[] = [];
let pg: EmbeddedServer | undefined;
let stopping = false;

function say(message: string) {
  process.stdout.write(`[partnerhub] ${message}\n`);
}

/** The development signing secret: from HUB_JWT_SECRET, else generated once and kept beside the data. */
function jwtSecret(): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = join(config.dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function startService(name: string, script: string, env: Record<string, string | undefined>): ChildProcess {
  const proc = spawnService(script, env, ['ignore', 'inherit', 'inherit']);
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
  await stopAll(children.map((c) => c.proc), 15_000);
  if (pg) await pg.stop().catch(() => {});
  say('stopped');
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const urls: Partial<Record<SubgraphName, string>> = { ...config.databaseUrls };
  const missing = SUBGRAPH_NAMES.filter((n) => !urls[n]);
  if (missing.length) {
    say(`starting embedded PostgreSQL on 127.0.0.1:${config.embeddedPgPort} (data in ${join(config.dataDir, 'pg')})`);
    pg = await startEmbeddedPostgres(join(config.dataDir, 'pg'), config.embeddedPgPort);
    for (const name of missing) {
      await pg.ensureDatabase(`partnerhub_${name}`);
      urls[name] = pg.urlFor(`partnerhub_${name}`);
    }
  }
  const secret = jwtSecret();
  const common: Record<string, string | undefined> = {
    ...config.env,
    HUB_JWT_SECRET: secret,
    ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [envKey(n, 'URL'), `http://127.0.0.1:${config.ports[n]}/graphql`])),
  };
  const procs = SUBGRAPH_NAMES.map((name) => ({
    name,
    proc: startService(name, `subgraphs/${name}/index.js`, {
      ...common,
      [envKey(name, 'DATABASE_URL')]: urls[name],
      [envKey(name, 'PORT')]: String(config.ports[name]),
    }),
  }));
  await Promise.all(procs.map(({ name, proc }) => waitReady(name, config.ports[name], proc)));
  const gateway = startService('gateway', 'gateway/index.js', { ...common, GATEWAY_PORT: String(config.gatewayPort) });
  await waitReady('gateway', config.gatewayPort, gateway);
  say('ready');
  say(`  GraphQL:   http://localhost:${config.gatewayPort}/graphql`);
  say(`  dashboard: http://localhost:${config.gatewayPort}/`);
  say(`  explorer:  http://localhost:${config.gatewayPort}/explorer`);
  for (const name of SUBGRAPH_NAMES) say(`  ${name.padEnd(10)} http://localhost:${config.ports[name]}/graphql`);
  say('  a development token: npm run token -- --org vlaams-brabant --roles editor --sub dev-editor');
  say('Ctrl-C stops everything.');
}

main().catch(async (err) => {
  say(`failed to start: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});

/**
 * Migrations alone, then exit:
 *
 *   node dist/scripts/migrate.js <subgraph>...     (npm run migrate -- companies clusters)
 *
 * with each subgraph's own environment (`<NAME>_DATABASE_URL`, the trust
 * configuration its config loader requires in production). For deployments
 * that migrate before they roll out: the Kubernetes migrations Job
 * (deploy/kubernetes/migrations-job.yaml), with MIGRATE_ON_START=false on the
 * replicas. The same advisory lock as a subgraph's start (subgraphs/kit/database.ts),
 * so it is safe beside replicas that migrate on start. Exit 0 when every
 * migration the code knows of is applied, 1 otherwise (the error on stderr).
 */
import 'reflect-metadata';
import { createLogger } from '../platform/logger';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/services';
import { SUBGRAPHS } from '../subgraphs';
import { loadSubgraphConfig } from '../subgraphs/kit/config';
import { createDataSource, migrate, migrationsPending } from '../subgraphs/kit/database';
import { SubgraphMetrics } from '../subgraphs/kit/metrics';

async function migrateOne(name: SubgraphName): Promise<void> {
  const mod = SUBGRAPHS[name];
  const config = loadSubgraphConfig(name);
  const log = createLogger(`${name}-migrate`, config.logLevel);
  const ds = createDataSource({
    url: config.databaseUrl,
    // One connection holds the lock while another runs the migrations.
    poolSize: 2,
    entities: mod.entities,
    migrations: mod.migrations,
    metrics: new SubgraphMetrics(name),
    log,
  });
  await ds.initialize();
  try {
    await migrate(ds, name, log);
    if (await migrationsPending(ds)) throw new Error(`${name}: migrations still pending after the run`);
    log.info('migrations applied');
  } finally {
    await ds.destroy();
  }
}

async function main(names: string[]): Promise<number> {
  const unknown = names.filter((n) => !SUBGRAPH_NAMES.includes(n as SubgraphName));
  if (names.length === 0 || unknown.length > 0) {
    process.stderr.write(`usage: node dist/scripts/migrate.js <${SUBGRAPH_NAMES.join('|')}>...\n`);
    if (unknown.length > 0) process.stderr.write(`not a subgraph: ${unknown.join(', ')}\n`);
    return 64;
  }
  for (const name of names) await migrateOne(name as SubgraphName);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`migrate: ${err.message}\n`);
    process.exit(1);
  },
);

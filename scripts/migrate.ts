/**
 * Migrations alone, then exit:
 *
 *   node dist/scripts/migrate.js <subgraph>...     (npm run migrate -- companies clusters)
 *
 * with each subgraph's own environment (subgraphs/kit/config.ts
 * `loadMigrationConfig`): `<NAME>_MIGRATION_DATABASE_URL`, the database as its
 * owner role, which runs the migrations and then grants the service's role
 * (the user of `<NAME>_DATABASE_URL`, which needs no password here) what it
 * may do (subgraphs/kit/database.ts `grantServiceRole`); without it,
 * `<NAME>_DATABASE_URL` alone (one role owns everything). The migration URL
 * is for this, the launcher and the migrate job only: a subgraph service
 * refuses it (loadSubgraphConfig). For deployments
 * that migrate before they roll out: the Kubernetes migrations Job
 * (deploy/kubernetes/migrations-job.yaml), with MIGRATE_ON_START=false on the
 * replicas. The same advisory lock as a subgraph's start (subgraphs/kit/database.ts),
 * so it is safe beside replicas that migrate on start. Exit 0 when every
 * migration the code knows of is applied, 1 otherwise (the error on stderr).
 */
import 'reflect-metadata';
import { createLogger } from '../platform/logger';
import { logLevel } from '../platform/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/services';
import { migrateDatabase } from '../subgraphs';
import { loadMigrationConfig } from '../subgraphs/kit/config';

async function migrateOne(name: SubgraphName): Promise<void> {
  const config = loadMigrationConfig(name);
  const log = createLogger(`${name}-migrate`, logLevel(process.env));
  await migrateDatabase(name, config.url, log, config.serviceRole);
  log.info('migrations applied');
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

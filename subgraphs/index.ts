import 'reflect-metadata';
import type { Logger } from '../platform/logger';
import type { SubgraphName } from '../platform/services';
import { clusters } from './clusters/subgraph';
import { companies } from './companies/subgraph';
import { createDataSource, migrate, migrationsPending } from './kit/database';
import { SubgraphMetrics } from './kit/metrics';
import type { SubgraphModule } from './kit/subgraph';
import { partners } from './partners/subgraph';
import { projects } from './projects/subgraph';
import { registry } from './registry/subgraph';

/** Every subgraph of the hub, by name: composition, the bench and the tests use this list. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphModule> = { companies, clusters, partners, projects, registry };

/**
 * Brings one subgraph's database to the code's migrations on a short-lived
 * connection pool (the same advisory lock as a subgraph's start, so it is safe
 * beside running replicas), then closes it: `npm run migrate`, the bench's data
 * preparation and the tests that fill databases without a server.
 */
export async function migrateDatabase(name: SubgraphName, url: string, log: Logger): Promise<void> {
  const mod = SUBGRAPHS[name];
  const ds = createDataSource({
    url,
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
  } finally {
    await ds.destroy();
  }
}

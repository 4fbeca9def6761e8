import 'reflect-metadata';
import type { Logger } from '../platform/logger';
import type { SubgraphName } from '../platform/services';
import { clusters } from './clusters/subgraph';
import { companies } from './companies/subgraph';
import { migrateAt } from './kit/database';
import type { SubgraphModule } from './kit/subgraph';
import { partners } from './partners/subgraph';
import { projects } from './projects/subgraph';
import { registry } from './registry/subgraph';

/** Every subgraph of the hub, by name: composition, the bench and the tests use this list. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphModule> = { companies, clusters, partners, projects, registry };

/**
 * Brings one subgraph's database to the code's migrations on a short-lived
 * connection pool (the same advisory lock as a subgraph's start, so it is safe
 * beside running replicas), then closes it: `npm run migrate`, `npm start`,
 * the bench's data preparation and the tests that fill databases without a
 * server. `url` carries the owner's credentials; `serviceRole`, when given,
 * is granted what the service may do afterwards (kit/database.ts `migrate`).
 */
export function migrateDatabase(name: SubgraphName, url: string, log: Logger, serviceRole?: string): Promise<void> {
  return migrateAt(SUBGRAPHS[name], url, log, serviceRole);
}

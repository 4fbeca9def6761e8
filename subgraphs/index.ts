import 'reflect-metadata';
import type { SubgraphName } from '../platform/services';
import { clusters } from './clusters/subgraph';
import { companies } from './companies/subgraph';
import type { SubgraphModule } from './kit/subgraph';
import { partners } from './partners/subgraph';
import { projects } from './projects/subgraph';
import { registry } from './registry/subgraph';

/** Every subgraph of the hub, by name: composition, the bench and the tests use this list. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphModule> = { companies, clusters, partners, projects, registry };

import 'reflect-metadata';
import type { SubgraphName } from './shared/config';
import type { SubgraphModule } from './shared/subgraph';
import { clusters } from './clusters/subgraph';
import { companies } from './companies/subgraph';
import { partners } from './partners/subgraph';
import { projects } from './projects/subgraph';

/** Every subgraph of the hub, by name. The launcher, composition and tests use this list. */
export const SUBGRAPHS: Partial<Record<SubgraphName, SubgraphModule<unknown>>> = {
  companies: companies as SubgraphModule<unknown>,
  clusters: clusters as SubgraphModule<unknown>,
  partners: partners as SubgraphModule<unknown>,
  projects: projects as SubgraphModule<unknown>,
};

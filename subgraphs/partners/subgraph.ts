import { AuditLog } from '../shared/audit';
import type { SubgraphModule } from '../shared/subgraph';
import { Partner } from './entities/Partner';
import { createLoaders, type PartnerLoaders } from './loaders';
import { CreatePartners1764288000000 } from './migrations/1764288000000-CreatePartners';
import { OWNER } from './resolvers/PartnerResolver';
import { buildSchema } from './schema';
import { seed } from './seed';

export const partners: SubgraphModule<PartnerLoaders> = {
  name: 'partners',
  owner: OWNER,
  entities: [Partner, AuditLog],
  migrations: [CreatePartners1764288000000],
  buildSchema,
  createLoaders,
  seed,
};

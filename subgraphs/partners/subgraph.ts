import { AuditLog } from '../kit/audit';
import { DisclosureIndexes1797033600000 } from '../kit/disclosures';
import type { SubgraphModule } from '../kit/subgraph';
import { ChainTrails1796860800000 } from './migrations/1796860800000-ChainTrails';
import { Partner } from './entities/Partner';
import { createLoaders, type PartnerLoaders } from './loaders';
import { Disclosures1796600000000 } from './migrations/1796600000000-Disclosures';
import { CreatePartners1764288000000 } from './migrations/1764288000000-CreatePartners';
import { OWNERS } from '../../platform/organisations';
import { buildSchema } from './schema';
import { seed } from './seed';

export const partners: SubgraphModule<PartnerLoaders> = {
  name: 'partners',
  owner: OWNERS.partners,
  entities: [Partner, AuditLog],
  migrations: [CreatePartners1764288000000, Disclosures1796600000000, ChainTrails1796860800000, DisclosureIndexes1797033600000],
  buildSchema,
  createLoaders,
  seed,
};

import { AuditLog } from '../kit/audit';
import { DisclosureIndexes1797033600000 } from '../kit/disclosures';
import type { SubgraphModule } from '../kit/subgraph';
import { ChainTrails1796860800000 } from './migrations/1796860800000-ChainTrails';
import { Company } from './entities/Company';
import { createLoaders, type CompanyLoaders } from './loaders';
import { Disclosures1796600000000 } from './migrations/1796600000000-Disclosures';
import { CreateCompanies1764288000000 } from './migrations/1764288000000-CreateCompanies';
import { OWNERS } from '../../platform/organisations';
import { buildSchema } from './schema';
import { seed } from './seed';

export const companies: SubgraphModule<CompanyLoaders> = {
  name: 'companies',
  owner: OWNERS.companies,
  entities: [Company, AuditLog],
  migrations: [CreateCompanies1764288000000, Disclosures1796600000000, ChainTrails1796860800000, DisclosureIndexes1797033600000],
  buildSchema,
  createLoaders,
  seed,
};

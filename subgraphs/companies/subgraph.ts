import { AuditLog } from '../shared/audit';
import type { SubgraphModule } from '../shared/subgraph';
import { Company } from './entities/Company';
import { createLoaders, type CompanyLoaders } from './loaders';
import { CreateCompanies1764288000000 } from './migrations/1764288000000-CreateCompanies';
import { OWNER } from './resolvers/CompanyResolver';
import { buildSchema } from './schema';
import { seed } from './seed';

export const companies: SubgraphModule<CompanyLoaders> = {
  name: 'companies',
  owner: OWNER,
  entities: [Company, AuditLog],
  migrations: [CreateCompanies1764288000000],
  buildSchema,
  createLoaders,
  seed,
};

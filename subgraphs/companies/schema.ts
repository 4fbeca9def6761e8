import { buildFederatedSchema } from '../kit/federation';
import type { HubContext } from '../kit/context';
import { Company } from './entities/Company';
import type { CompanyLoaders } from './loaders';
import { CompanyResolver } from './resolvers/CompanyResolver';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [CompanyResolver],
    referenceResolvers: {
      Company: {
        __resolveReference: (ref: { id: string }, ctx: HubContext<CompanyLoaders>) => ctx.loaders.companyById.load(ref.id),
      },
    },
  });
}

export { Company };

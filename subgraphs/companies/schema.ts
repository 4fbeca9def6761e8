import { DataSet } from '../../platform/organisations';
import { DisclosureResolver } from '../kit/disclosure-resolver';
import { buildFederatedSchema } from '../kit/federation';
import type { HubContext } from '../kit/context';
import { Company } from './entities/Company';
import type { CompanyLoaders } from './loaders';
import { CompanyResolver } from './resolvers/CompanyResolver';

/** `Company.disclosures` and `companyDisclosureRegister`: the owner's, as in every owning subgraph (kit/disclosure-resolver.ts). */
const CompanyDisclosureResolver = DisclosureResolver(Company, {
  dataSet: DataSet.COMPANY_CONTACTS,
  registerField: 'companyDisclosureRegister',
  loader: (loaders: CompanyLoaders) => loaders.disclosuresOfCompany,
});

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [CompanyResolver, CompanyDisclosureResolver],
    referenceResolvers: {
      Company: {
        __resolveReference: (ref: { id: string }, ctx: HubContext<CompanyLoaders>) => ctx.loaders.companyById.load(ref.id),
      },
    },
  });
}

export { Company };

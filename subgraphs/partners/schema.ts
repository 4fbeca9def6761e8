import { DataSet } from '../../platform/organisations';
import { DisclosureResolver } from '../kit/disclosure-resolver';
import { buildFederatedSchema } from '../kit/federation';
import type { HubContext } from '../kit/context';
import { CompanyRef } from './entities/CompanyRef';
import { Partner } from './entities/Partner';
import type { PartnerLoaders } from './loaders';
import { PartnerResolver } from './resolvers/PartnerResolver';
import { CompanySuggestedPartnersResolver, matchCompanyOf } from './resolvers/SuggestedPartnersResolver';

/** `Partner.disclosures` and `partnerDisclosureRegister`: the owner's, as in every owning subgraph (kit/disclosure-resolver.ts). */
const PartnerDisclosureResolver = DisclosureResolver(Partner, {
  dataSet: DataSet.PARTNER_CONTACTS,
  registerField: 'partnerDisclosureRegister',
  loader: (loaders: PartnerLoaders) => loaders.disclosuresOfPartner,
});

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [PartnerResolver, PartnerDisclosureResolver, CompanySuggestedPartnersResolver],
    // Nothing in this subgraph returns a Company: the stub enters the schema as an entity only.
    orphanedTypes: [CompanyRef],
    referenceResolvers: {
      Partner: {
        __resolveReference: (ref: { id: string }, ctx: HubContext<PartnerLoaders>) => ctx.loaders.partnerById.load(ref.id),
      },
      // A Company stub: the gateway passes the @requires fields in the representation;
      // one without them, or with values that are not the enums', is BAD_USER_INPUT here.
      Company: { __resolveReference: (ref: CompanyRef) => matchCompanyOf(ref) },
    },
  });
}

export { Partner };

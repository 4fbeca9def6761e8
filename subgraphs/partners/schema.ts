import { buildFederatedSchema } from '../kit/federation';
import type { HubContext } from '../kit/context';
import { CompanyRef } from './entities/CompanyRef';
import { Partner } from './entities/Partner';
import type { PartnerLoaders } from './loaders';
import { PartnerResolver } from './resolvers/PartnerResolver';
import { CompanySuggestedPartnersResolver } from './resolvers/SuggestedPartnersResolver';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [PartnerResolver, CompanySuggestedPartnersResolver],
    // Nothing in this subgraph returns a Company: the stub enters the schema as an entity only.
    orphanedTypes: [CompanyRef],
    referenceResolvers: {
      Partner: {
        __resolveReference: (ref: { id: string }, ctx: HubContext<PartnerLoaders>) => ctx.loaders.partnerById.load(ref.id),
      },
      // A Company stub: the gateway passes the @requires fields in the representation.
      Company: {
        __resolveReference: (ref: CompanyRef): CompanyRef => ({
          id: ref.id,
          cleantechDomains: ref.cleantechDomains,
          chinaStatus: ref.chinaStatus,
        }),
      },
    },
  });
}

export { Partner };

import type { HubContext } from '../kit/context';
import { buildFederatedSchema } from '../kit/federation';
import { OrganisationResolver } from './resolvers/OrganisationResolver';
import { SharingAgreementResolver } from './resolvers/SharingAgreementResolver';
import type { RegistryLoaders } from './loaders';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [OrganisationResolver, SharingAgreementResolver],
    referenceResolvers: {
      // A disclosure register line names its agreement: shown to its grantor and grantee only, as `sharingAgreements`; null to others.
      SharingAgreement: {
        __resolveReference: async (ref: { id: string }, ctx: HubContext<RegistryLoaders>) => {
          const agreement = await ctx.loaders.agreementById.load(ref.id);
          const org = ctx.principal?.org;
          return agreement && (org === agreement.grantorId || org === agreement.granteeId) ? agreement : null;
        },
      },
    },
  });
}

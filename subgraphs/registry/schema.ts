import { buildFederatedSchema } from '../kit/federation';
import { OrganisationResolver } from './resolvers/OrganisationResolver';
import { SharingAgreementResolver } from './resolvers/SharingAgreementResolver';

export function buildSchema() {
  return buildFederatedSchema({ resolvers: [OrganisationResolver, SharingAgreementResolver] });
}

import { buildFederatedSchema } from '../kit/federation';
import { CompanyRef } from './entities/CompanyRef';
import { ClusterMembershipResolver, ClusterResolver, CompanyClustersResolver } from './resolvers/ClusterResolver';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [ClusterResolver, ClusterMembershipResolver, CompanyClustersResolver],
    referenceResolvers: {
      // A Company stub: the companies subgraph owns the data, this one its clusters.
      Company: { __resolveReference: (ref: { id: string }): CompanyRef => ({ id: ref.id }) },
    },
  });
}

import type { ChildTable } from '../kit/writes';
import { Cluster } from './entities/Cluster';
import { ClusterMembership } from './entities/ClusterMembership';

/**
 * What the clusters subgraph writes through the kit's write path: a cluster's
 * members, audited on the cluster (ADD_MEMBER, REMOVE_MEMBER). Clusters have
 * no version; adding a member twice is CONFLICT.
 */
export const clusterMembers: ChildTable<Cluster, ClusterMembership> = {
  parent: { entity: Cluster, type: 'Cluster' },
  entity: ClusterMembership,
  parentKey: 'clusterCode',
  fields: ['companyId', 'since'],
  duplicate: { field: 'companyId', message: (m) => `Company ${m.companyId} is already a member of ${m.clusterCode}.` },
};

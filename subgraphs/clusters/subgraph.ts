import { AuditLog } from '../kit/audit';
import type { SubgraphModule } from '../kit/subgraph';
import { ChainTrails1796860800000 } from './migrations/1796860800000-ChainTrails';
import { MemberPages1796947200000 } from './migrations/1796947200000-MemberPages';
import { Cluster } from './entities/Cluster';
import { ClusterMembership } from './entities/ClusterMembership';
import { createLoaders, type ClusterLoaders } from './loaders';
import { CreateClusters1764288000000 } from './migrations/1764288000000-CreateClusters';
import { ClusterReferenceData1764288000001 } from './migrations/1764288000001-ClusterReferenceData';
import { OWNERS } from '../../platform/organisations';
import { buildSchema } from './schema';
import { seed } from './seed';

export const clusters: SubgraphModule<ClusterLoaders> = {
  name: 'clusters',
  owner: OWNERS.clusters,
  entities: [Cluster, ClusterMembership, AuditLog],
  migrations: [CreateClusters1764288000000, ClusterReferenceData1764288000001, ChainTrails1796860800000, MemberPages1796947200000],
  buildSchema,
  createLoaders,
  seed,
};

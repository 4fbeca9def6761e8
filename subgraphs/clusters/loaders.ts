import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { historyLoader } from '../kit/audit';
import { isUuid } from '../../platform/ids';
import { childPages } from '../kit/child-pages';
import { byKeyLoader, groupLoader } from '../kit/loaders';
import { Cluster } from './entities/Cluster';
import { ClusterMembership } from './entities/ClusterMembership';

export function createLoaders(ds: DataSource) {
  return {
    clusterByCode: byKeyLoader(ds, Cluster, 'code'),
    /** Cluster.members: oldest membership first, then company id (index cluster_membership_page_idx). */
    membersByCluster: childPages(ds, {
      entity: ClusterMembership,
      from: 'cluster_membership e',
      parent: 'e.cluster_code',
      parentType: 'text',
      id: 'companyId',
      order: ['since'],
    }),
    membershipsByCompany: groupLoader(ds, ClusterMembership, 'companyId', { property: 'clusterCode' }, isUuid),
    memberCountByCluster: new DataLoader<string, number>(async (codes) => {
      const rows: { code: string; n: string }[] = await ds.query(
        'SELECT cluster_code AS code, count(*) AS n FROM cluster_membership WHERE cluster_code = ANY($1) GROUP BY cluster_code',
        [codes],
      );
      const counts = new Map(rows.map((r) => [r.code, Number(r.n)]));
      return codes.map((c) => counts.get(c) ?? 0);
    }),
    historyByCluster: historyLoader(ds, 'Cluster'),
  };
}
export type ClusterLoaders = ReturnType<typeof createLoaders>;

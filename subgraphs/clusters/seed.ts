import type { DataSource } from 'typeorm';
import { demoCompanyId } from '../../platform/ids';
import { seedIfEmpty } from '../kit/seed';
import { Cluster } from './entities/Cluster';
import { ClusterMembership } from './entities/ClusterMembership';
import { OWNERS } from '../../platform/organisations';
import { CLUSTERS, MEMBERSHIPS } from './seed-data';

/** The five clusters and their demo memberships (companies by their stable demo id). */
export function seed(ds: DataSource): Promise<boolean> {
  return seedIfEmpty(
    ds,
    Cluster,
    CLUSTERS.map((c) => ({ ...c })) as Cluster[],
    { type: 'Cluster', organisation: OWNERS.clusters, idOf: (c) => c.code },
    async (em) => {
      const rows = MEMBERSHIPS.map((m) => ({ clusterCode: m.cluster, companyId: demoCompanyId(m.enterpriseNumber), since: m.since }));
      await em.insert(ClusterMembership, rows);
    },
  );
}

import type { ClusterCode } from '../kit/domain';
import { MEMBERSHIP_SHEET } from '../kit/sheets/formats';
import { demoReferences, fileSeed } from '../kit/seed';
import { ClusterMembership } from './entities/ClusterMembership';
import { membershipColumns, type MembershipColumns } from './validate';

/** A row of seed/memberships.csv (the import's `clusters` format): addClusterMember's arguments, the company by enterprise number. */
export interface DemoMembership {
  cluster: ClusterCode;
  enterpriseNumber: string;
  /** YYYY-MM-DD; empty means today. */
  since: string | null;
}

/*
 * The five clusters themselves are reference data, inserted by a migration.
 * Memberships have no audit entries of their own: a cluster's history records
 * the changes to its members.
 */
const demo = fileSeed({
  entity: ClusterMembership,
  sheet: (root) => {
    const refs = demoReferences(root);
    return {
      file: 'subgraphs/clusters/seed/memberships.csv',
      format: MEMBERSHIP_SHEET,
      aliases: { companyId: 'enterpriseNumber' },
      validate: (m: DemoMembership): MembershipColumns =>
        membershipColumns(m.cluster, refs.company(m.enterpriseNumber, 'companyId'), m.since),
    };
  },
});

/**
 * The demo memberships, each row validated as addClusterMember validates it;
 * the companies must be in the companies' demo data. SeedError when a row is wrong.
 */
export const demoMemberships = demo.read;

/** Demo memberships into an empty membership table. */
export const seed = demo.seed;

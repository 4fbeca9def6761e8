import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A page of `Cluster.members` (oldest membership first, then company id) is
 * read from this index: `first` entries after the keyset of `after`
 * (kit/child-pages.ts), not the cluster's whole list.
 */
export class MemberPages1796947200000 implements MigrationInterface {
  name = 'MemberPages1796947200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX cluster_membership_page_idx ON cluster_membership (cluster_code, since, company_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX cluster_membership_page_idx');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The owning subgraphs ask for the agreements of one grantee that have not
 * ended (`notEnded`: not revoked, validUntil in the future) on every cache
 * miss. (grantee, data_set) WHERE revoked_at IS NULL left every expired
 * agreement to be fetched from the table and thrown away, a list that only
 * grows; with valid_until in the key the index hands over only those that
 * have not ended, and serves `activeOnly` and dataSet filters for a grantee
 * as the old one did. EXPLAIN ANALYZE on PostgreSQL 15, 175000 agreements
 * (87500 for the grantee, 134 not ended): 4919 buffers, 47.7 ms → 24 buffers,
 * 0.3 ms (docs/trust.md).
 */
export class AgreementsNotEnded1797120000000 implements MigrationInterface {
  name = 'AgreementsNotEnded1797120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE INDEX sharing_agreement_grantee_not_ended_idx ON sharing_agreement (grantee, valid_until) WHERE revoked_at IS NULL',
    );
    await q.query('DROP INDEX sharing_agreement_grantee_idx');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX sharing_agreement_grantee_idx ON sharing_agreement (grantee, data_set) WHERE revoked_at IS NULL');
    await q.query('DROP INDEX sharing_agreement_grantee_not_ended_idx');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTable } from '../../kit/audit';

export class CreateClusters1764288000000 implements MigrationInterface {
  name = 'CreateClusters1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cluster (
        code text PRIMARY KEY CHECK (code IN ('HEALTH', 'LOGISTICS', 'FOOD', 'CLEANTECH', 'CREATIVITY')),
        name_nl text NOT NULL,
        name_en text NOT NULL,
        name_zh text NOT NULL,
        description_nl text,
        description_en text,
        description_zh text
      )`);
    // company_id refers to the companies subgraph's Company: no foreign key across organisations.
    await q.query(`
      CREATE TABLE cluster_membership (
        cluster_code text NOT NULL REFERENCES cluster (code),
        company_id uuid NOT NULL,
        since date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cluster_code, company_id)
      )`);
    await q.query('CREATE INDEX cluster_membership_company_idx ON cluster_membership (company_id)');
    await createAuditTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP TABLE cluster_membership');
    await q.query('DROP TABLE cluster');
  }
}

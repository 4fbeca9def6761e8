import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createDisclosureTable } from '../../kit/disclosures';

/** Issue 14: who received this subgraph's restricted data (kit/disclosures.ts). */
export class Disclosures1796600000000 implements MigrationInterface {
  name = 'Disclosures1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await createDisclosureTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE disclosure');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { leanDisclosureIndexes, restoreDisclosureIndexes } from '../../kit/disclosures';

/** Issue 14, item 6: recording a disclosure maintains only the indexes that are read (kit/disclosures.ts). */
export class DisclosureIndexes1797033600000 implements MigrationInterface {
  name = 'DisclosureIndexes1797033600000';

  async up(q: QueryRunner): Promise<void> {
    await leanDisclosureIndexes(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await restoreDisclosureIndexes(q);
  }
}

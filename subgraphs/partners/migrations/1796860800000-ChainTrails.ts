import type { MigrationInterface, QueryRunner } from 'typeorm';
import { chainTrail, unchainTrail } from '../../kit/trail';

/** Issue 14: the audit log and the disclosure records become append-only hash chains (kit/trail.ts). */
export class ChainTrails1796860800000 implements MigrationInterface {
  name = 'ChainTrails1796860800000';

  async up(q: QueryRunner): Promise<void> {
    await chainTrail(q, 'audit_log', 'seq');
    await chainTrail(q, 'disclosure', 'at, id');
  }

  async down(q: QueryRunner): Promise<void> {
    await unchainTrail(q, 'audit_log');
    await unchainTrail(q, 'disclosure');
  }
}

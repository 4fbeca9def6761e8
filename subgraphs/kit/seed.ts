import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { AuditLog } from './audit';

/**
 * Inserts demo rows in one transaction when the table is empty, each with an
 * audit entry (action SEED, actor demo-seed) so that `history` tells where a
 * record came from. Returns false when the table already had rows.
 */
export async function seedIfEmpty<T extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<T>,
  rows: T[],
  audit: { type: string; organisation: string | ((row: T) => string); idOf: (row: T) => string } | null,
  more?: (em: import('typeorm').EntityManager) => Promise<void>,
): Promise<boolean> {
  return ds.transaction(async (em) => {
    if ((await em.getRepository(entity).count()) > 0) return false;
    for (let i = 0; i < rows.length; i += 500) await em.insert(entity, rows.slice(i, i + 500) as never);
    if (audit) {
      const entries = rows.map((r) => ({
        entityType: audit.type,
        entityId: audit.idOf(r),
        organisation: typeof audit.organisation === 'string' ? audit.organisation : audit.organisation(r),
        actor: 'demo-seed',
        action: 'SEED',
        changes: null,
      }));
      for (let i = 0; i < entries.length; i += 500) await em.insert(AuditLog, entries.slice(i, i + 500));
    }
    await more?.(em);
    return true;
  });
}

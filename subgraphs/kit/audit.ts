import DataLoader from 'dataloader';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { groupInKeyOrder } from './loaders';
import { appendToTrail } from './trail';
import type { AuditEntry } from './graphql-types';

/**
 * The audit trail: one row per committed write, in the owning subgraph's own
 * database, written in the same transaction as the write itself.
 */
@Entity('audit_log')
@Index('audit_log_entity_idx', ['entityType', 'entityId', 'at'])
export class AuditLog {
  /** Gapless position in this database's audit chain (kit/trail.ts). */
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;

  @Column({ type: 'text' })
  organisation: string;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'jsonb', nullable: true })
  changes: Record<string, { from: unknown; to: unknown }> | null;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}

/** Migration SQL for the audit table: the same in every subgraph. */
export async function createAuditTable(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE audit_log (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      organisation text NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      changes jsonb,
      at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
  await q.query('CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at)');
}

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** field -> {from, to} for the fields whose value differs (deep, via JSON). */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): Changes {
  const changes: Changes = {};
  for (const f of fields) {
    const from = before[f] ?? null;
    const to = after[f] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[f] = { from, to };
  }
  return changes;
}

/** One audit row to write: who (organisation, actor) did what (action, changes) to which entity. */
export interface NewAuditEntry {
  entityType: string;
  entityId: string;
  organisation: string;
  actor: string;
  action: string;
  changes: Changes | null;
}

/**
 * Appends audit entries to this database's audit chain with `em`, so inside
 * the caller's transaction, in one INSERT (kit/trail.ts). The write path
 * (writes.ts) calls it for every change; the demo seed calls it for its SEED
 * entries. Nothing else inserts into audit_log.
 */
export async function writeAuditEntries(em: EntityManager, entries: readonly NewAuditEntry[]): Promise<void> {
  await appendToTrail(
    em,
    'audit_log',
    entries.map((e) => ({
      entity_type: e.entityType,
      entity_id: e.entityId,
      organisation: e.organisation,
      actor: e.actor,
      action: e.action,
      changes: e.changes,
    })),
  );
}

/** Who the demo seed is in the audit trail. */
export const SEED_ACTOR = 'demo-seed';
export const SEED_ACTION = 'SEED';

/** The audit entry of a demo record: action SEED by demo-seed, on behalf of `organisation`. */
export function seedAuditEntry(entityType: string, entityId: string, organisation: string): NewAuditEntry {
  return { entityType, entityId, organisation, actor: SEED_ACTOR, action: SEED_ACTION, changes: null };
}

/** `history` for many entities of one type in one statement, newest first. */
export function historyLoader(ds: DataSource, entityType: string): DataLoader<string, AuditEntry[]> {
  return new DataLoader<string, AuditEntry[]>(async (ids) => {
    const rows = await ds
      .getRepository(AuditLog)
      .createQueryBuilder('a')
      .where('a.entityType = :entityType AND a.entityId = ANY(:ids)', { entityType, ids: [...ids] })
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.seq', 'DESC')
      .getMany();
    return groupInKeyOrder(ids, rows, (r) => r.entityId);
  });
}

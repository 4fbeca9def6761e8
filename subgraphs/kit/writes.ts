import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { diff, recordAudit, type Changes } from './audit';
import type { Principal } from '../../platform/auth';
import { ConflictError, NotFoundError } from '../../platform/errors';

/**
 * The write patterns every subgraph shares: the row and its audit entry commit
 * in one transaction; updates check `expectedVersion` under a row lock, so of
 * two concurrent updates with the same version exactly one wins.
 */
export interface AuditedTarget<T> {
  entity: EntityTarget<T>;
  /** Entity type name in the audit log and in messages ("Company"). */
  type: string;
  /** Columns whose changes are audited. */
  fields: string[];
  /** Maps a unique-constraint violation to the CONFLICT clients see. */
  onUniqueViolation?: (constraint: string | undefined) => ConflictError;
}

export function isUniqueViolation(err: unknown): err is QueryFailedError & { driverError: { code: string; constraint?: string } } {
  return err instanceof QueryFailedError && (err as unknown as { driverError?: { code?: string } }).driverError?.code === '23505';
}

async function translateUnique<R>(target: AuditedTarget<unknown>, work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw target.onUniqueViolation?.(err.driverError.constraint) ?? new ConflictError(`This ${target.type} already exists.`);
    }
    throw err;
  }
}

export async function createAudited<T extends ObjectLiteral & { id: string }>(
  ds: DataSource,
  principal: Principal,
  target: AuditedTarget<T>,
  values: Partial<NoInfer<T>>,
  action = 'CREATE',
): Promise<T> {
  return translateUnique(target, () =>
    ds.transaction(async (em) => {
      const saved = await em.save(em.create(target.entity, values as T));
      await recordAudit(em, principal, target.type, saved.id, action, diff({}, values, target.fields));
      return saved;
    }),
  );
}

export interface UpdateOptions<T> {
  action?: string;
  /** Extra checks on the locked current row (ownership, state) before writing. */
  guard?: (current: T) => void;
}

export async function updateAudited<T extends ObjectLiteral & { id: string; version: number }>(
  ds: DataSource,
  principal: Principal,
  target: AuditedTarget<T>,
  id: string,
  expectedVersion: number | null,
  values: Partial<NoInfer<T>>,
  options: UpdateOptions<NoInfer<T>> = {},
): Promise<{ row: T; changes: Changes }> {
  return translateUnique(target, () =>
    ds.transaction(async (em) => {
      const current = await lockRow(em, target, id);
      options.guard?.(current);
      if (expectedVersion !== null && current.version !== expectedVersion) {
        throw new ConflictError(
          `${target.type} ${id} is at version ${current.version}, not ${expectedVersion}: reload it and apply your change again.`,
          { currentVersion: current.version, expectedVersion },
        );
      }
      const changes = diff(
        current,
        values,
        target.fields.filter((f) => f in values),
      );
      if (Object.keys(changes).length === 0 && !options.action) return { row: current, changes };
      const next = { ...values, version: current.version + 1, updatedAt: new Date() } as Partial<T>;
      await em.update(target.entity, { id } as never, next as never);
      await recordAudit(em, principal, target.type, id, options.action ?? 'UPDATE', changes);
      return { row: Object.assign(current, next), changes };
    }),
  );
}

/** SELECT ... FOR UPDATE, or NOT_FOUND. */
export async function lockRow<T extends ObjectLiteral>(em: EntityManager, target: AuditedTarget<T>, id: string): Promise<T> {
  const row = await em.findOne(target.entity, { where: { id } as never, lock: { mode: 'pessimistic_write' } });
  if (!row) throw new NotFoundError(target.type, id, 'id');
  return row;
}

import type { DataSource, DeepPartial, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import type { Principal } from '../../platform/auth';
import { ConflictError, NotFoundError } from '../../platform/errors';
import { diff, writeAuditEntries, type Changes } from './audit';
import { tableOf } from './tables';
import { lockTrail } from './trail';
import { recordChanges } from './changes';

/**
 * The one write path of every subgraph. Every mutation writes through `write.*`
 * (or composes several steps in `transact`), and each step does, in the
 * caller's one transaction:
 *
 *   lock the row (or the parent row) → NOT_FOUND naming the argument
 *   guard on the locked row (ownership, state)
 *   version check (`expectedVersion`, or the explicit ANY_VERSION)
 *   the change itself
 *   version bump (when the entity has a `version` column)
 *   the audit entry
 *
 * and a unique violation becomes CONFLICT naming the field at fault. Nothing
 * is written unless all of it commits. Tables and columns come from typeorm's
 * entity metadata; no SQL names are spliced in here.
 *
 * What a subgraph writes is declared once, in its own `writes.ts`
 * (AuditedTarget, ChildTable); a resolver checks the caller and the input,
 * then makes one call:
 *
 *   const { row } = await write.update(ctx.ds, {
 *     principal,                       // from requireEditor
 *     target: companyTarget,
 *     id: mustBeId('id', id),
 *     expectedVersion,                 // or ANY_VERSION, said explicitly
 *     values: companyColumns(input),
 *     guard: notArchived,              // runs on the locked row
 *   });
 *
 * Several steps in one transaction: `transact(ds, principal, async (tx) => …)`.
 */

// ---------------------------------------------------------------------------
// What is written
// ---------------------------------------------------------------------------

/** What a unique violation on this write means to the client: CONFLICT naming `field`. */
export interface UniqueRule<T> {
  /** The argument or input field at fault, sent as `extensions.field`. */
  field: string;
  message: string | ((row: Partial<T>) => string);
}

/** An entity audited under its own key: `type` is its name in the audit log and in messages ("Company"). */
export interface AuditedEntity<T> {
  entity: EntityTarget<T>;
  type: string;
}

/** An entity created and updated through this API. */
export interface AuditedTarget<T> extends AuditedEntity<T> {
  /** Columns whose changes are audited. */
  fields: readonly string[];
  /** Without a rule a unique violation is CONFLICT "This <type> already exists." */
  unique?: UniqueRule<T>;
}

/**
 * Rows of a child table that belong to one parent row (cluster memberships,
 * project participants, event attendees). Their changes are audited on the
 * parent, and bump the parent's version when it has one.
 */
export interface ChildTable<P, C> {
  parent: AuditedEntity<P>;
  entity: EntityTarget<C>;
  /** The child's column that holds the parent's key. */
  parentKey: keyof C & string;
  /** Columns audited, each as {from, to}, when one child row is added or removed. */
  fields: readonly (keyof C & string)[];
  /** Adding a row that is already there: CONFLICT with this rule, or 'ignore' (nothing is written). */
  duplicate: 'ignore' | UniqueRule<C>;
  /** Written together with a new parent, the whole set is audited as one field: a list of each row's `of`. */
  asList?: { field: string; of: keyof C & string };
}

/** `expectedVersion: ANY_VERSION` writes whatever the current version is (archiving); say so explicitly. */
export const ANY_VERSION: unique symbol = Symbol('ANY_VERSION');

export interface CreateOptions<T, C = never> {
  target: AuditedTarget<T>;
  values: Partial<NoInfer<T>>;
  /** Audit action; CREATE unless the domain has a better verb (RECORD_ASSESSMENT). */
  action?: string;
  /** Rows of one child table written with the new row (event attendees), in its audit entry. */
  children?: { table: ChildTable<T, C>; rows: Partial<NoInfer<C>>[] };
}

export interface UpdateOptions<T> {
  target: AuditedTarget<T>;
  id: string;
  /** The argument that named the row, for NOT_FOUND (default `id`). */
  idArgument?: string;
  expectedVersion: number | typeof ANY_VERSION;
  values: Partial<NoInfer<T>>;
  /** Audit action, default UPDATE. Given explicitly, the write happens even when no audited field changes (DELETE). */
  action?: string;
  /** Checks on the locked current row (ownership, state) before anything is written. */
  guard?: (current: NoInfer<T>) => void;
}

export interface ChildOptions<P, C> {
  table: ChildTable<P, C>;
  parentId: string;
  /** The argument that named the parent, for NOT_FOUND. */
  parentArgument: string;
  /** Audit action on the parent (ADD_MEMBER, ADD_PARTICIPANT, REMOVE_MEMBER). */
  action: string;
  /** Checks on the locked parent row before anything is written. */
  guard?: (parent: NoInfer<P>) => void;
}

export interface AddChildOptions<P, C> extends ChildOptions<P, C> {
  /** The new row without the parent's key (the write path sets it). */
  row: Partial<NoInfer<C>>;
}

export interface RemoveChildOptions<P, C> extends ChildOptions<P, C> {
  /** The rest of the row's primary key besides the parent's key. */
  match: Partial<NoInfer<C>>;
}

/** Removes a row created through `create` (a compensating write, see `confirmedWrite`), with its child rows. */
export interface RemoveOptions<T> {
  target: AuditedTarget<T>;
  id: string;
  action: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  children?: ChildTable<T, any>[];
}

/** One audited change a transaction commits. */
export interface Written {
  entityType: string;
  entityId: string;
  /** The entity's version after the change; null for entities without one (Cluster, Event, Assessment). */
  version: number | null;
  action: string;
  changes: Changes;
}

// ---------------------------------------------------------------------------
// The transaction
// ---------------------------------------------------------------------------

/** The steps of one write, bound to one transaction and one principal. */
export class WriteTransaction {
  /** Every audited change so far, in order. */
  readonly written: Written[] = [];

  constructor(
    private readonly em: EntityManager,
    readonly principal: Principal,
  ) {}

  async create<T extends ObjectLiteral, C extends ObjectLiteral = never>(o: CreateOptions<T, C>): Promise<T> {
    const { target, values } = o;
    const row = await translateUnique(target.type, target.unique, values, () =>
      this.em.save(this.em.create(target.entity, values as DeepPartial<T>)),
    );
    const meta = this.meta(target.entity);
    const id = String(keyColumn(meta).getEntityValue(row));
    const changes = diff({}, values, target.fields);
    if (o.children) {
      const { table, rows } = o.children;
      await this.insertChildren(table, id, rows);
      if (table.asList) changes[table.asList.field] = { from: null, to: rows.map((r) => r[table.asList!.of]) };
    }
    await this.record(target, id, versionOf(meta, row), o.action ?? 'CREATE', changes);
    return row;
  }

  async update<T extends ObjectLiteral>(o: UpdateOptions<T>): Promise<{ row: T; changes: Changes }> {
    const { target, id, values } = o;
    const meta = this.meta(target.entity);
    const current = await this.lock(target, meta, id, o.idArgument ?? 'id', 'pessimistic_write');
    o.guard?.(current);
    if (o.expectedVersion !== ANY_VERSION && !versionColumn(meta)) throw new Error(`${target.type} has no version to check: ANY_VERSION.`);
    if (o.expectedVersion !== ANY_VERSION && current.version !== o.expectedVersion) {
      throw new ConflictError(
        `${target.type} ${id} is at version ${current.version}, not ${o.expectedVersion}: reload it and apply your change again.`,
        { currentVersion: current.version, expectedVersion: o.expectedVersion },
      );
    }
    const changes = diff(
      current,
      values,
      target.fields.filter((f) => f in values),
    );
    if (Object.keys(changes).length === 0 && !o.action) return { row: current, changes };
    const next = { ...values, ...this.bumped(meta, current) } as Partial<T>;
    await translateUnique(target.type, target.unique, values, () =>
      this.em.update(target.entity, { [keyColumn(meta).propertyName]: id } as never, next as never),
    );
    const row = Object.assign(current, next);
    await this.record(target, id, versionOf(meta, row), o.action ?? 'UPDATE', changes);
    return { row, changes };
  }

  /** Adds one child row. `row` is null when it was already there and the table ignores duplicates. */
  async addChild<P extends ObjectLiteral, C extends ObjectLiteral>(o: AddChildOptions<P, C>): Promise<{ parent: P; row: C | null }> {
    const { table } = o;
    const { parent, meta } = await this.lockParent(o);
    const [row] = await this.insertChildren(table, o.parentId, [o.row]);
    if (!row) return { parent, row: null };
    await this.childChanged(o, parent, meta, diff({}, row, table.fields));
    return { parent, row };
  }

  /** Removes one child row. `removed` is null when there was none (nothing is written). */
  async removeChild<P extends ObjectLiteral, C extends ObjectLiteral>(
    o: RemoveChildOptions<P, C>,
  ): Promise<{ parent: P; removed: C | null }> {
    const { table } = o;
    const { parent, meta } = await this.lockParent(o);
    const childMeta = this.meta(table.entity);
    // DELETE … RETURNING every column, read back as typeorm reads a row.
    const result = await this.em
      .createQueryBuilder()
      .delete()
      .from(table.entity)
      .where(this.childKey(table, o.parentId, o.match))
      .returning(childMeta.columns.map((c) => c.propertyName))
      .execute();
    const [raw] = result.raw as ObjectLiteral[];
    if (!raw) return { parent, removed: null };
    const removed = tableOf(this.em.dataSource, table.entity).hydrate(raw);
    await this.childChanged(o, parent, meta, diff(removed, {}, table.fields));
    return { parent, removed };
  }

  /** Deletes one row and its child rows; audited with every audited field going to null. */
  async remove<T extends ObjectLiteral>(o: RemoveOptions<T>): Promise<T> {
    const meta = this.meta(o.target.entity);
    const current = await this.lock(o.target, meta, o.id, 'id', 'pessimistic_write');
    const changes = diff(current, {}, o.target.fields);
    for (const table of o.children ?? []) {
      const where = { [table.parentKey]: o.id } as never;
      // Audited as they were written with the parent (`asList`): the list, from its rows to null.
      if (table.asList) {
        const rows = await this.em.find(table.entity, { where });
        changes[table.asList.field] = { from: rows.map((r) => r[table.asList!.of]), to: null };
      }
      await this.em.delete(table.entity, where);
    }
    await this.em.delete(o.target.entity, { [keyColumn(meta).propertyName]: o.id } as never);
    await this.record(o.target, o.id, null, o.action, changes);
    return current;
  }

  // -- the steps ------------------------------------------------------------

  private meta(entity: EntityTarget<unknown>): EntityMetadata {
    return this.em.getRepository(entity as EntityTarget<ObjectLiteral>).metadata;
  }

  /** SELECT … FOR UPDATE (or FOR SHARE) by the entity's key, or NOT_FOUND naming `argument`. */
  private async lock<T extends ObjectLiteral>(
    target: AuditedEntity<T>,
    meta: EntityMetadata,
    id: string,
    argument: string,
    mode: 'pessimistic_write' | 'pessimistic_read',
  ): Promise<T> {
    const row = await this.em.findOne(target.entity, { where: { [keyColumn(meta).propertyName]: id } as never, lock: { mode } });
    if (!row) throw new NotFoundError(target.type, id, argument);
    return row;
  }

  /**
   * The parent of a child change: FOR UPDATE when its version is bumped, else
   * FOR SHARE (it must exist and stay, but adds to one cluster need not queue).
   */
  private async lockParent<P extends ObjectLiteral, C>(o: ChildOptions<P, C>): Promise<{ parent: P; meta: EntityMetadata }> {
    const meta = this.meta(o.table.parent.entity);
    const mode = versionColumn(meta) ? 'pessimistic_write' : 'pessimistic_read';
    const parent = await this.lock(o.table.parent, meta, o.parentId, o.parentArgument, mode);
    o.guard?.(parent);
    return { parent, meta };
  }

  /** The version bump (and updatedAt) for an entity that has a version column; nothing otherwise. */
  private bumped(meta: EntityMetadata, current: ObjectLiteral): ObjectLiteral {
    const version = versionColumn(meta);
    if (!version) return {};
    const next: ObjectLiteral = { [version.propertyName]: (version.getEntityValue(current) as number) + 1 };
    if (meta.findColumnWithPropertyName('updatedAt')) next.updatedAt = new Date();
    return next;
  }

  private async childChanged<P extends ObjectLiteral, C>(o: ChildOptions<P, C>, parent: P, meta: EntityMetadata, changes: Changes) {
    const next = this.bumped(meta, parent);
    if (Object.keys(next).length > 0) {
      await this.em.update(o.table.parent.entity, { [keyColumn(meta).propertyName]: o.parentId } as never, next as never);
      Object.assign(parent, next);
    }
    await this.record(o.table.parent, o.parentId, versionOf(meta, parent), o.action, changes);
  }

  /** A child row's full primary key; a programming error unless `rest` covers every key column besides the parent's. */
  private childKey<C extends ObjectLiteral>(table: ChildTable<unknown, C>, parentId: string, rest: Partial<C>): Partial<C> {
    const key = { ...rest, [table.parentKey]: parentId } as Partial<C>;
    const missing = this.meta(table.entity).primaryColumns.filter((c) => c.getEntityValue(key) === undefined);
    if (missing.length > 0) throw new Error(`A ${table.parent.type} child row needs ${missing.map((c) => c.propertyName).join(', ')}.`);
    return key;
  }

  /**
   * INSERT … ON CONFLICT DO NOTHING RETURNING the key: the rows that were new.
   * A row that was already there is dropped, or CONFLICT with the table's rule.
   */
  private async insertChildren<C extends ObjectLiteral>(table: ChildTable<unknown, C>, parentId: string, rows: Partial<C>[]): Promise<C[]> {
    if (rows.length === 0) return [];
    const meta = this.meta(table.entity);
    const full = rows.map((r) => this.em.create(table.entity, this.childKey(table, parentId, r) as DeepPartial<C>));
    const keys = meta.primaryColumns;
    const result = await this.em
      .createQueryBuilder()
      .insert()
      .into(table.entity)
      .values(full as never)
      .orIgnore()
      .returning(keys.map((c) => c.propertyName))
      .updateEntity(false)
      .execute();
    const keyOfRow = (row: C) => JSON.stringify(keys.map((c) => c.getEntityValue(row) as unknown));
    const inserted = new Set((result.raw as ObjectLiteral[]).map((raw) => JSON.stringify(keys.map((c) => raw[c.databaseName] as unknown))));
    const duplicate = full.find((r) => !inserted.has(keyOfRow(r)));
    if (duplicate && table.duplicate !== 'ignore') throw conflict(table.parent.type, table.duplicate, duplicate);
    return full.filter((r) => inserted.has(keyOfRow(r)));
  }

  /**
   * Every audited change of every write passes here, once: the audit entry in
   * this transaction, and the list of what the transaction commits (its
   * change events, written by `transact` when the work is done).
   */
  private async record(target: AuditedEntity<unknown>, entityId: string, version: number | null, action: string, changes: Changes) {
    this.written.push({ entityType: target.type, entityId, version, action, changes });
    await writeAuditEntries(this.em, [
      { entityType: target.type, entityId, organisation: this.principal.org, actor: this.principal.sub, action, changes },
    ]);
  }
}

/**
 * The one transaction every write runs in: whatever `work` does through `tx`
 * commits together with its audit entries and its change events (one per
 * entity changed, announced to the change feed on commit), or nothing does.
 * When `work` returns, `tx.written` lists every change about to be committed.
 */
export async function transact<R>(ds: DataSource, principal: Principal, work: (tx: WriteTransaction) => Promise<R>): Promise<R> {
  return ds.transaction(async (em) => {
    // The audit chain's lock first: a write never waits for it while holding a row lock (no deadlock between writers).
    await lockTrail(em, 'audit_log');
    const tx = new WriteTransaction(em, principal);
    const result = await work(tx);
    await recordChanges(em, tx.written);
    return result;
  });
}

/** One step in its own transaction: what resolvers call. */
export const write = {
  create: <T extends ObjectLiteral, C extends ObjectLiteral = never>(ds: DataSource, o: CreateOptions<T, C> & { principal: Principal }) =>
    transact(ds, o.principal, (tx) => tx.create(o)),
  update: <T extends ObjectLiteral>(ds: DataSource, o: UpdateOptions<T> & { principal: Principal }) =>
    transact(ds, o.principal, (tx) => tx.update(o)),
  addChild: <P extends ObjectLiteral, C extends ObjectLiteral>(ds: DataSource, o: AddChildOptions<P, C> & { principal: Principal }) =>
    transact(ds, o.principal, (tx) => tx.addChild(o)),
  removeChild: <P extends ObjectLiteral, C extends ObjectLiteral>(ds: DataSource, o: RemoveChildOptions<P, C> & { principal: Principal }) =>
    transact(ds, o.principal, (tx) => tx.removeChild(o)),
  remove: <T extends ObjectLiteral>(ds: DataSource, o: RemoveOptions<T> & { principal: Principal }) =>
    transact(ds, o.principal, (tx) => tx.remove(o)),
};

/**
 * A write that refers to another organisation's record (a membership,
 * participation, attendance or assessment naming a company), checked with the
 * owner before it and confirmed after it commits. `check` asks the owner
 * (`checkCompaniesExist`): a record archived, gone or unreachable is the
 * mutation's error (NOT_FOUND naming the argument, or SUBGRAPH_UNAVAILABLE)
 * and nothing is written. But an archive can commit between that answer and
 * the write's commit: so once `commit` has committed, `check` asks the owner
 * again, and if it now fails, `undo` removes what was written (a compensating
 * write, audited like any other) and the mutation answers check's error. An
 * archive that commits after the second answer came after the write, which is
 * allowed: archived companies keep their references. See docs/trust.md,
 * "Archive and references". Checks of the caller and the input that need no
 * owner run before this call, so they are answered first.
 */
export async function confirmedWrite<R>(steps: {
  check: () => Promise<void>;
  commit: () => Promise<R>;
  undo: (written: R) => unknown;
}): Promise<R> {
  const { check, commit, undo } = steps;
  await check();
  const written = await commit();
  try {
    await check();
  } catch (err) {
    await undo(written);
    throw err;
  }
  return written;
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

export function isUniqueViolation(err: unknown): err is QueryFailedError & { driverError: { code: string; constraint?: string } } {
  return err instanceof QueryFailedError && (err as unknown as { driverError?: { code?: string } }).driverError?.code === '23505';
}

function conflict<T>(type: string, rule: UniqueRule<T> | undefined, row: Partial<T>): ConflictError {
  if (!rule) return new ConflictError(`This ${type} already exists.`);
  return new ConflictError(typeof rule.message === 'string' ? rule.message : rule.message(row), { field: rule.field });
}

async function translateUnique<T, R>(type: string, rule: UniqueRule<T> | undefined, row: Partial<T>, work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(type, rule, row);
    throw err;
  }
}

/** The single key column of an entity written by key (id, or a cluster's code). */
function keyColumn(meta: EntityMetadata) {
  if (meta.primaryColumns.length !== 1) throw new Error(`${meta.name} has no single key column.`);
  return meta.primaryColumns[0];
}

function versionColumn(meta: EntityMetadata) {
  return meta.findColumnWithPropertyName('version');
}

function versionOf(meta: EntityMetadata, row: ObjectLiteral): number | null {
  const column = versionColumn(meta);
  return column ? (column.getEntityValue(row) as number) : null;
}

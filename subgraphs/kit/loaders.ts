import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { isUuid } from '../../platform/ids';
import { tableOf } from './tables';

/**
 * Loader helpers. Each request gets new loaders (see `createLoaders` in every
 * subgraph); batch functions run one set-based statement (`= ANY($1)`) and
 * answer in key order, null for a missing key. The statements are plain SQL
 * over the entity's precomputed column list (`EntityTable`, tables.ts).
 */
export function byKeyLoader<T extends ObjectLiteral, K extends string = string>(
  ds: DataSource,
  entity: EntityTarget<T>,
  keyProperty: keyof T & string = 'id' as keyof T & string,
  /** Keys that cannot exist (a malformed id) answer null without reaching SQL. */
  isValidKey: (key: K) => boolean = (key) => keyProperty !== 'id' || isUuid(key),
): DataLoader<K, T | null> {
  const table = tableOf(ds, entity);
  const condition = `{${keyProperty}} = ANY($1)`;
  return new DataLoader<K, T | null>(async (keys) => {
    const valid = keys.filter(isValidKey);
    const rows = valid.length ? await table.select(table.where().and(condition, valid)) : [];
    const byKey = new Map(rows.map((r) => [String(r[keyProperty]), r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** One key of the order of a group (a tie on the first is broken by the next). */
export interface GroupOrder<T> {
  property: keyof T & string;
  direction?: 'ASC' | 'DESC';
}

/**
 * One statement for many parents: rows grouped by `groupProperty`, [] for none.
 * Keys that fail `isValidKey` (a malformed id arriving through `_entities`)
 * answer [] without reaching SQL.
 */
export function groupLoader<T extends ObjectLiteral, K extends string = string>(
  ds: DataSource,
  entity: EntityTarget<T>,
  groupProperty: keyof T & string,
  orderBy?: GroupOrder<T> | GroupOrder<T>[],
  isValidKey: (key: K) => boolean = () => true,
): DataLoader<K, T[]> {
  const table = tableOf(ds, entity);
  const condition = `{${groupProperty}} = ANY($1)`;
  const order = [orderBy ?? []].flat();
  const orderSql = order.length ? order.map((o) => `${table.column(o.property)} ${o.direction ?? 'ASC'}`).join(', ') : undefined;
  return new DataLoader<K, T[]>(async (keys) => {
    const valid = keys.filter(isValidKey);
    if (valid.length === 0) return keys.map(() => []);
    const rows = await table.select(table.where().and(condition, valid), { orderBy: orderSql });
    return groupInKeyOrder(keys, rows, (r) => String(r[groupProperty]));
  });
}

export function groupInKeyOrder<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) groups.get(keyOf(r))?.push(r);
  return keys.map((k) => groups.get(k) ?? []);
}

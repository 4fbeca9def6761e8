import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { BadUserInputError } from '../../platform/errors';
import { isUuid } from '../../platform/ids';
import { checkFirst, LIST_PAGE_SIZE, type ListPageArgs } from './pagination';
import { tableOf, type EntityTable } from './tables';

/**
 * A paged child list (`Cluster.members`, `Event.attendees`, `Project.events`,
 * `Project.companies`, `Project.partners`, `Company.projects`,
 * `Partner.projects`): a plain list in a fixed order, with optional `first`
 * (default LIST_PAGE_SIZE, 1..MAX_PAGE_SIZE) and `after` (the id of the last
 * item of the previous page).
 */
export interface ChildListSpec<T extends ObjectLiteral> {
  /** What the items are: each row of `e` hydrated by its EntityTable (kit/tables.ts). */
  entity: EntityTarget<T>;
  /** The FROM clause: the items' table as `e`, joined to a link table when the parent reaches the items through one. */
  from: string;
  /** The column (qualified) that holds the parent's key. */
  parent: string;
  /** The SQL type of the parent's key. */
  parentType: 'text' | 'uuid';
  /** The property of the items that `after` names (a uuid); it breaks ties, so the order is total. */
  id: keyof T & string;
  /** Properties the list is ordered by before `id`, all ascending. Their columns (of `e`) come from the entity's metadata. */
  order: (keyof T & string)[];
  /** Parents that cannot exist (a malformed id through `_entities`) have an empty list and reach no SQL. */
  isValidParent?: (parent: string) => boolean;
}

interface PageKey {
  parent: string;
  first: number;
  after: string | null;
}

const UNKNOWN_AFTER = () =>
  new BadUserInputError('after', 'is not the id of an item of this list; pass the id of the last item of the previous page');

/**
 * One statement per batch of parents that reads only the pages, whatever the
 * length of the lists: for each (parent, first, after) of the batch a LATERAL
 * subquery with `ORDER BY <order>, <id> LIMIT first`, which an index on
 * (parent, order…, id) answers by reading `first` entries. `after` is a
 * keyset condition, `(<order>, <id>) > (those of the item after)`, so page
 * 1,000 costs what page 1 costs; the item is looked up in the same parent's
 * list, in the same statement, and an id that is not in it (unknown, or an
 * item of another parent) is BAD_USER_INPUT naming `after`. The first page
 * and the pages after an item are two branches of a UNION ALL, each with its
 * own index condition, because an `OR` between them would make PostgreSQL
 * scan each list from its start.
 *
 * The alternative, `row_number() OVER (PARTITION BY parent ORDER BY …)`,
 * numbers every row of every list of the batch before it can cut the pages:
 * the cost the lateral join avoids (the "top-N per group" pattern, see
 * docs/performance.md).
 */
function pageStatement<T extends ObjectLiteral>(spec: ChildListSpec<T>, table: EntityTable<T>): string {
  const id = table.column(spec.id);
  const keyset = [...spec.order.map((property) => table.column(property)), id];
  const orderBy = (alias: string) => keyset.map((c) => `${alias}.${c}`).join(', ');
  const where = `${spec.parent} = r.parent`;
  return `SELECT r.i AS "__i", (r.after IS NOT NULL AND a.${id} IS NULL) AS "__unknown", p.${id} IS NOT NULL AS "__item", p.*
FROM unnest($1::${spec.parentType}[], $2::int[], $3::uuid[]) WITH ORDINALITY AS r(parent, n, after, i)
LEFT JOIN LATERAL (SELECT ${orderBy('e')} FROM ${spec.from} WHERE ${where} AND e.${id} = r.after) a ON true
LEFT JOIN LATERAL (
  (SELECT e.* FROM ${spec.from} WHERE ${where} AND r.after IS NULL ORDER BY ${orderBy('e')} LIMIT r.n)
  UNION ALL
  (SELECT e.* FROM ${spec.from} WHERE ${where} AND (${orderBy('e')}) > (${orderBy('a')}) ORDER BY ${orderBy('e')} LIMIT r.n)
) p ON true
ORDER BY r.i, ${orderBy('p')}`;
}

/** The page statements, built once per list (the loaders are built per request). */
const statements = new Map<string, string>();

/**
 * The per-request loader of one paged child list (create it in the
 * subgraph's `createLoaders`): `page(parent, { first, after })` answers the
 * items of that page. Pages asked in the same tick, for any parents and any
 * `first`/`after`, are one statement (`pageStatement`); the same page asked
 * twice is read once. Bad `first` or a malformed `after` are refused before
 * any SQL.
 */
export function childPages<T extends ObjectLiteral>(ds: DataSource, spec: ChildListSpec<T>) {
  const table = tableOf(ds, spec.entity);
  const key = [spec.from, spec.parent, spec.parentType, spec.id, ...spec.order].join('|');
  let sql = statements.get(key);
  if (sql === undefined) statements.set(key, (sql = pageStatement(spec, table)));
  const loader = new DataLoader<PageKey, T[], string>(
    async (keys) => {
      const valid = keys.filter((k) => spec.isValidParent?.(k.parent) ?? true);
      const pages = new Map<PageKey, T[] | Error>(keys.map((k) => [k, k.after === null ? [] : UNKNOWN_AFTER()]));
      if (valid.length > 0) {
        const rows: Record<string, unknown>[] = await ds.query(sql, [
          valid.map((k) => k.parent),
          valid.map((k) => k.first),
          valid.map((k) => k.after),
        ]);
        for (const key of valid) pages.set(key, []);
        for (const row of rows) {
          const key = valid[Number(row.__i) - 1];
          if (row.__unknown) pages.set(key, UNKNOWN_AFTER());
          else if (row.__item) (pages.get(key) as T[]).push(table.hydrate(row));
        }
      }
      return keys.map((k) => pages.get(k)!);
    },
    { cacheKeyFn: (k) => JSON.stringify([k.parent, k.first, k.after]) },
  );
  return {
    async page(parent: string, args: ListPageArgs): Promise<T[]> {
      const first = checkFirst(args.first, 'first', LIST_PAGE_SIZE);
      const after = args.after ?? null;
      if (after !== null && !isUuid(after)) throw UNKNOWN_AFTER();
      return loader.load({ parent, first, after: after?.toLowerCase() ?? null });
    },
  };
}

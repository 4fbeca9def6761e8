import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../../platform/errors';
import { PageInfo } from './graphql-types';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface ConnectionResult<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Counted when read (GraphQL reads it only when the query asks for totalCount). */
  readonly totalCount: Promise<number>;
}

/** Builds `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return Connection;
}

/** The arguments of every list query: `(filter: <Name>Filter, first: Int = 20, after: String)`. */
export function PageArgs<F extends object>(filterType: ClassType<F>) {
  @ArgsType()
  class Args {
    @Field(() => filterType, { nullable: true })
    filter?: F | null;

    @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE })
    first?: number | null;

    @Field(() => String, { nullable: true })
    after?: string | null;
  }
  return Args;
}

/** `first`: 1..MAX_PAGE_SIZE, defaulting to DEFAULT_PAGE_SIZE. */
export function checkFirst(first: number | null | undefined, argument = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(argument, `must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return first;
}

type CursorKey = [string | number, string];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Opaque cursor -> [sort value, id]. Anything we did not issue is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, argument = 'after'): CursorKey {
  const bad = () =>
    new BadUserInputError(argument, 'is not a cursor this server issued; pass an endCursor or edge cursor from a previous page');
  if (cursor.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !['string', 'number'].includes(typeof parsed[0]) || typeof parsed[1] !== 'string') {
    throw bad();
  }
  return parsed as CursorKey;
}

export interface PageOptions {
  /** Query builder alias of the root entity. */
  alias: string;
  /** Property to order by; `id` breaks ties, so the order is total and stable. */
  sortBy: string;
  first: number | null | undefined;
  after: string | null | undefined;
}

/**
 * Keyset pagination over (sortBy, id): `WHERE (sort, id) > (cursor)` with an
 * index on the same pair, so page 5,000 costs what page 1 costs. One SQL
 * statement for the page, and one `count(*)` only when the query asks for
 * `totalCount`: the count is the part of a page whose cost grows with the
 * number of matching rows (about 10 ms for 100,000), so a client that pages
 * without it does not pay for it. `qb` selects one entity, without joins.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  opts: PageOptions,
): Promise<ConnectionResult<T>> {
  const first = checkFirst(opts.first);
  const after = opts.after ? decodeCursor(opts.after) : undefined;
  const sortPath = `${opts.alias}.${opts.sortBy}`;
  const countQuery = qb.clone();
  let count: Promise<number> | undefined;
  if (after) {
    qb.andWhere(`(${sortPath}, ${opts.alias}.id) > (:cursorSort, :cursorId)`, {
      cursorSort: after[0],
      cursorId: after[1],
    });
  }
  const rows = await qb
    .orderBy(sortPath, 'ASC')
    .addOrderBy(`${opts.alias}.id`, 'ASC')
    .limit(first + 1)
    .getMany();
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor([node[opts.sortBy], node.id]), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    get totalCount() {
      // count(*), not typeorm's getCount(): COUNT(DISTINCT id) sorts every matching id (60 ms instead of 10 for 100,000 rows).
      count ??= countQuery
        .select('count(*)', 'n')
        .getRawOne<{ n: string }>()
        .then((r) => Number(r?.n ?? 0));
      return count;
    },
  };
}

import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../../platform/errors';
import { PageInfo } from './graphql-types';
import { isWellFormedText, NAME_MAX } from './validation/text';

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

/**
 * Builds `<Name>Edge` and `<Name>Connection` object types for a node type;
 * `shareable` when more than one subgraph defines them (Disclosure).
 */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string, options: { shareable?: boolean } = {}) {
  const shareable = options.shareable ? Directive('@shareable') : () => {};
  @shareable
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @shareable
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

/** A cursor: the sort value (a name or title) and the id of the last row of a page. */
type CursorKey = [string, string];

/** Longest cursor we accept: the base64url of the longest name (NAME_MAX characters of up to 4 UTF-8 bytes) and an id. */
const CURSOR_MAX = 1200;
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// eslint-disable-next-line no-control-regex
const NOT_IN_A_NAME = /[\u0000-\u001f\u007f-\u009f]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * Opaque cursor -> [sort value, id], fully validated before it can reach SQL:
 * base64url of UTF-8 JSON in exactly the form `encodeCursor` writes (so no
 * second spelling of a cursor exists), a sort value that could be a stored
 * name (a well-formed string of at most NAME_MAX characters without control
 * characters) and a lower-case UUID. A cursor is not signed: any cursor that
 * passes is only a position in the (sort value, id) order of rows the caller
 * may list anyway, so it works across replicas and restarts without a shared
 * key. Anything else is BAD_USER_INPUT naming `after`.
 */
export function decodeCursor(cursor: string, argument = 'after'): CursorKey {
  const bad = () =>
    new BadUserInputError(argument, 'is not a cursor this server issued; pass an endCursor or edge cursor from a previous page');
  if (cursor.length > CURSOR_MAX || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(Buffer.from(cursor, 'base64url')));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw bad();
  const [sort, id] = parsed as unknown[];
  if (typeof sort !== 'string' || typeof id !== 'string' || !CANONICAL_UUID.test(id)) throw bad();
  if (!isWellFormedText(sort) || NOT_IN_A_NAME.test(sort) || [...sort].length > NAME_MAX) throw bad();
  if (encodeCursor([sort, id]) !== cursor) throw bad();
  return [sort, id];
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
  const edges = page.map((node) => ({ cursor: encodeCursor([String(node[opts.sortBy]), node.id]), node }));
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

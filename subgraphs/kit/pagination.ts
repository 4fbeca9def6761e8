import DataLoader from 'dataloader';
import { ArgsType, Directive, Field, ID, Int, ObjectType, type ClassType } from 'type-graphql';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { BadUserInputError } from '../../platform/errors';
import { PageInfo } from './graphql-types';
import { renumber, type EntityTable, type Where } from './tables';
import { isWellFormedText, NAME_MAX } from './validation/text';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface ConnectionResult<T> {
  /** Read lazily by `paginate`: a query that asks only for totalCount runs no page query. */
  readonly edges: Edge<T>[] | Promise<Edge<T>[]>;
  readonly pageInfo: PageInfo | Promise<PageInfo>;
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

/** `first`: 1..MAX_PAGE_SIZE, defaulting to `fallback` (DEFAULT_PAGE_SIZE). */
export function checkFirst(first: number | null | undefined, argument = 'first', fallback = DEFAULT_PAGE_SIZE): number {
  if (first === null || first === undefined) return fallback;
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

export interface PageOptions<T> {
  /** Property to order by; `id` breaks ties, so the order is total and stable. */
  sortBy: keyof T & string;
  first: number | null | undefined;
  after: string | null | undefined;
  /** The request's count batcher (`HubContext.counts`): every count of a request over one table in one statement. */
  counts: CountBatcher;
}

/**
 * Keyset pagination over (sortBy, id): `WHERE (sort, id) > (cursor)` with an
 * index on the same pair, so page 5,000 costs what page 1 costs. Both parts
 * of a page run only when the query reads them: the page statement for
 * `edges` or `pageInfo`, a count for `totalCount` — a dashboard that asks
 * twenty `(first: 1) { totalCount }` runs no page query at all, and its
 * counts over one table are one statement (`CountBatcher`). The count is the
 * part of a page whose cost grows with the number of matching rows (about
 * 10 ms for 100,000), so a client that pages without it does not pay for
 * it. Plain SQL over the entity's table (`EntityTable`) with the `where`
 * conditions; `sortBy` is a property, its column taken from the entity's
 * metadata. Bad arguments are refused at once, whatever is read.
 */
export function paginate<T extends ObjectLiteral & { id: string }>(
  table: EntityTable<T>,
  where: Where,
  opts: PageOptions<T>,
): ConnectionResult<T> {
  const first = checkFirst(opts.first);
  const after = opts.after ? decodeCursor(opts.after) : undefined;
  // `{property}` templates: the table writes each property's column from typeorm's metadata (nameEn is name_en).
  const keyset = `({${opts.sortBy}}, {id}) > ($1, $2)`;
  const orderBy = table.sql(`{${opts.sortBy}} ASC, {id} ASC`);
  let page: Promise<{ edges: Edge<T>[]; pageInfo: PageInfo }> | undefined;
  let count: Promise<number> | undefined;
  const loadPage = () =>
    (page ??= (async () => {
      const pageWhere = after ? where.clone().and(keyset, after[0], after[1]) : where;
      const rows = await table.select(pageWhere, { orderBy, limit: first + 1 });
      const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor([String(node[opts.sortBy]), node.id]), node }));
      return {
        edges,
        pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
      };
    })());
  return {
    get edges() {
      return loadPage().then((p) => p.edges);
    },
    get pageInfo() {
      return loadPage().then((p) => p.pageInfo);
    },
    get totalCount() {
      return (count ??= opts.counts.count(table, where));
    },
  };
}

/** One count: what it counts over (`FROM …`), its condition, and the condition's parameters ($1…). */
interface CountQuery {
  from: string;
  where: string | undefined;
  parameters: unknown[];
}

/**
 * The counts of one request, batched: every `totalCount` asked in the same
 * tick over the same table becomes one column of one statement,
 * `SELECT count(*) FILTER (WHERE <filter 1>), count(*) FILTER (WHERE <filter 2>) … FROM <table>`
 * — one pass over the table instead of one count per filter. Created per
 * request (`HubContext.counts`); nothing is cached between requests.
 */
export class CountBatcher {
  private readonly loader: DataLoader<CountQuery, number>;

  constructor(private readonly ds: DataSource) {
    this.loader = new DataLoader((queries) => this.run(queries), { cache: false });
  }

  /** `count(*)` of the rows of `table` that `where` selects. */
  count(table: EntityTable<ObjectLiteral>, where: Where): Promise<number> {
    return this.loader.load({ from: table.from, where: where.sql, parameters: where.parameters });
  }

  private async run(queries: readonly CountQuery[]): Promise<number[]> {
    const groups = new Map<string, number[]>();
    queries.forEach((q, i) => {
      const group = groups.get(q.from);
      if (group) group.push(i);
      else groups.set(q.from, [i]);
    });
    const out: number[] = new Array<number>(queries.length);
    await Promise.all(
      [...groups].map(async ([from, members]) => {
        const parameters: unknown[] = [];
        const columns = members.map((i, column) => {
          const q = queries[i];
          const offset = parameters.length;
          parameters.push(...q.parameters);
          // Each condition's $1… come after the parameters of the conditions before it.
          const where = q.where === undefined ? undefined : renumber(q.where, offset);
          return `count(*)${where ? ` FILTER (WHERE ${where})` : ''} AS c${column}`;
        });
        const [row] = (await this.ds.query(`SELECT ${columns.join(', ')} FROM ${from}`, parameters)) as Record<string, string>[];
        members.forEach((i, column) => (out[i] = Number(row[`c${column}`])));
      }),
    );
    return out;
  }
}

/**
 * The default page of the plain list fields that take optional paging
 * (`Cluster.members`, `events`, `Project.events`, `Event.attendees`,
 * `Company.projects`, `Partner.projects`, `Project.companies`,
 * `Project.partners`): the contract made them plain lists, so they keep their
 * type and gain optional `first` and `after` arguments, and a list never
 * answers more than MAX_PAGE_SIZE items however long it grows. The child
 * lists read only their page from SQL (kit/child-pages.ts).
 * platform/limits.ts estimates an unpaged list at this size.
 */
export const LIST_PAGE_SIZE = 50;

@ArgsType()
export class ListPageArgs {
  @Field(() => Int, { nullable: true, defaultValue: LIST_PAGE_SIZE, description: `How many items, 1..${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => ID, { nullable: true, description: 'The id of the last item of the previous page: the page starts after it.' })
  after?: string | null;
}

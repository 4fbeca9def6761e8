import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/** SQL whose parameters `$1`, `$2`… are numbered after `offset` parameters that come before it in one statement. */
export function renumber(sql: string, offset: number): string {
  return offset === 0 ? sql : sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}

/**
 * Plain SQL for the hot reads (loaders, pages, counts), without typeorm's
 * query builder: per request, `createQueryBuilder(…).getMany()` rebuilt the
 * column list (`buildEscapedEntityColumnSelects`), rewrote property names in
 * the whole statement (`replacePropertyNamesForTheWholeQuery`) and hydrated
 * each row through `transformColumns` — 10–12 % of a subgraph's CPU under
 * the bench. An `EntityTable` computes the statement's column list and a
 * row mapping once per entity from typeorm's own metadata (the entities stay
 * the single source of table, column names and types), and maps each row to
 * an instance of the entity class with the values typeorm would give it:
 * the same constructor call, and every value typeorm converts (dates,
 * booleans, enums, transformers…) converted by the driver's own
 * `prepareHydratedValue`. Statements still go through `ds.query`, so the SQL
 * metrics subscriber counts them.
 */
export class EntityTable<T extends ObjectLiteral> {
  /** `"schema"."table"` or `"table"`. */
  readonly from: string;
  /** The selected columns, `"db_name"`, comma-separated. */
  readonly columns: string;
  private readonly fields: readonly { property: string; name: string; convert?: (value: unknown) => unknown }[];
  private readonly byProperty: ReadonlyMap<string, string>;
  private readonly templates = new Map<string, string>();

  constructor(
    private readonly ds: DataSource,
    private readonly metadata: EntityMetadata,
  ) {
    if (metadata.relations.length || metadata.embeddeds.length || metadata.inheritancePattern) {
      throw new Error(`EntityTable: ${metadata.name} has relations, embedded columns or inheritance; read it with the query builder`);
    }
    const q = (name: string) => ds.driver.escape(name);
    this.from = metadata.schema ? `${q(metadata.schema)}.${q(metadata.tableName)}` : q(metadata.tableName);
    const selected = metadata.columns.filter((c) => c.isSelect && !c.isVirtual);
    this.columns = selected.map((c) => q(c.databaseName)).join(', ');
    this.fields = selected.map((c) => ({
      property: c.propertyName,
      name: c.databaseName,
      convert: unchanged(c) ? undefined : (value: unknown) => ds.driver.prepareHydratedValue(value, c),
    }));
    this.byProperty = new Map(metadata.columns.map((c) => [c.propertyName, q(c.databaseName)]));
  }

  /** The quoted column of a property; an unknown property is a programming error. */
  column(property: string): string {
    const column = this.byProperty.get(property);
    if (!column) throw new Error(`EntityTable: ${this.metadata.name} has no column for property ${property}`);
    return column;
  }

  /**
   * A condition or expression written with `{property}` for columns and
   * `$1`, `$2`… for its own parameters, as SQL: columns quoted, parameters
   * numbered after the `offset` parameters before it. Cached per template.
   */
  sql(template: string, offset = 0): string {
    const key = `${offset}|${template}`;
    let text = this.templates.get(key);
    if (text === undefined) {
      text = renumber(
        template.replace(/\{(\w+)\}/g, (_, property: string) => this.column(property)),
        offset,
      );
      if (this.templates.size < 1000) this.templates.set(key, text);
    }
    return text;
  }

  /** A row of `SELECT <columns>` as an entity, with the property values typeorm's getMany gives. */
  hydrate(row: Record<string, unknown>): T {
    const entity = this.metadata.create(undefined, { fromDeserializer: true }) as Record<string, unknown>;
    for (const f of this.fields) {
      const value = row[f.name];
      entity[f.property] = f.convert ? f.convert(value) : value;
    }
    return entity as T;
  }

  /** Conditions for `select`, `paginate` and counts over this table. */
  where(): Where {
    return new Where(this);
  }

  /** `SELECT <columns> FROM <table> [WHERE …] [ORDER BY …] [LIMIT n]`, hydrated. */
  async select(where: Where, options: { orderBy?: string; limit?: number } = {}): Promise<T[]> {
    const parameters = [...where.parameters];
    let sql = `SELECT ${this.columns} FROM ${this.from}`;
    if (where.sql) sql += ` WHERE ${where.sql}`;
    if (options.orderBy) sql += ` ORDER BY ${options.orderBy}`;
    if (options.limit !== undefined) {
      parameters.push(options.limit);
      sql += ` LIMIT $${parameters.length}`;
    }
    const rows = (await this.ds.query(sql, parameters)) as Record<string, unknown>[];
    const out = new Array<T>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = this.hydrate(rows[i]);
    return out;
  }
}

/** Column types whose values pg gives exactly as typeorm's `prepareHydratedValue` leaves them. */
const PASSED_AS_IS = new Set([
  'text',
  'uuid',
  'int',
  'integer',
  'int4',
  'smallint',
  'bigint',
  'varchar',
  'character varying',
  'boolean',
  'json',
  'jsonb',
]);
type ColumnMetadata = EntityMetadata['columns'][number];
function unchanged(c: ColumnMetadata): boolean {
  return !c.transformer && typeof c.type === 'string' && PASSED_AS_IS.has(c.type);
}

/** The AND of conditions over one table, with their parameters ($1… in order). */
export class Where {
  private readonly conditions: string[] = [];
  readonly parameters: unknown[] = [];

  constructor(private readonly table: EntityTable<ObjectLiteral>) {}

  /** Adds `template` (`{property}` for columns, `$1`… for `values`). */
  and(template: string, ...values: unknown[]): this {
    this.conditions.push(this.table.sql(template, this.parameters.length));
    this.parameters.push(...values);
    return this;
  }

  /** The conditions as one SQL condition; undefined for none. */
  get sql(): string | undefined {
    if (this.conditions.length === 0) return undefined;
    return this.conditions.length === 1 ? this.conditions[0] : this.conditions.map((c) => `(${c})`).join(' AND ');
  }

  /** A copy to add more conditions to. */
  clone(): Where {
    const copy = new Where(this.table);
    copy.conditions.push(...this.conditions);
    copy.parameters.push(...this.parameters);
    return copy;
  }
}

const tables = new WeakMap<DataSource, Map<unknown, EntityTable<ObjectLiteral>>>();

/** The `EntityTable` of an entity, built once per data source and entity. */
export function tableOf<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>): EntityTable<T> {
  let byEntity = tables.get(ds);
  if (!byEntity) tables.set(ds, (byEntity = new Map()));
  let table = byEntity.get(entity);
  if (!table) byEntity.set(entity, (table = new EntityTable<ObjectLiteral>(ds, ds.getMetadata(entity))));
  return table as unknown as EntityTable<T>;
}

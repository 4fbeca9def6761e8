import { escapeIdentifier } from 'pg';
import { DataSource, EventSubscriber, type EntitySubscriberInterface, type MixedList, type QueryRunner } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm';
import { sealTrails, TRAILS } from './trail';
import type { Logger } from '../../platform/logger';
import { SubgraphMetrics } from './metrics';
import type { SubgraphName } from '../../platform/services';
import { CHANGE_EVENT_TABLE, CreateChangeEvents1796774400000 } from './changes';

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  entities: MixedList<Function>;
  /** The subgraph's own migrations; the kit adds its own (the change feed's table) to them. */
  migrations: Function[];
  metrics: SubgraphMetrics;
  log: Logger;
}

/** A subscriber class (typeorm instantiates it) that counts and times every SQL statement. */
function sqlMetricsSubscriber(metrics: SubgraphMetrics): Function {
  @EventSubscriber()
  class SqlMetricsSubscriber implements EntitySubscriberInterface {
    afterQuery(event: AfterQueryEvent): void {
      metrics.sqlStatements.inc();
      if (event.executionTime !== undefined) metrics.sqlDuration.observe(event.executionTime / 1000);
    }
  }
  return SqlMetricsSubscriber;
}

/**
 * One typeorm DataSource per subgraph, over its own database. `synchronize` is
 * always off: the schema comes from timestamped migrations, the subgraph's
 * own and the kit's (the same in every subgraph: `change_event`, changes.ts).
 */
export function createDataSource(opts: DatabaseOptions): DataSource {
  const ds = new DataSource({
    type: 'postgres',
    url: opts.url,
    entities: opts.entities,
    migrations: [...opts.migrations, CreateChangeEvents1796774400000],
    subscribers: [sqlMetricsSubscriber(opts.metrics)],
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: false,
    poolSize: opts.poolSize,
    extra: {
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // A statement that hangs must not hang the request forever.
      statement_timeout: 30_000,
      // The same bound on the client side, for a server that
      // stops answering altogether (network cut) and so never enforces
      // statement_timeout; TCP keep-alive notices dead connections in the pool.
      query_timeout: 35_000,
      keepAlive: true,
      application_name: 'partnerhub',
    },
    // A pooled connection that breaks (database restarted,
    // network cut) is dropped by the pool and logged; the next query reconnects.
    poolErrorHandler: (err: Error) => opts.log.warn({ err: err.message }, 'database connection lost'),
  });
  opts.metrics.poolStats = () => {
    const pool = poolOf(ds);
    return { total: pool?.totalCount ?? 0, waiting: pool?.waitingCount ?? 0 };
  };
  return ds;
}

interface PgPool {
  totalCount: number;
  waitingCount: number;
  idleCount: number;
}
function poolOf(ds: DataSource): PgPool | undefined {
  return ds.isInitialized ? ((ds.driver as unknown as { master?: PgPool }).master ?? undefined) : undefined;
}

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so that several
 * replicas starting at once migrate exactly once; then, still under the lock,
 * seals the trails (sealTrails) and, when `serviceRole` is given and is not
 * the role migrating, grants it what a service may do (grantServiceRole).
 */
export async function migrate(ds: DataSource, lockName: string, log: Logger, serviceRole?: string): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`partnerhub:migrate:${lockName}`]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    for (const m of applied) log.info({ migration: m.name }, 'migration applied');
    await runner.startTransaction();
    try {
      if (serviceRole !== undefined) await grantServiceRole(runner, serviceRole);
      await sealTrails(runner);
      await runner.commitTransaction();
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`partnerhub:migrate:${lockName}`]).catch(() => {});
    await runner.release();
  }
}

/**
 * What the service's own role may do in the database the role running this
 * (its owner) migrated, set anew after every migration run, so that tables
 * of later migrations are covered: USAGE on the schema (no CREATE),
 * SELECT, INSERT, UPDATE and DELETE on every table and USAGE and SELECT on
 * every sequence; the migrations' own table read only; the trails SELECT and
 * INSERT only (sealTrails, after this). Nothing else: it owns no object, so
 * it cannot alter, drop, disable a trigger or grant itself anything. A no-op
 * when `role` is the role migrating (one role owns everything).
 */
export async function grantServiceRole(q: Pick<QueryRunner, 'query'>, role: string): Promise<void> {
  const [found] = (await q.query('SELECT current_user AS me, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists', [role])) as {
    me: string;
    exists: boolean;
  }[];
  if (found.me === role) return;
  if (!found.exists)
    throw new Error(`the service's role ${role} (the user of its *_DATABASE_URL) does not exist: create it first (docs/operations.md)`);
  const r = escapeIdentifier(role);
  for (const sql of [
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${r}`,
    `REVOKE ALL ON SCHEMA public FROM ${r}`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `REVOKE INSERT, UPDATE, DELETE ON TABLE ${MIGRATIONS_TABLE} FROM ${r}`,
  ])
    await q.query(sql);
}

/** typeorm's record of the applied migrations (its default name). */
const MIGRATIONS_TABLE = 'migrations';

/** The parts of a subgraph that migrating its database needs. */
export interface Migratable {
  name: SubgraphName;
  entities: MixedList<Function>;
  migrations: Function[];
}

/**
 * Brings one subgraph's database at `url` (its owner's credentials, or the
 * one role of a single-role setup) to the code's migrations on a short-lived
 * pool, then closes it; `serviceRole` as for `migrate`.
 */
export async function migrateAt(mod: Migratable, url: string, log: Logger, serviceRole?: string): Promise<void> {
  const ds = shortLivedDataSource(mod, url, log);
  await ds.initialize();
  try {
    await migrate(ds, mod.name, log, serviceRole);
    if (await migrationsPending(ds)) throw new Error(`${mod.name}: migrations still pending after the run`);
  } finally {
    await ds.destroy();
  }
}

/**
 * A data source of one subgraph's database at `url` for a short task (a
 * migration run, a check): two connections, since one holds the migration
 * lock while the other runs the migrations.
 */
export function shortLivedDataSource(mod: Migratable, url: string, log: Logger): DataSource {
  return createDataSource({
    url,
    poolSize: 2,
    entities: mod.entities,
    migrations: mod.migrations,
    metrics: new SubgraphMetrics(mod.name),
    log,
  });
}

/** True when every migration the code knows of is applied. */
export async function migrationsPending(ds: DataSource): Promise<boolean> {
  return ds.showMigrations();
}

/**
 * The tables the running code reads or writes: its entities' (typeorm's
 * metadata), those the kit writes with SQL (the change feed's; the
 * disclosure trail, where a data set is owned) and the migrations' record.
 */
function codeTables(ds: DataSource): string[] {
  return [...new Set([...ds.entityMetadatas.map((m) => m.tableName), CHANGE_EVENT_TABLE, TRAILS.disclosure.table, MIGRATIONS_TABLE])];
}

/**
 * Those of `tables` in the service's schema that the connected role cannot
 * read, by name. Every table a service uses needs SELECT at least (the
 * trails SELECT and INSERT, `migrations` SELECT, the rest SELECT, INSERT,
 * UPDATE and DELETE), and the owner's grants (grantServiceRole, then
 * sealTrails) commit in one transaction, so such a table is one a migration
 * created that the grants have not reached yet. Only the running code's
 * tables count: while the migrate job adds a table for the next version,
 * the replicas of this one, which never read it, stay ready; and neither
 * does a table someone made by hand take a replica out. A table of the list
 * that does not exist is not listed (a pending migration says so). A role
 * that owns everything (one role) reads its own tables.
 */
export async function tablesWithoutGrants(q: Pick<DataSource, 'query'>, tables: readonly string[]): Promise<string[]> {
  const [row] = (await q.query(
    `SELECT coalesce(array_agg(c.relname::text ORDER BY c.relname), '{}') AS missing
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema()
        AND c.relname = ANY($1::text[])
        AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND NOT has_table_privilege(c.oid, 'SELECT')`,
    [tables],
  )) as { missing: string[] }[];
  return row.missing;
}

/** What a subgraph's `/ready` reports about its database (see databaseReadiness); a type, so that it is a ReadyReport. */
export type DatabaseReadiness = {
  ready: boolean;
  database: 'up' | 'down';
  migrationsPending?: boolean;
  /** Tables the service's role cannot read yet (tablesWithoutGrants); empty when none. */
  privilegesMissing?: string[];
  error?: string;
  latencyMs: number;
};

/**
 * What a subgraph's `/ready` reports about its database: reachable, every
 * migration the code knows of applied, and every table of the code granted
 * to the role it connects as. The last closes the gap between a
 * migration's commit and the grants' (a separate transaction, after the
 * run): a replica that the migrate job's owner migrated must not take
 * requests that would meet "permission denied" on the new table. Bounded by `timeoutMs`, so that a
 * database that does not answer makes the probe say "down" instead of
 * hanging it.
 */
export async function databaseReadiness(ds: DataSource, timeoutMs = 2_000): Promise<DatabaseReadiness> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const { pending, missing } = await Promise.race([
      (async () => {
        // Its first statement also proves the database answers.
        const missing = await tablesWithoutGrants(ds, codeTables(ds));
        return { pending: await ds.showMigrations(), missing };
      })(),
      timeout,
    ]);
    return {
      ready: !pending && missing.length === 0,
      database: 'up',
      migrationsPending: pending,
      privilegesMissing: missing,
      latencyMs: Date.now() - started,
    };
  } catch (err) {
    return { ready: false, database: 'down', error: (err as Error).message, latencyMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

import { DataSource, EventSubscriber, type EntitySubscriberInterface, type MixedList } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm';
import type { Logger } from '../../platform/logger';
import type { SubgraphMetrics } from './metrics';
import { CreateChangeEvents1796774400000 } from './changes';

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
 * replicas starting at once migrate exactly once.
 */
export async function migrate(ds: DataSource, lockName: string, log: Logger): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`partnerhub:migrate:${lockName}`]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    for (const m of applied) log.info({ migration: m.name }, 'migration applied');
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`partnerhub:migrate:${lockName}`]).catch(() => {});
    await runner.release();
  }
}

/** True when every migration the code knows of is applied. */
export async function migrationsPending(ds: DataSource): Promise<boolean> {
  return ds.showMigrations();
}

/**
 * What a subgraph's `/ready` reports about its database:
 * reachable, and every migration the code knows of applied. Bounded by
 * `timeoutMs`, so that a database that does not answer makes the probe say
 * "down" instead of hanging it.
 */
export async function databaseReadiness(
  ds: DataSource,
  timeoutMs = 2_000,
): Promise<{ ready: boolean; database: 'up' | 'down'; migrationsPending?: boolean; error?: string; latencyMs: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const pending = await Promise.race([
      (async () => {
        await ds.query('SELECT 1');
        return ds.showMigrations();
      })(),
      timeout,
    ]);
    return { ready: !pending, database: 'up', migrationsPending: pending, latencyMs: Date.now() - started };
  } catch (err) {
    return { ready: false, database: 'down', error: (err as Error).message, latencyMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

import {
  bool,
  ConfigError,
  int,
  loadCommonConfig,
  loadSubgraphUrls,
  optional,
  size,
  str,
  url,
  type CommonConfig,
  type Env,
} from '../../platform/config';
import { changeFeedTimeoutMs } from '../../platform/change-feed';
import { loadQueryLimits, type QueryLimits } from '../../platform/limits';
import { DEFAULT_PORTS, envKey, migrationKey, type SubgraphName } from '../../platform/services';
import { MAX_AGREEMENT_CACHE_MS } from './sharing';

export interface SubgraphConfig extends CommonConfig {
  name: SubgraphName;
  port: number;
  /** `<NAME>_DATABASE_URL`: the service's own role, which reads and writes but owns nothing. */
  databaseUrl: string;
  /**
   * `<NAME>_MIGRATION_DATABASE_URL`: the database as its owner role, which runs
   * the migrations (scripts/migrate.ts, and MIGRATE_ON_START when set) and then
   * grants the service's role what it may do. Defaults to `databaseUrl`: one
   * role that owns everything (weaker: docs/operations.md).
   */
  migrationDatabaseUrl: string;
  dbPoolSize: number;
  /**
   * Largest request body. The gateway's `_entities` fetches are larger than any
   * client request (a page of 100 under a page of 100 is 10,000
   * representations, about 600 kB), so this is above the gateway's own limit.
   */
  bodyLimit: string;
  /** Largest answer, in bytes (RESPONSE_TOO_LARGE above it). */
  responseLimit: number;
  /** The same depth, alias, directive and cost limits as the gateway (platform/limits.ts). */
  limits: QueryLimits;
  /** Run pending migrations when the service starts (under a lock). */
  migrateOnStart: boolean;
  /** Load demo data when the database is empty. */
  seedDemoData: boolean;
  /** GraphQL URLs of the other subgraphs, for reference checks at write time and the registry's agreements. */
  subgraphUrls: Record<SubgraphName, string>;
  /**
   * `AGREEMENT_CACHE_MS`: the longest a registry answer about the agreements
   * a grantee received is kept, from when it was asked. It is kept and used
   * only while the registry's change feed is followed (any event drops it:
   * sharing.ts), so this bounds the age, not the staleness; 0: ask the
   * registry for every request and do not follow the feed.
   */
  agreementCacheMs: number;
  /** `CHANGE_FEED_TIMEOUT_MS`: the registry's feed silent this long is down (the agreement cache is not used) and reopened. */
  changeFeedTimeoutMs: number;
  /** How often the change feed (`GET /changes`) sends a heartbeat on an idle stream. */
  changeFeedHeartbeatMs: number;
}

export function loadSubgraphConfig(name: SubgraphName, env: Env = process.env): SubgraphConfig {
  const databaseUrl = url(env, envKey(name, 'DATABASE_URL'), optional(env, 'DATABASE_URL'));
  const migrationDatabaseUrl = url(env, migrationKey(name), databaseUrl);
  // The migration grants the service's role what it may do, by the name its URL logs in as.
  if (migrationDatabaseUrl !== databaseUrl && !new URL(databaseUrl).username) {
    throw new ConfigError(
      `${envKey(name, 'DATABASE_URL')} must name the service's role (postgres://ROLE:PASSWORD@HOST/DB) when ${migrationKey(name)} is set: ` +
        'the migration grants that role what it may do',
    );
  }
  return {
    ...loadCommonConfig(env),
    name,
    port: int(env, envKey(name, 'PORT'), int(env, 'PORT', DEFAULT_PORTS[name])),
    databaseUrl,
    migrationDatabaseUrl,
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, 1, 200),
    bodyLimit: str(env, 'SUBGRAPH_BODY_LIMIT', '2mb'),
    responseLimit: size(env, 'SUBGRAPH_RESPONSE_LIMIT', '8mb'),
    limits: loadQueryLimits(env),
    migrateOnStart: bool(env, 'MIGRATE_ON_START', true),
    seedDemoData: bool(env, 'SEED_DEMO_DATA', true),
    subgraphUrls: loadSubgraphUrls(env),
    agreementCacheMs: int(env, 'AGREEMENT_CACHE_MS', 60_000, 0, MAX_AGREEMENT_CACHE_MS),
    changeFeedTimeoutMs: changeFeedTimeoutMs(env),
    changeFeedHeartbeatMs: int(env, 'CHANGE_FEED_HEARTBEAT_MS', 10_000, 100, 300_000),
  };
}

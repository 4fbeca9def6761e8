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
  /**
   * `<NAME>_DATABASE_URL`: the service's own role, which reads and writes but
   * owns nothing. The only database URL a service reads: the owner's
   * (`<NAME>_MIGRATION_DATABASE_URL`) is refused (loadSubgraphConfig).
   */
  databaseUrl: string;
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
  /**
   * Run pending migrations when the service starts (under a lock), through
   * `databaseUrl`: for a single-role setup only, where that one role owns
   * everything. With two roles the owner migrates first (`npm run migrate`,
   * the launcher, the migrate job) and this is false.
   */
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
  // The owner's credentials never reach a service: with them it could alter the trails or disable their triggers.
  if (optional(env, migrationKey(name)) !== undefined) {
    throw new ConfigError(
      `${migrationKey(name)} is set: it is the database owner's URL, for \`npm run migrate\`, the launcher (\`npm start\`) ` +
        `and the migrate job only, never for a service, which holding it could disable the trails' triggers. ` +
        `Remove it from this service's environment; the service connects with ${envKey(name, 'DATABASE_URL')} alone`,
    );
  }
  const databaseUrl = serviceDatabaseUrl(name, env);
  return {
    ...loadCommonConfig(env),
    name,
    port: int(env, envKey(name, 'PORT'), int(env, 'PORT', DEFAULT_PORTS[name])),
    databaseUrl,
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

/** `<NAME>_DATABASE_URL`, or `DATABASE_URL` for every subgraph. */
function serviceDatabaseUrl(name: SubgraphName, env: Env): string {
  return url(env, envKey(name, 'DATABASE_URL'), optional(env, 'DATABASE_URL'));
}

/** What migrating one subgraph's database needs: scripts/migrate.ts and the launcher (scripts/start.ts). */
export interface MigrationConfig {
  name: SubgraphName;
  /**
   * The database as the role that runs the migrations: `<NAME>_MIGRATION_DATABASE_URL`,
   * its owner; unset, `<NAME>_DATABASE_URL` (one role owns everything, weaker:
   * docs/operations.md).
   */
  url: string;
  /**
   * The service's role, which the migration grants what a service may do:
   * the user of `<NAME>_DATABASE_URL` (no password needed); undefined when
   * that URL names none, which only a single-role setup may do.
   */
  serviceRole: string | undefined;
  /** True when the owner's URL is given apart from the service's (two roles). */
  asOwner: boolean;
}

/**
 * The one reader of `<NAME>_MIGRATION_DATABASE_URL` (a subgraph service refuses
 * it: loadSubgraphConfig). Reads nothing else that a service needs, so the
 * migrations run without the trust configuration.
 */
export function loadMigrationConfig(name: SubgraphName, env: Env = process.env): MigrationConfig {
  const databaseUrl = serviceDatabaseUrl(name, env);
  return migrationConfig(name, databaseUrl, url(env, migrationKey(name), databaseUrl));
}

/**
 * Migrating `name` as the role of `migrationUrl`, which then grants the role
 * of `databaseUrl` (the service's) what it may do: loadMigrationConfig's
 * answer for the URLs it read, and the launcher's for the embedded server's.
 */
export function migrationConfig(name: SubgraphName, databaseUrl: string, migrationUrl: string): MigrationConfig {
  const serviceRole = roleOf(databaseUrl);
  const asOwner = migrationUrl !== databaseUrl;
  // The migration grants the service's role what it may do, by the name its URL logs in as.
  if (asOwner && serviceRole === undefined) {
    throw new ConfigError(
      `${envKey(name, 'DATABASE_URL')} must name the service's role (postgres://ROLE:PASSWORD@HOST/DB) when ${migrationKey(name)} is set: ` +
        'the migration grants that role what it may do',
    );
  }
  return { name, url: migrationUrl, serviceRole, asOwner };
}

/** The role a database URL logs in as; undefined when the URL names none (the driver's default user). */
export function roleOf(url: string): string | undefined {
  const user = new URL(url).username;
  return user ? decodeURIComponent(user) : undefined;
}

/**
 * The one place that reads the environment. Everything else receives a typed,
 * validated config object. `loadConfig(env)` takes the environment explicitly so
 * that tests and the launcher can build configs without touching process.env.
 */
export const SUBGRAPH_NAMES = ['companies', 'clusters', 'partners', 'projects'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  companies: 4001,
  clusters: 4002,
  partners: 4003,
  projects: 4004,
};

export const DEFAULT_ORGANISATIONS = ['vlaams-brabant', 'smart-hub', 'chengdu'];

export interface AuthConfig {
  /** HS256 secret for development tokens; unset when only JWKS is used. */
  jwtSecret?: string;
  /** JWKS URL for RS256/ES256 production tokens. */
  jwksUrl?: string;
  /** Expected `iss`/`aud` claims, checked when set. */
  issuer?: string;
  audience?: string;
  /** Known organisation ids; a token naming another is rejected. */
  organisations: string[];
}

export interface CommonConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  logLevel: string;
  auth: AuthConfig;
}

export interface SubgraphConfig extends CommonConfig {
  name: SubgraphName;
  port: number;
  databaseUrl: string;
  dbPoolSize: number;
  /**
   * Largest request body. Subgraphs are reached by the gateway, whose `_entities`
   * fetches for a long list (45,000 cluster members at bench scale) are far
   * larger than any client request; clients are limited at the gateway.
   */
  bodyLimit: string;
  /** Run pending migrations when the service starts (under a lock). */
  migrateOnStart: boolean;
  /** Load demo data when the database is empty. */
  seedDemoData: boolean;
  /** GraphQL URLs of the other subgraphs, for reference checks at write time. */
  subgraphUrls: Record<SubgraphName, string>;
}

export interface GatewayConfig extends CommonConfig {
  port: number;
  subgraphUrls: Record<SubgraphName, string>;
  supergraphPath: string;
  subgraphTimeoutMs: number;
  bodyLimit: string;
  limits: QueryLimits;
}

/** Query limits the gateway enforces before planning (see README, "Limits"). */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function str(env: Env, key: string, fallback?: string): string {
  const v = env[key];
  if (v !== undefined && v !== '') return v;
  if (fallback === undefined) throw new ConfigError(`${key} is required`);
  return fallback;
}

function optional(env: Env, key: string): string | undefined {
  const v = env[key];
  return v === undefined || v === '' ? undefined : v;
}

function int(env: Env, key: string, fallback: number, min = 0, max = 65535): number {
  const raw = optional(env, key);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${key} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function bool(env: Env, key: string, fallback: boolean): boolean {
  const raw = optional(env, key);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${key} must be true or false, got "${raw}"`);
}

function url(env: Env, key: string, fallback?: string): string {
  const value = str(env, key, fallback);
  try {
    new URL(value);
  } catch {
    throw new ConfigError(`${key} must be a URL, got "${value}"`);
  }
  return value;
}

export function envKey(name: SubgraphName, suffix: string): string {
  return `${name.toUpperCase()}_${suffix}`;
}

function common(env: Env): CommonConfig {
  const nodeEnv = str(env, 'NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const organisations = str(env, 'HUB_ORGANISATIONS', DEFAULT_ORGANISATIONS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const org of organisations) {
    if (!/^[a-z][a-z0-9-]{1,62}$/.test(org)) {
      throw new ConfigError(`HUB_ORGANISATIONS: "${org}" is not a valid organisation id (lower case, digits, dashes)`);
    }
  }
  const jwtSecret = optional(env, 'HUB_JWT_SECRET');
  const jwksUrl = optional(env, 'HUB_JWKS_URL');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('HUB_JWT_SECRET must be at least 32 characters');
  }
  if (jwksUrl !== undefined) url(env, 'HUB_JWKS_URL');
  if (nodeEnv === 'production' && jwtSecret !== undefined && jwksUrl === undefined) {
    // Allowed, but production deployments are expected to use asymmetric keys.
  }
  return {
    env: nodeEnv as CommonConfig['env'],
    host: str(env, 'HOST', '127.0.0.1'),
    logLevel: str(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info'),
    auth: {
      jwtSecret,
      jwksUrl,
      issuer: optional(env, 'HUB_JWT_ISSUER'),
      audience: optional(env, 'HUB_JWT_AUDIENCE'),
      organisations,
    },
  };
}

export function subgraphUrls(env: Env): Record<SubgraphName, string> {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [n, url(env, envKey(n, 'URL'), `http://localhost:${DEFAULT_PORTS[n]}/graphql`)]),
  ) as Record<SubgraphName, string>;
}

export function loadSubgraphConfig(name: SubgraphName, env: Env = process.env): SubgraphConfig {
  return {
    ...common(env),
    name,
    port: int(env, envKey(name, 'PORT'), int(env, 'PORT', DEFAULT_PORTS[name])),
    databaseUrl: url(env, envKey(name, 'DATABASE_URL'), optional(env, 'DATABASE_URL')),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, 1, 200),
    bodyLimit: str(env, 'SUBGRAPH_BODY_LIMIT', '20mb'),
    migrateOnStart: bool(env, 'MIGRATE_ON_START', true),
    seedDemoData: bool(env, 'SEED_DEMO_DATA', true),
    subgraphUrls: subgraphUrls(env),
  };
}

export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  return {
    ...common(env),
    port: int(env, 'GATEWAY_PORT', int(env, 'PORT', DEFAULT_PORTS.gateway)),
    subgraphUrls: subgraphUrls(env),
    supergraphPath: str(env, 'SUPERGRAPH_PATH', 'schema/supergraph.graphql'),
    subgraphTimeoutMs: int(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 100, 600_000),
    bodyLimit: str(env, 'BODY_LIMIT', '100kb'),
    limits: {
      maxDepth: int(env, 'LIMIT_MAX_DEPTH', 12, 1, 100),
      maxAliases: int(env, 'LIMIT_MAX_ALIASES', 30, 0, 1000),
      maxTokens: int(env, 'LIMIT_MAX_TOKENS', 3000, 10, 100_000),
      maxCost: int(env, 'LIMIT_MAX_COST', 50_000, 10, 10_000_000),
      maxDirectives: int(env, 'LIMIT_MAX_DIRECTIVES', 20, 0, 1000),
    },
  };
}

export interface LauncherConfig {
  /** Folder for the embedded PostgreSQL data and the generated development secret. */
  dataDir: string;
  embeddedPgPort: number;
  /** Database URLs given in the environment; subgraphs without one use the embedded server. */
  databaseUrls: Partial<Record<SubgraphName, string>>;
  jwtSecret?: string;
  gatewayPort: number;
  ports: Record<SubgraphName, number>;
  /** The environment the launcher was started with, passed on to the services it starts. */
  env: Env;
}

export function loadLauncherConfig(env: Env = process.env): LauncherConfig {
  const databaseUrls: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const key = envKey(name, 'DATABASE_URL');
    if (optional(env, key)) databaseUrls[name] = url(env, key);
  }
  return {
    dataDir: str(env, 'HUB_DATA_DIR', '.partnerhub'),
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 5499, 1024),
    databaseUrls,
    jwtSecret: optional(env, 'HUB_JWT_SECRET'),
    gatewayPort: int(env, 'GATEWAY_PORT', DEFAULT_PORTS.gateway),
    ports: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, int(env, envKey(n, 'PORT'), DEFAULT_PORTS[n])])) as Record<SubgraphName, number>,
    env: { ...env },
  };
}

export function loadAuthConfig(env: Env = process.env): AuthConfig {
  return common(env).auth;
}

/** `npm run bench`: where its databases live and where it writes results. */
export interface BenchConfig {
  /**
   * URL of a PostgreSQL server (any database on it, e.g. `/postgres`) on which
   * the bench creates and drops its own databases `partnerhub_bench_<subgraph>`.
   * Unset: an embedded PostgreSQL of its own (data in `dataDir`).
   */
  databaseUrl?: string;
  /** Embedded PostgreSQL data folder of the bench, apart from `npm start`'s. */
  dataDir: string;
  embeddedPgPort: number;
  /** Folder the JSON results are written to (git-ignored). */
  resultsDir: string;
  /** The environment the bench was started with, passed on to the services it starts. */
  env: Env;
}

export function loadBenchConfig(env: Env = process.env): BenchConfig {
  const databaseUrl = optional(env, 'BENCH_DATABASE_URL') === undefined ? undefined : url(env, 'BENCH_DATABASE_URL');
  return {
    databaseUrl,
    dataDir: str(env, 'BENCH_DATA_DIR', `${str(env, 'HUB_DATA_DIR', '.partnerhub')}/bench`),
    embeddedPgPort: int(env, 'BENCH_PG_PORT', 5498, 1024),
    resultsDir: str(env, 'BENCH_RESULTS_DIR', 'bench-results'),
    env: { ...env },
  };
}

/** `npm run import`: where to send the rows and with which token (flags override these). */
export interface ImportConfig {
  /** HUB_TOKEN: a bearer token of an editor of the owning organisation. */
  token?: string;
  /** HUB_URL: the gateway's GraphQL endpoint. */
  url: string;
  /** Where relative file names are resolved: the folder `npm run` was started from. */
  workingDir: string;
}

export function loadImportConfig(env: Env = process.env): ImportConfig {
  return {
    token: optional(env, 'HUB_TOKEN'),
    url: url(env, 'HUB_URL', `http://localhost:${DEFAULT_PORTS.gateway}/graphql`),
    workingDir: str(env, 'INIT_CWD', process.cwd()),
  };
}

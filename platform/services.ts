/**
 * The services of the hub and the environment each one is started with. The
 * launcher (`npm start`), the bench and both test hubs build every service's
 * environment here, so a new variable is added in one place; the services
 * read it back through their config loaders (platform/config.ts,
 * subgraphs/kit/config.ts, gateway/config.ts).
 */
export const SUBGRAPH_NAMES = ['companies', 'clusters', 'partners', 'projects', 'registry'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
/**
 * `identity` runs the development OpenID providers (one per organisation,
 * scripts/identity/): `npm start` and the test hubs start it unless a trust
 * configuration of real issuers is given. A deployment does not run it.
 */
export type ServiceName = SubgraphName | 'gateway' | 'identity';
export const SERVICE_NAMES: readonly ServiceName[] = [...SUBGRAPH_NAMES, 'gateway', 'identity'];

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  gateway: 4000,
  companies: 4001,
  clusters: 4002,
  partners: 4003,
  projects: 4004,
  registry: 4005,
  identity: 4010,
};

export type Env = Record<string, string | undefined>;

/** `COMPANIES_DATABASE_URL` and the like: a subgraph's own variable. */
export function envKey(name: SubgraphName, suffix: string): string {
  return `${name.toUpperCase()}_${suffix}`;
}

/** The variable that carries a service's port. */
export function portKey(name: ServiceName): string {
  return name === 'gateway' || name === 'identity' ? `${name.toUpperCase()}_PORT` : envKey(name, 'PORT');
}

export function isSubgraph(name: ServiceName): name is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(name);
}

/** The compiled entry point of a service, relative to dist/ (or to the sources, with .ts). */
export function entryOf(name: ServiceName): string {
  if (isSubgraph(name)) return `subgraphs/${name}/index`;
  return name === 'identity' ? 'scripts/identity/index' : 'gateway/index';
}

/** Where the services of one hub listen and what they share. */
export interface HubLayout {
  /** Every service's port. */
  ports: Record<ServiceName, number>;
  /**
   * Each subgraph's database, as its service connects at run time
   * (`<NAME>_DATABASE_URL`): the only database URL a service gets, and a
   * subgraph gets its own only. No service gets a migration URL (a subgraph
   * refuses it): the launcher and the test hubs migrate as each database's
   * owner first.
   */
  databaseUrls: Partial<Record<SubgraphName, string>>;
  /**
   * Variables every service gets (mode, log level, token keys, …); the
   * launcher passes its whole environment. Its credentials are left out
   * (withheldFrom): database URLs come from `databaseUrls`, each to its
   * subgraph, and no service gets one of the repository's own passwords,
   * tokens or keys that it does not read (a fixed list, CREDENTIAL_KEYS).
   */
  common?: Env;
  /** Where a subgraph is reached, when not on its port on 127.0.0.1 (a test's black hole). */
  urls?: Partial<Record<SubgraphName, string>>;
  /** Variables for one service only. */
  extra?: Partial<Record<ServiceName, Env>>;
}

/** The GraphQL URL every service uses to reach each subgraph. */
export function subgraphUrls(layout: Pick<HubLayout, 'ports' | 'urls'>): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, layout.urls?.[n] ?? `http://127.0.0.1:${layout.ports[n]}/graphql`])) as Record<
    SubgraphName,
    string
  >;
}

/** The dashboard's addresses on this machine: where an organisation's provider may send a browser back after sign-in. */
export function dashboardUrls(gatewayPort: number): string[] {
  return [`http://localhost:${gatewayPort}/`, `http://127.0.0.1:${gatewayPort}/`];
}

/**
 * A subgraph's migration URL: its database as the owner role, which runs the
 * migrations (defaults to `<NAME>_DATABASE_URL`). Read by subgraphs/kit/config.ts
 * `loadMigrationConfig` only (`npm run migrate`, the launcher); refused by a service.
 */
export const migrationKey = (name: SubgraphName) => envKey(name, 'MIGRATION_DATABASE_URL');

/**
 * Every database URL a service could inherit from `common`: each subgraph's
 * own and its owner's, and the one-for-all fallback `DATABASE_URL`. A user
 * who starts `npm start` with external databases has them all in the
 * launcher's environment, each with its password; passed on, every service
 * (the gateway and the identity providers too) would hold every
 * organisation's credentials.
 */
const DATABASE_KEYS: readonly string[] = ['DATABASE_URL', ...SUBGRAPH_NAMES.flatMap((n) => [envKey(n, 'DATABASE_URL'), migrationKey(n)])];

/**
 * Credentials the repository defines that no service reads (grep of the
 * config loaders: platform/config.ts, subgraphs/kit/config.ts,
 * gateway/config.ts, scripts/identity/config.ts), which `npm start`, the
 * bench and scale-out would otherwise pass on from their own environment.
 *
 * A deny-list, not an allow-list: besides what its loader reads, a service
 * process reads variables that no loader names and no list of ours could
 * keep up with: Node's (NODE_OPTIONS; NODE_EXTRA_CA_CERTS for an issuer's
 * JWKS behind a private CA), the pg driver's (PGSSLMODE, PGPASSWORD for a
 * URL without one, … in node_modules/pg/lib/connection-parameters.js), the
 * OTLP exporter's (OTEL_EXPORTER_OTLP_HEADERS, a collector's key), HOME
 * (~/.pgpass), proxies. An allow-list would drop one of these silently and
 * break the service where it is needed; leaving out only names no service
 * reads cannot. tests/unit/service-env.test.ts checks that every credential
 * .env.example and the README document is on this list or read by a
 * service, so a new one is not forgotten.
 *
 * Passed on on purpose: OPS_TOKEN (every service checks /metrics and the
 * detailed /ready callers against it) and the retired HUB_JWT_SECRET (a
 * service that sees it refuses to start, as it should).
 */
const CREDENTIAL_KEYS: readonly string[] = [
  ...DATABASE_KEYS,
  // The PostgreSQL servers of the tests, the bench and scale-out, as their superuser.
  'TEST_DATABASE_URL',
  'BENCH_DATABASE_URL',
  'SCALE_OUT_DATABASE_URL',
  // docker-compose's: the superuser's, each service role's and each owner's
  // password (the postgres container's init script; the owners' also the
  // migrate service's), and Grafana's admin password.
  'POSTGRES_PASSWORD',
  ...SUBGRAPH_NAMES.flatMap((n) => [envKey(n, 'DB_PASSWORD'), envKey(n, 'OWNER_DB_PASSWORD')]),
  'GRAFANA_ADMIN_PASSWORD',
  // The organisation's private evidence key: `npm run evidence` signs with it (docs/evidence.md); no service signs.
  'EVIDENCE_KEY_FILE',
  // An editor's bearer token, for `npm run import`.
  'HUB_TOKEN',
];

/**
 * Key material one service reads and no other: the development providers'
 * signing keys, cookie keys and client secrets are the identity service's
 * (scripts/identity/config.ts); the gateway and the subgraphs verify tokens
 * against the issuers' public keys only.
 */
const SIGNING_KEYS: Readonly<Record<string, ServiceName>> = { IDENTITY_KEYS_DIR: 'identity' };

/**
 * libpq's variables (PGPASSWORD, PGUSER, PGSSLMODE, PGPASSFILE, …), which
 * the pg driver reads for what a URL leaves out: a subgraph's, since only
 * the subgraphs connect to a database; the gateway and the identity
 * providers do not get them. A subgraph whose URL carries its password does
 * not get the password ones either (a developer's PGPASSWORD is often the
 * superuser's, for psql).
 */
const isPostgresVariable = (key: string) => /^PG[A-Z]/.test(key);
const POSTGRES_PASSWORD_KEYS = ['PGPASSWORD', 'PGPASSFILE'];

/** Whether a database URL names its password (an unparsable one is the subgraph's config error to report). */
function hasPassword(url: string | undefined): boolean {
  try {
    return url !== undefined && new URL(url).password !== '';
  } catch {
    return false;
  }
}

/** The variables of the launcher's environment (`layout.common`) that `name` does not get. */
function withheldFrom(name: ServiceName, layout: HubLayout): string[] {
  const common = Object.keys(layout.common ?? {});
  let postgres: string[] = [];
  if (!isSubgraph(name)) postgres = common.filter(isPostgresVariable);
  else if (hasPassword(layout.databaseUrls[name])) postgres = POSTGRES_PASSWORD_KEYS;
  return [...CREDENTIAL_KEYS, ...Object.keys(SIGNING_KEYS).filter((key) => SIGNING_KEYS[key] !== name), ...postgres];
}

/** The complete environment of one service of the hub. */
export function serviceEnv(name: ServiceName, layout: HubLayout): Env {
  const urls = subgraphUrls(layout);
  const common = { ...layout.common };
  // A subgraph gets its own database URL below, and no other; the gateway and the identity providers none; no service another's credentials.
  for (const key of withheldFrom(name, layout)) delete common[key];
  const env: Env = {
    ...common,
    ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [envKey(n, 'URL'), urls[n]])),
    [portKey(name)]: String(layout.ports[name]),
  };
  if (isSubgraph(name)) {
    env[envKey(name, 'DATABASE_URL')] = layout.databaseUrls[name];
  }
  if (name === 'identity') env.IDENTITY_REDIRECT_URIS = dashboardUrls(layout.ports.gateway).join(',');
  return { ...env, ...layout.extra?.[name] };
}

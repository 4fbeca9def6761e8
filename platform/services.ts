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
   * launcher passes its whole environment. Its database URLs are left out
   * (DATABASE_KEYS): they come from `databaseUrls`, each to its subgraph.
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

/** The complete environment of one service of the hub. */
export function serviceEnv(name: ServiceName, layout: HubLayout): Env {
  const urls = subgraphUrls(layout);
  const common = { ...layout.common };
  // A subgraph gets its own database URL below, and no other; the gateway and the identity providers none.
  for (const key of DATABASE_KEYS) delete common[key];
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

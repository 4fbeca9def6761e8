import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, SignJWT, type JWK } from 'jose';
import { inject } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { developmentSignIn } from '../../scripts/identity/client';
import { loadIdentityConfig } from '../../scripts/identity/config';
import { DEVELOPMENT_AUDIENCE, writeDevelopmentTrustConfig, type DevelopmentTrustOptions } from '../../scripts/identity/development';
import { signingKeysFile, SIGNING_ALG, type PrivateJwks } from '../../scripts/identity/keys';
import { startIdentity, type RunningIdentity } from '../../scripts/identity/server';
import { readTrustConfig, type TrustConfig } from '../../platform/trust';
import { dashboardUrls, serviceEnv, SUBGRAPH_NAMES, type HubLayout, type ServiceName, type SubgraphName } from '../../platform/services';
import {
  dropServiceDatabase,
  ensureServiceDatabase,
  ownerRoleOf,
  postgresServer,
  urlAs,
  type PostgresServer,
} from '../../scripts/hub/postgres';
import { createLogger } from '../../platform/logger';
import { freePort } from '../../scripts/hub/processes';
import { migrateDatabase, SUBGRAPHS } from '../../subgraphs';
import { loadSubgraphConfig, roleOf, type SubgraphConfig } from '../../subgraphs/kit/config';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph';

export { freePort };

/**
 * The identity side of a test hub: a trust configuration in a temporary
 * folder whose organisations are served by development providers on a free
 * port (in this process for `startTestHub`, as a process for `ProcessHub`).
 */
export interface TestTrust {
  dir: string;
  trustPath: string;
  keysDir: string;
  identityPort: number;
  trust: TrustConfig;
  /** Issuer URL per organisation. */
  issuers: Record<string, string>;
}

export async function prepareTestTrust(options: Partial<DevelopmentTrustOptions> = {}): Promise<TestTrust> {
  const dir = mkdtempSync(join(tmpdir(), 'partnerhub-trust-'));
  const identityPort = await freePort();
  const trustPath = writeDevelopmentTrustConfig(join(dir, 'trust.json'), { origin: `http://127.0.0.1:${identityPort}`, ...options });
  const trust = readTrustConfig(trustPath);
  useIssuers(trust, join(dir, 'keys'));
  return {
    dir,
    trustPath,
    keysDir: join(dir, 'keys'),
    identityPort,
    trust,
    issuers: Object.fromEntries(trust.organisations.map((o) => [o.id, o.issuer])),
  };
}

/** The environment every service of a test hub gets for trust. */
export function trustEnv(t: TestTrust): Record<string, string> {
  return { HUB_TRUST_CONFIG: t.trustPath, IDENTITY_KEYS_DIR: t.keysDir };
}

/** Starts the development providers of `t` in this process. */
export async function startTestIdentity(t: TestTrust, gatewayPort: number): Promise<RunningIdentity> {
  return startIdentity(
    loadIdentityConfig({
      ...trustEnv(t),
      LOG_LEVEL: 'silent',
      IDENTITY_PORT: String(t.identityPort),
      IDENTITY_REDIRECT_URIS: dashboardUrls(gatewayPort).join(','),
    }),
  );
}

/** The issuers `token()` signs in at: those of the hub started last in this test file. */
let issuers: { trust: TrustConfig; keysDir: string } | undefined;
function useIssuers(trust: TrustConfig, keysDir: string) {
  issuers = { trust, keysDir };
}
function issuerOf(org: string): string {
  if (!issuers) throw new Error('token(): start a test hub first (its identity providers issue the tokens)');
  const o = issuers.trust.organisations.find((x) => x.id === org);
  if (!o) throw new Error(`token(): ${org} is not an organisation of the test hub's trust configuration`);
  return o.issuer;
}

/**
 * Creates and drops databases on the test PostgreSQL server, each with its
 * owner and its service's role as `npm start` and docker-compose make them
 * (ensureServiceDatabase): the URL `create` returns carries the service's
 * role, the credentials a service runs with; `ownerUrl` gives the owner's,
 * which the migrations run with. The roles are named like the database
 * (unique to this instance) and dropped with it. `superuserUrl` is for the
 * tests that act as the superuser on purpose.
 */
export class TestDatabases {
  readonly prefix = `ph_t${process.pid}_${randomBytes(3).toString('hex')}`;
  readonly server: PostgresServer;
  private readonly created: string[] = [];
  private readonly owners = new Map<string, string>();
  constructor(readonly adminUrl = inject('postgresAdminUrl')) {
    this.server = postgresServer(adminUrl);
  }

  /** The service's URL of a database `create` returned, with the superuser's credentials instead. */
  superuserUrl(url: string): string {
    const admin = new URL(this.adminUrl);
    return urlAs(url, { role: decodeURIComponent(admin.username), password: decodeURIComponent(admin.password) });
  }

  /** The service's URL of a database `create` returned, with its owner's credentials instead (`<NAME>_MIGRATION_DATABASE_URL`). */
  ownerUrl(url: string): string {
    const owner = this.owners.get(url);
    if (!owner) throw new Error(`ownerUrl: ${url} was not created here`);
    return owner;
  }

  async create(name: string): Promise<string> {
    const db = `${this.prefix}_${name}`;
    this.created.push(db);
    const login = (role: string) => ({ role, password: randomBytes(18).toString('base64url') });
    const { url, migrationUrl } = await ensureServiceDatabase(this.server, db, { service: login(db), owner: login(ownerRoleOf(db)) });
    this.owners.set(url, migrationUrl);
    return url;
  }

  /** A database created and migrated for subgraph `name` by its owner, as `npm start` migrates: the service's URL. */
  async createMigrated(subgraph: SubgraphName, name: string = subgraph, log = createLogger('test-databases', 'silent')): Promise<string> {
    const url = await this.create(name);
    await migrateDatabase(subgraph, this.ownerUrl(url), log, roleOf(url));
    return url;
  }

  async dropAll(): Promise<void> {
    for (const db of this.created.splice(0)) await dropServiceDatabase(this.server, db, db);
  }
}

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export async function graphql<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  return { status: res.status, headers: res.headers, ...body };
}

/**
 * A real access token from `org`'s development provider of the running test
 * hub: the development sign-in (authorization code + PKCE) as `sub` with `roles`.
 */
export function token(claims: { org: string; roles?: string[]; sub?: string }): Promise<string> {
  return developmentSignIn(issuerOf(claims.org), { sub: claims.sub ?? `${claims.org}-tester`, roles: claims.roles ?? [] });
}

/**
 * A token no provider would issue, for the refusals: signed here, with `org`'s
 * real key (`key: 'issuer'`, default) or with a stranger's key under the same
 * key id (`key: 'stranger'`), and any claims (`iss`, `aud`, `org`, `exp`…) overridden.
 */
export async function forgeToken(
  org: string,
  claims: Record<string, unknown> = {},
  options: { key?: 'issuer' | 'stranger' } = {},
): Promise<string> {
  issuerOf(org);
  const jwks = JSON.parse(readFileSync(signingKeysFile(issuers!.keysDir, org), 'utf8')) as PrivateJwks;
  const own: JWK & { kid: string } = jwks.keys[0];
  const key = options.key === 'stranger' ? (await generateKeyPair(SIGNING_ALG)).privateKey : own;
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: issuerOf(org),
    aud: DEVELOPMENT_AUDIENCE,
    sub: `${org}-forger`,
    org,
    roles: ['editor', 'steward'],
    iat: now,
    exp: now + 600,
    ...claims,
  };
  return new SignJWT(payload).setProtectedHeader({ alg: SIGNING_ALG, kid: own.kid, typ: 'at+jwt' }).sign(key);
}

/**
 * Test hubs send thousands of requests a minute from one address (the fuzz
 * suite, the load tests): rate limits are off unless a test turns them on
 * (tests/integration/rate-limits.test.ts).
 */
export const RATE_LIMITS_OFF = { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0', RATE_LIMIT_ORGANISATION_PER_MINUTE: '0' };

export interface TestHub {
  gatewayUrl: string;
  gateway: RunningGateway;
  identity: RunningIdentity;
  trust: TestTrust;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** Each subgraph's configuration: a test that stopped one starts it again with `startSubgraph(SUBGRAPHS[n], configs[n])`. */
  configs: Record<SubgraphName, SubgraphConfig>;
  databases: TestDatabases;
  databaseUrls: Record<SubgraphName, string>;
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** Sum of SQL statements each subgraph has run so far. */
  sqlCounts(): Promise<Record<SubgraphName, number>>;
  stop(): Promise<void>;
}

/**
 * The real thing for integration tests: the development identity providers
 * (one per organisation, on a free port, keys in a temporary folder), a fresh
 * database per subgraph migrated as its owner (as `npm start` does), the five
 * subgraphs on free ports with their runtime URL only (demo data as on a first start) and the gateway on the checked-in supergraph.
 * `trust` changes the trust configuration (an extra organisation, a shorter key cache).
 */
export async function startTestHub(
  extraEnv: Record<string, string> = {},
  trustOptions: Partial<DevelopmentTrustOptions> = {},
): Promise<TestHub> {
  const databases = new TestDatabases();
  const databaseUrls = {} as Record<SubgraphName, string>;
  // Migrated as each database's owner first, as `npm start` does; the services get their runtime URL only.
  for (const n of SUBGRAPH_NAMES) databaseUrls[n] = await databases.createMigrated(n);
  // The ports after the databases, a moment before the servers listen on them: a free port chosen before
  // seconds of migrations could be taken meanwhile by another test file's server (EADDRINUSE, seen in CI).
  const trust = await prepareTestTrust(trustOptions);
  const layout: HubLayout = {
    ports: Object.fromEntries(await Promise.all([...SUBGRAPH_NAMES, 'gateway'].map(async (n) => [n, await freePort()]))) as Record<
      ServiceName,
      number
    >,
    databaseUrls,
    common: { NODE_ENV: 'test', LOG_LEVEL: 'silent', ...RATE_LIMITS_OFF, ...trustEnv(trust), ...extraEnv, MIGRATE_ON_START: 'false' },
  };
  layout.ports.identity = trust.identityPort;
  const identity = await startTestIdentity(trust, layout.ports.gateway);
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  const configs = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, loadSubgraphConfig(n, serviceEnv(n, layout))])) as Record<
    SubgraphName,
    SubgraphConfig
  >;
  try {
    await Promise.all(
      SUBGRAPH_NAMES.map(async (n) => {
        subgraphs[n] = await startSubgraph(SUBGRAPHS[n], configs[n]);
      }),
    );
  } catch (err) {
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    await databases.dropAll();
    await identity.stop();
    throw err;
  }
  const gateway = await startGateway(loadGatewayConfig(serviceEnv('gateway', layout)));
  return {
    gatewayUrl: gateway.url,
    gateway,
    identity,
    trust,
    subgraphs,
    configs,
    databases,
    databaseUrls,
    query: (q, v, o) => graphql(gateway.url, q, v, o),
    async sqlCounts() {
      const out = {} as Record<SubgraphName, number>;
      for (const n of SUBGRAPH_NAMES) out[n] = (await subgraphs[n].metrics.sqlStatements.get()).values[0]?.value ?? 0;
      return out;
    },
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      await databases.dropAll();
      await identity.stop();
      rmSync(trust.dir, { recursive: true, force: true });
    },
  };
}

import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { SignJWT } from 'jose';
import { inject } from 'vitest';
import { freePort } from '../../scripts/services';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { SUBGRAPHS } from '../../subgraphs';
import { envKey, loadGatewayConfig, loadSubgraphConfig, SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/shared/config';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/shared/subgraph';

export { freePort };

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';


/** Creates and drops databases on the test PostgreSQL server. */
export class TestDatabases {
  readonly prefix = `ph_t${process.pid}_${randomBytes(3).toString('hex')}`;
  private readonly created: string[] = [];
  constructor(readonly adminUrl = inject('postgresAdminUrl')) {}

  private async admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const c = new Client({ connectionString: this.adminUrl });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  urlFor(database: string): string {
    const u = new URL(this.adminUrl);
    u.pathname = `/${database}`;
    return u.toString();
  }

  async create(name: string): Promise<string> {
    const db = `${this.prefix}_${name}`;
    await this.admin((c) => c.query(`CREATE DATABASE "${db}"`));
    this.created.push(db);
    return this.urlFor(db);
  }

  async dropAll(): Promise<void> {
    await this.admin(async (c) => {
      for (const db of this.created.splice(0)) await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    });
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

export async function token(
  claims: { org: string; roles?: string[]; sub?: string },
  options: { secret?: string; expiresIn?: string | number } = {},
): Promise<string> {
  return new SignJWT({ org: claims.org, roles: claims.roles ?? [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub ?? `${claims.org}-tester`)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(new TextEncoder().encode(options.secret ?? TEST_SECRET));
}

export interface TestHub {
  gatewayUrl: string;
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  databases: TestDatabases;
  env: Record<string, string>;
  query<T = any>(query: string, variables?: Record<string, unknown>, opts?: { token?: string }): Promise<GraphQLResponse<T>>;
  /** Sum of SQL statements each subgraph has run so far. */
  sqlCounts(): Promise<Record<SubgraphName, number>>;
  stop(): Promise<void>;
}

/**
 * The real thing for integration tests: a fresh database per subgraph, the
 * four subgraphs on free ports (migrations and demo data as on a first start)
 * and the gateway on the checked-in supergraph.
 */
export async function startTestHub(extraEnv: Record<string, string> = {}): Promise<TestHub> {
  const databases = new TestDatabases();
  const names = SUBGRAPH_NAMES.filter((n) => SUBGRAPHS[n]);
  const ports = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()]))) as Record<SubgraphName, number>;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HUB_JWT_SECRET: TEST_SECRET,
    ...Object.fromEntries(names.map((n) => [envKey(n, 'URL'), `http://127.0.0.1:${ports[n]}/graphql`])),
    ...Object.fromEntries(names.map((n) => [envKey(n, 'PORT'), String(ports[n])])),
    ...extraEnv,
  };
  for (const n of names) env[envKey(n, 'DATABASE_URL')] = await databases.create(n);
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  try {
    await Promise.all(
      names.map(async (n) => {
        subgraphs[n] = await startSubgraph(SUBGRAPHS[n]!, loadSubgraphConfig(n, env));
      }),
    );
  } catch (err) {
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    await databases.dropAll();
    throw err;
  }
  const gateway = await startGateway(loadGatewayConfig({ ...env, GATEWAY_PORT: '0' }));
  return {
    gatewayUrl: gateway.url,
    gateway,
    subgraphs,
    databases,
    env,
    query: (q, v, o) => graphql(gateway.url, q, v, o),
    async sqlCounts() {
      const out = {} as Record<SubgraphName, number>;
      for (const n of names) out[n] = (await subgraphs[n].metrics.sqlStatements.get()).values[0]?.value ?? 0;
      return out;
    },
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      await databases.dropAll();
    },
  };
}

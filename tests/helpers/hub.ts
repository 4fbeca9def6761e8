import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { signDevelopmentToken } from '../../platform/auth';
import { serviceEnv, SUBGRAPH_NAMES, type HubLayout, type ServiceName, type SubgraphName } from '../../platform/services';
import { ident, postgresServer, type PostgresServer } from '../../scripts/hub/postgres';
import { freePort } from '../../scripts/hub/processes';
import { SUBGRAPHS } from '../../subgraphs';
import { loadSubgraphConfig } from '../../subgraphs/kit/config';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/subgraph';

export { freePort };

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** Creates and drops databases on the test PostgreSQL server. */
export class TestDatabases {
  readonly prefix = `ph_t${process.pid}_${randomBytes(3).toString('hex')}`;
  readonly server: PostgresServer;
  private readonly created: string[] = [];
  constructor(readonly adminUrl = inject('postgresAdminUrl')) {
    this.server = postgresServer(adminUrl);
  }

  urlFor(database: string): string {
    return this.server.urlFor(database);
  }

  async create(name: string): Promise<string> {
    const db = `${this.prefix}_${name}`;
    await this.server.admin((c) => c.query(`CREATE DATABASE ${ident(db)}`));
    this.created.push(db);
    return this.urlFor(db);
  }

  async dropAll(): Promise<void> {
    for (const db of this.created.splice(0)) await this.server.dropDatabase(db);
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

export function token(
  claims: { org: string; roles?: string[]; sub?: string },
  options: { secret?: string; expiresIn?: string | number } = {},
): Promise<string> {
  return signDevelopmentToken(
    { ...claims, sub: claims.sub ?? `${claims.org}-tester` },
    options.secret ?? TEST_SECRET,
    options.expiresIn ?? '10m',
  );
}

export interface TestHub {
  gatewayUrl: string;
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  databases: TestDatabases;
  databaseUrls: Record<SubgraphName, string>;
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
  const databaseUrls = {} as Record<SubgraphName, string>;
  for (const n of SUBGRAPH_NAMES) databaseUrls[n] = await databases.create(n);
  const layout: HubLayout = {
    ports: { ...Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (n) => [n, await freePort()]))), gateway: 0 } as Record<
      ServiceName,
      number
    >,
    databaseUrls,
    common: { NODE_ENV: 'test', LOG_LEVEL: 'silent', HUB_JWT_SECRET: TEST_SECRET, ...extraEnv },
  };
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  try {
    await Promise.all(
      SUBGRAPH_NAMES.map(async (n) => {
        subgraphs[n] = await startSubgraph(SUBGRAPHS[n], loadSubgraphConfig(n, serviceEnv(n, layout)));
      }),
    );
  } catch (err) {
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    await databases.dropAll();
    throw err;
  }
  const gateway = await startGateway(loadGatewayConfig(serviceEnv('gateway', layout)));
  return {
    gatewayUrl: gateway.url,
    gateway,
    subgraphs,
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
    },
  };
}

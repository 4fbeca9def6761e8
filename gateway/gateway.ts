import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Fetcher } from '@apollo/utils.fetcher';
import { TokenVerifier, type Principal } from '../subgraphs/shared/auth';
import { SUBGRAPH_NAMES, type GatewayConfig, type SubgraphName } from '../subgraphs/shared/config';
import { formatError } from '../subgraphs/shared/errors';
import { createHttpApp, listen, locals, metricsPlugin, REQUEST_ID_HEADER, type Stoppable } from '../subgraphs/shared/http';
import { createLogger, type Logger } from '../subgraphs/shared/logger';
import { GatewayMetrics } from '../subgraphs/shared/metrics';

export interface GatewayContext {
  requestId: string;
  authorization?: string;
  principal: Principal | null;
  res: express.Response;
}

export interface RunningGateway extends Stoppable {
  url: string;
  port: number;
  metrics: GatewayMetrics;
}

/** Forwards the caller's token and the request id; counts and times every fetch. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly subgraph: string,
    url: string,
    private readonly metrics: GatewayMetrics,
    fetcher: Fetcher,
  ) {
    super({ url, fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const ctx = context as Partial<GatewayContext>;
    if (ctx.authorization) request.http?.headers.set('authorization', ctx.authorization);
    if (ctx.requestId) request.http?.headers.set(REQUEST_ID_HEADER, ctx.requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const started = process.hrtime.bigint();
    try {
      return await super.process(options);
    } finally {
      this.metrics.subgraphFetches.inc({ subgraph: this.subgraph });
      this.metrics.subgraphFetchDuration.observe({ subgraph: this.subgraph }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}

/** Global fetch (undici: pooled keep-alive connections) with a per-fetch timeout. */
function fetcherWithTimeout(timeoutMs: number): Fetcher {
  return ((url: string, init?: RequestInit) =>
    fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
}

/**
 * Depth, alias, token, directive and cost limits (graphql-armor), applied at
 * validation, before any planning. Field suggestions are blocked in production.
 */
function queryLimits(config: GatewayConfig) {
  const { limits } = config;
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: config.env === 'production' },
  }).protect();
}

async function checkSubgraphs(config: GatewayConfig): Promise<Record<SubgraphName, string>> {
  const entries = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const readyUrl = new URL('/ready', config.subgraphUrls[name]).toString();
      try {
        const res = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
        return [name, res.ok ? 'up' : `not ready (HTTP ${res.status})`];
      } catch {
        return [name, 'down'];
      }
    }),
  );
  return Object.fromEntries(entries);
}

export async function startGateway(config: GatewayConfig, log: Logger = createLogger('gateway', config.logLevel)): Promise<RunningGateway> {
  const metrics = new GatewayMetrics();
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const verifier = new TokenVerifier(config.auth);
  const fetcher = fetcherWithTimeout(config.subgraphTimeoutMs);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const url = config.subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`The supergraph names subgraph "${name}", which has no configured URL`);
      return new SubgraphDataSource(name, url, metrics, fetcher);
    },
  });

  const app = createHttpApp({
    service: 'gateway',
    log,
    metrics,
    ready: async () => {
      const subgraphs = await checkSubgraphs(config);
      return { ready: Object.values(subgraphs).every((s) => s === 'up'), supergraph: 'loaded', subgraphs };
    },
  });
  const listening = await listen(app, config.host, config.port);
  const armor = queryLimits(config);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.env !== 'production',
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: armor.validationRules,
    formatError: formatError(config.env === 'production'),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: listening.server }), metricsPlugin(metrics), ...armor.plugins],
    logger: {
      debug: (m) => log.debug(m),
      info: (m) => log.info(m),
      warn: (m) => log.warn(m),
      error: (m) => log.error(m),
    },
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: config.bodyLimit }),
    expressMiddleware(apollo, {
      // Verified here, before any planning, and again by every subgraph.
      context: async ({ req, res }) => {
        const authorization = req.get('authorization') ?? undefined;
        const principal = await verifier.fromHeader(authorization).catch((err) => {
          throw Object.assign(err, { extensions: { ...err.extensions, http: { status: 401 } } });
        });
        if (principal) locals(res).organisation = principal.org;
        return { requestId: locals(res).requestId, authorization, principal, res };
      },
    }),
  );
  log.info({ url: `${listening.url}/graphql` }, 'gateway listening');
  return {
    url: `${listening.url}/graphql`,
    port: listening.port,
    metrics,
    async stop() {
      await apollo.stop();
    },
  };
}

// First: @apollo/gateway must load after it (see plain-exports.ts).
import './plain-exports';
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { TokenVerifier, type Principal } from '../platform/auth';
import type { GatewayConfig } from './config';
import type { SubgraphName } from '../platform/services';
import { PURPOSE_HEADER, type Purpose } from '../platform/organisations';
import { formatError, requestErrorsPlugin } from '../platform/errors';
import { demandControlPlugin } from '../platform/limits';
import {
  createHttpApp,
  identify,
  opsAccessOf,
  listen,
  metricsPlugin,
  REQUEST_ID_HEADER,
  serveGraphql,
  type Stoppable,
} from '../platform/http';
import { apolloLogger, createLogger, type Logger } from '../platform/logger';
import { GatewayMetrics } from './metrics';
import { RateLimits } from './rate-limit';
import { webRouter } from './dashboard';
import { fetchShape, retryable, subgraphReadiness, unavailableReason, unavailableResponse } from './availability';
import { ChangeFeeds } from './changes';
import { copySubgraphResponse, dedupKey, InflightFetches } from './dedup';
import { ResponseCache } from './cache';
import { LiveQueries } from './live';
import { subgraphFetcher } from './subgraph-http';

export interface GatewayContext {
  requestId: string;
  authorization?: string;
  principal: Principal | null;
  /** The request's declared purpose (`Hub-Purpose`), checked at the start; the owning subgraphs decide with it. */
  purpose: Purpose | null;
  res: express.Response;
}

export interface RunningGateway extends Stoppable {
  url: string;
  port: number;
  metrics: GatewayMetrics;
  /** Every subgraph's change feed (changes.ts). */
  changes: ChangeFeeds;
  /** Anonymous answers, flushed by the change feeds (cache.ts). */
  cache: ResponseCache;
  /** Live queries at /graphql/live (live.ts). */
  live: LiveQueries;
}

/** The headers a subgraph fetch forwards from the caller's request. */
function forwardedHeaders(ctx: Partial<GatewayContext>): [string, string][] {
  const out: [string, string][] = [];
  if (ctx.authorization) out.push(['authorization', ctx.authorization]);
  if (ctx.requestId) out.push([REQUEST_ID_HEADER, ctx.requestId]);
  if (ctx.purpose) out.push([PURPOSE_HEADER, ctx.purpose]);
  return out;
}

/**
 * Forwards the caller's token, declared purpose and request id; counts and
 * times every fetch; merges identical in-flight queries (dedup.ts).
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly inflight = new InflightFetches(copySubgraphResponse);

  constructor(
    readonly subgraph: string,
    url: string,
    private readonly metrics: GatewayMetrics,
    fetcher: Fetcher,
    // To name the timeout in SUBGRAPH_UNAVAILABLE errors and log them.
    private readonly timeoutMs: number,
    private readonly log: Logger,
    private readonly dedup: boolean,
  ) {
    super({ url, fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    for (const [name, value] of forwardedHeaders(context as Partial<GatewayContext>)) request.http?.headers.set(name, value);
  }

  /**
   * A subgraph answers HTTP 400 with GraphQL errors when it rejects a variable
   * or literal of one of its scalars (a malformed Date, say), which the
   * gateway cannot check itself: pass its client error on (code, field,
   * message) with the same HTTP 400, instead of a generic "400: Bad Request"
   * that carries the subgraph's URL.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const generic = await super.errorFromResponse(response);
    const body = (generic.extensions.response as { body?: unknown } | undefined)?.body as
      { errors?: { message?: string; extensions?: Record<string, unknown> }[] } | undefined;
    const first = body?.errors?.[0];
    if (response.status === 400 && first?.message && typeof first.extensions?.code === 'string') {
      const { stacktrace: _s, ...extensions } = first.extensions;
      return new GraphQLError(first.message, { extensions: { ...extensions, serviceName: this.subgraph, http: { status: 400 } } });
    }
    return generic;
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    // A request that declares a purpose may be shown another organisation's restricted data: each such
    // answer must leave its own disclosure record in the owning subgraph (issue 14), so it is never merged.
    const key =
      this.dedup && !(options.context as Partial<GatewayContext>).purpose
        ? dedupKey(this.url, options, [
            ...(options.request.http?.headers ?? []),
            ...forwardedHeaders(options.context as Partial<GatewayContext>),
          ])
        : undefined;
    if (key === undefined) return this.fetch(options);
    return this.inflight.run(
      key,
      () => this.fetch(options),
      () => this.metrics.subgraphFetchesDeduplicated.inc({ subgraph: this.subgraph }),
    );
  }

  private async fetch(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const started = process.hrtime.bigint();
    try {
      return await super.process(options);
    } catch (err) {
      // An unreachable subgraph answers SUBGRAPH_UNAVAILABLE
      // (its fields null) instead of failing the whole request; see availability.ts.
      let reason = unavailableReason(err, this.timeoutMs);
      if (reason === undefined) throw err;
      const shape = fetchShape(options.request.query, options.request.variables);
      if (retryable(shape, reason)) {
        try {
          return await super.process(options);
        } catch (again) {
          reason = unavailableReason(again, this.timeoutMs);
          if (reason === undefined) throw again;
        }
      }
      const requestId = (options.context as Partial<GatewayContext> | undefined)?.requestId;
      this.log.warn({ subgraph: this.subgraph, reason, requestId }, 'subgraph unavailable');
      return unavailableResponse(this.subgraph, reason, shape.rootKeys);
    } finally {
      this.metrics.subgraphFetches.inc({ subgraph: this.subgraph });
      this.metrics.subgraphFetchDuration.observe({ subgraph: this.subgraph }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}

/**
 * graphql-armor blocks field suggestions ("Did you mean …?") in production.
 * Depth, aliases, directives and cost are checked by demandControlPlugin
 * (platform/limits.ts), the same check every subgraph makes; armor's own
 * cost limit does not count list sizes. The token limit is graphql-js's own
 * (`parseOptions.maxTokens`, below), not armor's: armor's Apollo plugin
 * re-parses the document in `parsingDidStart` and throws there, which Apollo
 * answers as an HTTP 500 for every syntax error.
 */
function fieldSuggestions(config: GatewayConfig) {
  return new ApolloArmor({
    maxDepth: { enabled: false },
    maxAliases: { enabled: false },
    maxTokens: { enabled: false },
    maxDirectives: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: config.env === 'production' },
  }).protect();
}

export async function startGateway(config: GatewayConfig, log: Logger = createLogger('gateway', config.logLevel)): Promise<RunningGateway> {
  const metrics = new GatewayMetrics();
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const verifier = new TokenVerifier(config.trust, { cacheMs: config.tokenCacheMs });
  const fetcher = subgraphFetcher(config.subgraphTimeoutMs);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const url = config.subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`The supergraph names subgraph "${name}", which has no configured URL`);
      return new SubgraphDataSource(name, url, metrics, fetcher, config.subgraphTimeoutMs, log, config.subgraphDedup);
    },
  });

  const changes = new ChangeFeeds({ subgraphUrls: config.subgraphUrls, timeoutMs: config.changeFeedTimeoutMs, log }).start();
  const cache = new ResponseCache({ ...config.responseCache, changes, metrics });
  let supergraphLoaded = false; // set once Apollo has loaded the supergraph
  const app = createHttpApp({
    ops: opsAccessOf(config),
    service: 'gateway',
    log,
    metrics,
    // Supergraph loaded and every subgraph ready, with per-subgraph detail.
    ready: async () => {
      const subgraphs = await subgraphReadiness(config.subgraphUrls, config.opsToken);
      const allUp = Object.values(subgraphs).every((s) => s.status === 'up');
      return { ready: supergraphLoaded && allUp, supergraph: supergraphLoaded ? 'loaded' : 'loading', subgraphs };
    },
  });
  app.use(webRouter(config, log)); // dashboard at /, GraphiQL at /explorer (not in production)
  const listening = await listen(app, config.host, config.port, config.http);
  const armor = fieldSuggestions(config);
  const rateLimits = new RateLimits(config.rateLimits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.env !== 'production',
    csrfPrevention: true,
    // runUntilSignal owns SIGTERM/SIGINT: drain, close pools, exit.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // Over the limit: a syntax error, GRAPHQL_PARSE_FAILED with HTTP 400, before validation.
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: armor.validationRules,
    formatError: formatError(),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: listening.server }),
      metricsPlugin(metrics),
      requestErrorsPlugin(log),
      demandControlPlugin(config.limits),
      ...armor.plugins,
    ],
    logger: apolloLogger(log),
  });
  const live = new LiveQueries({ ...config.live, graphqlUrl: () => `${listening.url}/graphql`, changes, verifier, metrics, log });
  // Before start(): a static supergraph loads once, inside start(), and a listener added later never hears of it
  // (the live queries then know no schema, and every change event runs every one of them again).
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => live.useSchema(apiSchema));
  await apollo.start();
  supergraphLoaded = true;
  app.post('/graphql/live', express.json({ limit: config.bodyLimit }), (req, res, next) => live.handler(req, res).catch(next));
  serveGraphql(
    app,
    rateLimits.anonymous(
      cache.middleware(
        expressMiddleware(apollo, {
          // Verified here, before any planning, and again by every subgraph; a signed-in caller is then counted against its organisation's rate limit.
          context: async ({ req, res }) => {
            const caller = await identify(verifier, req, res).catch(async (err) => {
              await rateLimits.take(null, req, res); // a bad token counts against its address
              throw err;
            });
            if (caller.principal) await rateLimits.take(caller.principal, req, res);
            return { ...caller, res };
          },
        }),
      ),
    ),
    { bodyLimit: config.bodyLimit, responseLimit: config.responseLimit, log },
  );
  log.info({ url: `${listening.url}/graphql` }, 'gateway listening');
  return {
    url: `${listening.url}/graphql`,
    port: listening.port,
    metrics,
    changes,
    cache,
    live,
    async stop() {
      live.stop();
      await changes.stop();
      await apollo.stop();
    },
  };
}

import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type express from 'express';
import type { DataSource } from 'typeorm';
import { TokenVerifier } from '../../platform/auth';
import type { TrustConfig } from '../../platform/trust';
import type { HubContext } from './context';
import { loadSubgraphConfig, type SubgraphConfig } from './config';
import { loadOrExit } from '../../platform/config';
import type { SubgraphName } from '../../platform/services';
import { createDataSource, databaseReadiness, migrate } from './database';
import { formatError, requestErrorsPlugin } from '../../platform/errors';
import { demandControlPlugin } from '../../platform/limits';
import type { FederatedSchema } from './federation';
import {
  createHttpApp,
  opsAccessOf,
  identify,
  listen,
  metricsPlugin,
  runUntilSignal,
  serveGraphql,
  type Stoppable,
} from '../../platform/http';
import { apolloLogger, createLogger, type Logger } from '../../platform/logger';
import { traced } from '../../platform/tracing';
import { SubgraphMetrics } from './metrics';
import { ReferenceClient } from './references';
import { AgreementClient, SharingGuard } from './sharing';
import { ChangeFeed } from './changes';
import { disclosurePlugin } from './disclosures';
import { CountBatcher } from './pagination';

/** Everything that makes one subgraph; each subgraph's `subgraph.ts` exports one. */
export interface SubgraphModule<L = unknown> {
  name: SubgraphName;
  /** Owning organisation id; null for the shared projects subgraph. */
  owner: string | null;
  entities: Function[];
  migrations: Function[];
  buildSchema(): Promise<FederatedSchema>;
  createLoaders(ds: DataSource): L;
  /**
   * Loads the demo data files (seed/*.csv under `root`, default the
   * repository root) into an empty database; false when it was not empty.
   * Throws SeedError, writing nothing, when a row is wrong. `trust`: the
   * organisations the demo data must name (the registry's agreements).
   */
  seed(ds: DataSource, root?: string, trust?: TrustConfig): Promise<boolean>;
}

export interface RunningSubgraph extends Stoppable {
  name: SubgraphName;
  url: string;
  port: number;
  ds: DataSource;
  metrics: SubgraphMetrics;
  /** The client this subgraph asks the registry about agreements with. */
  agreements: AgreementClient;
}

/**
 * Prepares the database: migrations under a lock when MIGRATE_ON_START (on
 * the service's own pool: a single-role setup, where its one role owns
 * everything; with two roles the owner has migrated before the service
 * starts, and a service never holds the owner's URL), demo data when empty.
 */
export async function prepareDatabase(mod: SubgraphModule, ds: DataSource, config: SubgraphConfig, log: Logger) {
  if (config.migrateOnStart) await migrate(ds, mod.name, log);
  if (config.seedDemoData && (await mod.seed(ds, undefined, config.trust))) log.info('demo data loaded');
}

export async function startSubgraph<L>(mod: SubgraphModule<L>, config: SubgraphConfig): Promise<RunningSubgraph> {
  const log = createLogger(mod.name, config.logLevel);
  const metrics = new SubgraphMetrics(mod.name);
  const ds = createDataSource({
    url: config.databaseUrl,
    poolSize: config.dbPoolSize,
    entities: mod.entities,
    migrations: mod.migrations,
    metrics,
    log,
  });
  await ds.initialize();
  await prepareDatabase(mod as SubgraphModule, ds, config, log);

  const { schema } = await mod.buildSchema();
  const verifier = new TokenVerifier(config.trust, { cacheMs: config.tokenCacheMs });
  const references = new ReferenceClient(config.subgraphUrls);
  const agreements = new AgreementClient(config.subgraphUrls.registry, {
    maxAgeMs: config.agreementCacheMs,
    timeoutMs: 5_000,
    feedTimeoutMs: config.changeFeedTimeoutMs,
    log,
    metrics,
  });
  const app = createHttpApp({
    ops: opsAccessOf(config),
    service: mod.name,
    log,
    metrics,
    // Database reachable, no pending migration and every table its code uses granted to its role; bounded, "down" with the reason otherwise.
    ready: () => databaseReadiness(ds),
  });
  // What changed, for the gateway's cache and live queries (changes.ts).
  const changes = new ChangeFeed({
    databaseUrl: config.databaseUrl,
    heartbeatMs: config.changeFeedHeartbeatMs,
    log,
    query: (sql, params) => ds.query(sql, params),
  });
  app.get('/changes', changes.handler);
  const listening = await listen(app, config.host, config.port, config.http);
  const apollo = new ApolloServer<HubContext<L> & { res: express.Response }>({
    schema,
    introspection: config.env !== 'production',
    csrfPrevention: true,
    // runUntilSignal owns SIGTERM/SIGINT: drain, close pools, exit.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(mod.name), // names the subgraph in DATABASE_UNAVAILABLE
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: listening.server }),
      // Apollo's default cache-control plugin wraps every field resolver of the
      // schema to compute cache hints nobody reads (the gateway's response cache
      // decides by caller and change feed, not by hints): 2 % of a subgraph's
      // CPU under the bench, with the wrapper, for nothing.
      ApolloServerPluginCacheControlDisabled(),
      metricsPlugin(metrics),
      requestErrorsPlugin(log),
      // The gateway's limits again: a request straight to this subgraph gets no more.
      demandControlPlugin(config.limits),
      // Restricted data shown to another organisation is recorded before the answer leaves, or withheld.
      disclosurePlugin(metrics),
    ],
    logger: apolloLogger(log),
  });
  await apollo.start();
  serveGraphql(
    app,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const { requestId, authorization, principal, purpose } = await identify(verifier, req, res);
        const requestLog = log.child({ requestId });
        return {
          requestId,
          principal,
          purpose,
          authorization,
          loaders: mod.createLoaders(ds),
          counts: new CountBatcher(ds),
          ds,
          log: requestLog,
          references,
          trust: config.trust,
          sharing: new SharingGuard({ principal, purpose, authorization, requestId, log: requestLog }, agreements),
          res,
        };
      },
    }),
    { bodyLimit: config.bodyLimit, responseLimit: config.responseLimit, log },
  );

  log.info({ url: `${listening.url}/graphql` }, 'subgraph listening');
  let stopped: Promise<void> | undefined;
  return {
    name: mod.name,
    url: `${listening.url}/graphql`,
    port: listening.port,
    ds,
    metrics,
    agreements,
    // Idempotent: a test may stop one subgraph early and the whole hub later.
    stop() {
      stopped ??= Promise.all([changes.stop(), agreements.stop()]).then(() => apollo.stop().then(() => ds.destroy()));
      return stopped;
    },
  };
}

/** A subgraph's entry point: configuration from the environment, then listen until SIGTERM. */
export function serveSubgraph(mod: SubgraphModule<unknown>): void {
  const config = loadOrExit(mod.name, () => loadSubgraphConfig(mod.name));
  void runUntilSignal(
    createLogger(mod.name, config.logLevel),
    traced(mod.name, config.tracing, () => startSubgraph(mod, config)),
  );
}

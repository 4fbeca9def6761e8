import { bool, int, loadCommonConfig, loadSubgraphUrls, str, type CommonConfig, type Env } from '../platform/config';
import { DEFAULT_PORTS, type SubgraphName } from '../platform/services';

/** Query limits the gateway enforces before planning (see docs/trust.md, "Limits"). */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
}

export interface GatewayConfig extends CommonConfig {
  port: number;
  subgraphUrls: Record<SubgraphName, string>;
  supergraphPath: string;
  subgraphTimeoutMs: number;
  /** Merge identical in-flight subgraph queries (gateway/dedup.ts). */
  subgraphDedup: boolean;
  bodyLimit: string;
  limits: QueryLimits;
  /** A subgraph's change feed silent this long (no event, no heartbeat) is reconnected. */
  changeFeedTimeoutMs: number;
}

export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  return {
    ...loadCommonConfig(env),
    port: int(env, 'GATEWAY_PORT', int(env, 'PORT', DEFAULT_PORTS.gateway)),
    subgraphUrls: loadSubgraphUrls(env),
    supergraphPath: str(env, 'SUPERGRAPH_PATH', 'schema/supergraph.graphql'),
    subgraphTimeoutMs: int(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 100, 600_000),
    subgraphDedup: bool(env, 'SUBGRAPH_DEDUP', true),
    bodyLimit: str(env, 'BODY_LIMIT', '100kb'),
    changeFeedTimeoutMs: int(env, 'CHANGE_FEED_TIMEOUT_MS', 30_000, 300, 900_000),
    limits: {
      maxDepth: int(env, 'LIMIT_MAX_DEPTH', 12, 1, 100),
      maxAliases: int(env, 'LIMIT_MAX_ALIASES', 30, 0, 1000),
      maxTokens: int(env, 'LIMIT_MAX_TOKENS', 3000, 10, 100_000),
      maxCost: int(env, 'LIMIT_MAX_COST', 50_000, 10, 10_000_000),
      maxDirectives: int(env, 'LIMIT_MAX_DIRECTIVES', 20, 0, 1000),
    },
  };
}

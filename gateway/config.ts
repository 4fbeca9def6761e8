import { changeFeedTimeoutMs } from '../platform/change-feed';
import { bool, int, loadCommonConfig, loadSubgraphUrls, size, str, type CommonConfig, type Env } from '../platform/config';
import { loadQueryLimits, type QueryLimits } from '../platform/limits';
import { DEFAULT_PORTS, type SubgraphName } from '../platform/services';
import type { RateLimitConfig } from './rate-limit';

export interface GatewayConfig extends CommonConfig {
  port: number;
  subgraphUrls: Record<SubgraphName, string>;
  supergraphPath: string;
  subgraphTimeoutMs: number;
  /** Merge identical in-flight subgraph queries (gateway/dedup.ts). */
  subgraphDedup: boolean;
  bodyLimit: string;
  /** A subgraph's change feed silent this long (no event, no heartbeat) is reconnected. */
  changeFeedTimeoutMs: number;
  /** Largest answer, in bytes (RESPONSE_TOO_LARGE above it). */
  responseLimit: number;
  /** Depth, aliases, directives and cost (platform/limits.ts, shared with the subgraphs), and the gateway's token limit. */
  limits: QueryLimits & { maxTokens: number };
  /** The response cache for anonymous answers (cache.ts). */
  responseCache: { enabled: boolean; maxEntries: number; ttlMs: number };
  /** Live queries at /graphql/live (live.ts). */
  live: { debounceMs: number; maxPerOrganisation: number; maxPerAddress: number };
  /** Requests per minute per client address (anonymous) and per organisation (gateway/rate-limit.ts). */
  rateLimits: RateLimitConfig;
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
    changeFeedTimeoutMs: changeFeedTimeoutMs(env),
    responseLimit: size(env, 'RESPONSE_LIMIT', '4mb'),
    limits: { ...loadQueryLimits(env), maxTokens: int(env, 'LIMIT_MAX_TOKENS', 3000, 10, 100_000) },
    responseCache: {
      enabled: bool(env, 'RESPONSE_CACHE', true),
      maxEntries: int(env, 'RESPONSE_CACHE_MAX_ENTRIES', 1000, 1, 1_000_000),
      ttlMs: int(env, 'RESPONSE_CACHE_TTL_MS', 60_000, 1, 86_400_000),
    },
    live: {
      debounceMs: int(env, 'LIVE_DEBOUNCE_MS', 30, 0, 10_000),
      maxPerOrganisation: int(env, 'LIVE_MAX_STREAMS_PER_ORGANISATION', 50, 0, 100_000),
      maxPerAddress: int(env, 'LIVE_MAX_STREAMS_PER_ADDRESS', 5, 0, 100_000),
    },
    rateLimits: {
      anonymousPerMinute: int(env, 'RATE_LIMIT_ANONYMOUS_PER_MINUTE', 1200, 0, 100_000_000),
      organisationPerMinute: int(env, 'RATE_LIMIT_ORGANISATION_PER_MINUTE', 12_000, 0, 100_000_000),
    },
  };
}

import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER } from '../platform/http';
import { SubgraphResponse } from './subgraph-http';

/**
 * Merging of identical in-flight subgraph fetches: while a fetch is on its way
 * to a subgraph, an identical one (same subgraph, same operation and
 * variables, same headers that can change the answer) waits for it instead of
 * being sent. Dashboards ask the same questions at the same time; under load
 * this turns N identical fetches into one.
 *
 * Taken from Hive Gateway's `deduplicateInflightRequests` (on by default there;
 * its key is URL + headers + body) and Apollo Router's
 * `traffic_shaping.all.deduplicate_query` (queries only). Like both, only
 * queries are merged, never a mutation, and nothing is kept once the fetch
 * has answered: this is not a cache.
 */

/** Headers that identify a request, not its answer: left out of the key. */
const PER_REQUEST_HEADERS = new Set([REQUEST_ID_HEADER.toLowerCase(), 'traceparent', 'tracestate', 'content-length']);

interface Waiter<T> {
  resolve(value: T): void;
  reject(err: unknown): void;
}

/**
 * The fetches in flight, by key. The first caller of a key (the leader) runs
 * the fetch; later callers of the same key (followers) get their own copy of
 * its answer, made the moment it arrives — before the leader's caller can
 * change it (the gateway merges subgraph answers into its result in place) —
 * or the same error.
 */
export class InflightFetches<T> {
  private readonly pending = new Map<string, Waiter<T>[]>();

  constructor(private readonly copy: (value: T) => T) {}

  /** Fetches in flight now (for tests and metrics). */
  get size(): number {
    return this.pending.size;
  }

  run(key: string, fetch: () => Promise<T>, onMerged?: () => void): Promise<T> {
    const waiting = this.pending.get(key);
    if (waiting) {
      onMerged?.();
      return new Promise<T>((resolve, reject) => waiting.push({ resolve, reject }));
    }
    const followers: Waiter<T>[] = [];
    this.pending.set(key, followers);
    return fetch().then(
      (value) => {
        this.pending.delete(key);
        for (const f of followers) f.resolve(this.copy(value));
        return value;
      },
      (err: unknown) => {
        this.pending.delete(key);
        for (const f of followers) f.reject(err);
        throw err;
      },
    );
  }
}

/**
 * A follower's copy of a subgraph answer: its own data, errors and
 * extensions; the HTTP response (already read, only its headers are looked
 * at) is shared. An answer that came over HTTP is parsed again from its
 * text, which is what the data source did to make it and takes about half
 * the time of cloning the parsed objects; another (the unavailable
 * subgraph's stand-in, availability.ts) is cloned.
 */
export function copySubgraphResponse(r: GatewayGraphQLResponse): GatewayGraphQLResponse {
  if (r.http instanceof SubgraphResponse) return { ...(JSON.parse(r.http.bodyText()) as GatewayGraphQLResponse), http: r.http };
  return {
    ...r,
    ...(r.data !== undefined && { data: structuredClone(r.data) }),
    ...(r.errors !== undefined && { errors: structuredClone(r.errors) }),
    ...(r.extensions !== undefined && { extensions: structuredClone(r.extensions) }),
  };
}

const QUERY_TEXT = /^\s*(?:query\b|\{)/;

/**
 * The key of a subgraph fetch that may be merged, or undefined when it must
 * not be: anything but a query planned for an incoming query (a mutation's
 * follow-up `_entities` fetch must see what the mutation wrote, so it never
 * joins a fetch that started before), health checks and schema loads.
 * `headers` are those the fetch will carry (the data source's own and the
 * forwarded ones); all of them are in the key but the per-request ids.
 */
export function dedupKey(url: string, options: GraphQLDataSourceProcessOptions, headers: Iterable<[string, string]>): string | undefined {
  // Only fetches for an incoming operation carry its context (the enum naming the kinds is not exported).
  if (!('incomingRequestContext' in options)) return undefined;
  if (options.incomingRequestContext.operation?.operation !== 'query') return undefined;
  const { query, variables, operationName } = options.request;
  if (!query || !QUERY_TEXT.test(query)) return undefined;
  const kept: string[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (!PER_REQUEST_HEADERS.has(lower)) kept.push(`${lower}:${value}`);
  }
  kept.sort();
  return JSON.stringify([url, kept, operationName ?? null, query, variables ?? null]);
}

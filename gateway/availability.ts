import { GraphQLError, Kind, parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { SubgraphName } from '../platform/services';

/**
 * Partial failure. When a subgraph cannot be reached (refused, reset,
 * timed out, or a proxy answering 502/503/504) the gateway does not fail the
 * whole request: the failed fetch answers a GraphQL error with a stable code
 * that names the subgraph, the query plan carries on with what the other
 * subgraphs answer, and the fields of the unavailable subgraph come back null.
 */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
  ETIMEDOUT: 'connect timeout',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
};

/**
 * Why a subgraph fetch failed, when the failure means "unavailable"; undefined
 * for anything else (for instance a 401 the subgraph answered on purpose),
 * which the gateway then handles as before.
 */
export function unavailableReason(err: unknown, timeoutMs: number): string | undefined {
  const e = err as {
    name?: string;
    code?: string;
    cause?: { code?: string; name?: string };
    extensions?: { response?: { status?: unknown } };
  };
  if (!e || typeof e !== 'object') return undefined;
  if (e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (e.name === 'AbortError') return 'request aborted';
  const status = e.extensions?.response?.status;
  if (typeof status === 'number') return status === 502 || status === 503 || status === 504 ? `HTTP ${status}` : undefined;
  if (err instanceof GraphQLError) return undefined;
  const code = e.cause?.code ?? e.code;
  return (code && NETWORK_REASONS[code]) || 'request failed';
}

/** What a subgraph fetch asks for: its operation type and root fields (none for an `_entities` fetch). */
export interface FetchShape {
  operation: 'query' | 'mutation' | 'subscription' | 'unknown';
  rootKeys: string[];
}

/** Reads the fetch's operation text (parsed only when a fetch has failed). */
export function fetchShape(query: string | undefined, variables: Record<string, unknown> | undefined): FetchShape {
  let document: DocumentNode;
  try {
    document = parse(query ?? '');
  } catch {
    return { operation: 'unknown', rootKeys: [] };
  }
  const definition = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!definition || definition.kind !== Kind.OPERATION_DEFINITION) return { operation: 'unknown', rootKeys: [] };
  const rootKeys: string[] = [];
  if (!(variables && 'representations' in variables)) {
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || selection.name.value === '__typename') continue;
      rootKeys.push(selection.alias?.value ?? selection.name.value);
    }
  }
  return { operation: definition.operation, rootKeys };
}

/**
 * A query whose connection closed before any answer may be sent once more: a
 * kept-alive connection the subgraph closed while shutting down (rolling
 * restart). Mutations never are: the first attempt may have committed.
 */
export function retryable(shape: FetchShape, reason: string): boolean {
  return shape.operation === 'query' && (reason === 'connection closed' || reason === 'connection reset');
}

/**
 * What the data source answers in place of the subgraph: no data and one error
 * per root field (the gateway prefixes the path), or a single error without a
 * path for an entity fetch. Message and code only: no stack, no URL.
 */
export function unavailableResponse(
  subgraph: SubgraphName | string,
  reason: string,
  rootKeys: string[],
): { errors: GraphQLFormattedError[] } {
  const message = `The ${subgraph} subgraph is unavailable (${reason}): the fields it serves are null in this response. Retry in a moment.`;
  const extensions = { code: SUBGRAPH_UNAVAILABLE, serviceName: subgraph };
  if (rootKeys.length === 0) return { errors: [{ message, extensions }] };
  return { errors: rootKeys.map((key) => ({ message, path: [key], extensions })) };
}

/** One subgraph as the gateway's `/ready` reports it. */
export interface SubgraphStatus {
  status: 'up' | 'not ready' | 'down';
  /** The subgraph's HTTP status when it answered but is not ready. */
  httpStatus?: number;
  /** From the subgraph's own /ready report, when it gave one. */
  database?: unknown;
  migrationsPending?: unknown;
  privilegesMissing?: unknown;
  error?: string;
  latencyMs: number;
}

/**
 * Asks every subgraph's `/ready` (bounded by `timeoutMs`, above the subgraphs'
 * own 2 s database probe, so a subgraph with a dead database answers
 * "not ready" with its reason rather than timing out), with the operations
 * token when there is one, so the subgraphs answer their details.
 */
export async function subgraphReadiness(
  urls: Record<SubgraphName, string>,
  opsToken?: string,
  timeoutMs = 3_000,
): Promise<Record<string, SubgraphStatus>> {
  const headers: Record<string, string> = opsToken ? { authorization: `Bearer ${opsToken}` } : {};
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]): Promise<[string, SubgraphStatus]> => {
      const started = Date.now();
      try {
        const res = await fetch(new URL('/ready', url), { headers, signal: AbortSignal.timeout(timeoutMs) });
        const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
        const latencyMs = Date.now() - started;
        if (res.ok) return [name, { status: 'up', latencyMs }];
        return [
          name,
          {
            status: 'not ready',
            httpStatus: res.status,
            database: body.database,
            migrationsPending: body.migrationsPending,
            privilegesMissing: body.privilegesMissing,
            error: typeof body.error === 'string' ? body.error : undefined,
            latencyMs,
          },
        ];
      } catch (err) {
        return [name, { status: 'down', error: unavailableReason(err, timeoutMs), latencyMs: Date.now() - started }];
      }
    }),
  );
  return Object.fromEntries(entries);
}

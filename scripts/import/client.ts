/** A GraphQL error as the gateway answers it. */
export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [k: string]: unknown };
}

export interface GqlResult<T> {
  data: T | null;
  errors: GqlError[];
}

/** Stops the whole import: the token, the URL or the gateway is wrong, not a row. */
export class FatalImportError extends Error {}

// Errors that would repeat on every row (RATE_LIMITED: still refused after RATE_LIMIT_RETRIES waits). An internal error or an unavailable subgraph rejects that row only: run the import again.
const FATAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'RATE_LIMITED']);

/** How often one request is sent again after HTTP 429 (RATE_LIMITED) before the import stops. */
export const RATE_LIMIT_RETRIES = 10;

/** The wait a 429 asks for: its `Retry-After` in seconds (1 when missing or unreadable, at most 60). */
export function retryAfterMs(res: Response): number {
  const seconds = Number(res.headers.get('retry-after'));
  return Math.min(60, Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000;
}

/** POSTs operations to the gateway with the importer's token, like any client. */
export class HubClient {
  constructor(
    readonly url: string,
    private readonly token: string,
    private readonly timeoutMs = 30_000,
    private readonly sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** One POST; over the gateway's rate limit (HTTP 429) it waits as long as `Retry-After` says and sends it again. */
  private async post(body: string): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
          body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (err) {
        throw new FatalImportError(`Cannot reach ${this.url}: ${(err as Error).message}. Is the hub running (npm start)?`);
      }
      if (res.status !== 429 || attempt >= RATE_LIMIT_RETRIES) return res;
      await res.body?.cancel();
      await this.sleep(retryAfterMs(res));
    }
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
    const res = await this.post(JSON.stringify({ query, variables }));
    let body: { data?: T | null; errors?: GqlError[] };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new FatalImportError(`${this.url} answered HTTP ${res.status} without a GraphQL response: is this the gateway's /graphql?`);
    }
    const errors = body.errors ?? [];
    const fatal = errors.find((e) => FATAL_CODES.has(e.extensions?.code ?? ''));
    if (fatal) {
      const hint =
        fatal.extensions?.code === 'UNAUTHENTICATED' || fatal.extensions?.code === 'FORBIDDEN'
          ? ' The import needs a token of an editor of the owning organisation: npm run token -- --org <org> --roles editor'
          : '';
      throw new FatalImportError(`${fatal.extensions?.code}: ${fatal.message}${hint}`);
    }
    if (!res.ok && !body.data) throw new FatalImportError(`${this.url} answered HTTP ${res.status}: ${errors[0]?.message ?? ''}`);
    return { data: body.data ?? null, errors };
  }
}

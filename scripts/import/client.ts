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

// Errors that would repeat on every row. An internal error or an unavailable subgraph rejects that row only: run the import again.
const FATAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** POSTs operations to the gateway with the importer's token, like any client. */
export class HubClient {
  constructor(
    readonly url: string,
    private readonly token: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new FatalImportError(`Cannot reach ${this.url}: ${(err as Error).message}. Is the hub running (npm start)?`);
    }
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

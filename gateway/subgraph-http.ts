import http from 'node:http';
import https from 'node:https';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';

/**
 * The gateway's HTTP client to its subgraphs: node:http on kept-alive
 * connections, with a timeout per fetch, answering the `Fetcher` interface
 * @apollo/gateway's data sources call.
 *
 * It replaced Node's global `fetch` (undici's WHATWG fetch), which wraps every
 * call in a Request, a Headers, an AbortSignal and a web ReadableStream: 4–7 %
 * of the gateway's CPU under the bench (docs/performance.md, "Peer comparison
 * with Hive Gateway"), for a JSON request and a JSON answer of a few
 * kilobytes. Hive Gateway does the same on Node (`@whatwg-node/node-fetch`
 * sends over node:http). The answer is read whole, then handed over as text
 * or JSON, which is all the data sources ask of it.
 *
 * Failures keep the shapes availability.ts reads: a fetch over time is
 * destroyed with an error named `TimeoutError`; a refused or reset
 * connection fails with node's own `code` (ECONNREFUSED, ECONNRESET).
 * Idle connections are closed after 60 s, before the subgraphs' 65 s
 * keep-alive timeout, so the gateway does not reuse one the subgraph is
 * closing (a query that loses that race anyway is sent once more, see
 * availability.ts).
 */
export function subgraphFetcher(timeoutMs: number): Fetcher {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: 60_000, scheduling: 'lifo' }),
    'https:': new https.Agent({ keepAlive: true, timeout: 60_000, scheduling: 'lifo' }),
  };
  // One parsed URL per subgraph, not one per fetch.
  const targets = new Map<string, URL>();
  return (url: string, init: FetcherRequestInit = {}) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      let target = targets.get(url);
      if (!target) targets.set(url, (target = new URL(url)));
      const client = target.protocol === 'https:' ? https : http;
      const body = init.body ?? '';
      const headers: Record<string, string | number> = { ...init.headers, 'content-length': Buffer.byteLength(body) };
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const fail = (err: Error) => settle(() => reject(err));
      const req = client.request(target, { method: init.method ?? 'GET', headers, agent: agents[target.protocol as 'http:'] }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => settle(() => resolve(new SubgraphResponse(url, res, Buffer.concat(chunks)))));
      });
      // The timeout's error first, then the connection is dropped (whose own error then changes nothing).
      const timer = setTimeout(() => {
        const err = Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' });
        fail(err);
        req.destroy(err);
      }, timeoutMs);
      req.on('error', fail);
      req.end(body);
    });
}

/** A subgraph's answer, read whole. */
export class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  bodyUsed = false;

  constructor(
    readonly url: string,
    res: http.IncomingMessage,
    private readonly body: Buffer,
  ) {
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? '';
    this.headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) this.headers.append(name, v);
    }
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.bodyText();
  }

  /** The body as text, however often it was read (dedup.ts parses it again for each merged fetch). */
  bodyText(): string {
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    return this.body.buffer.slice(this.body.byteOffset, this.body.byteOffset + this.body.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    const copy = Object.create(SubgraphResponse.prototype) as SubgraphResponse;
    return Object.assign(copy, this, { bodyUsed: false });
  }
}

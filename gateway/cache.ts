import type { Request, RequestHandler, Response } from 'express';
import { getOperationAST, parse } from 'graphql';
import { Counter } from 'prom-client';
import { PURPOSE_HEADER } from '../platform/organisations';
import type { ServiceMetrics } from '../platform/metrics';
import type { ChangeFeeds } from './changes';

/**
 * The gateway's response cache for anonymous answers, in front of Apollo.
 *
 * What may be stored: only the answer to a POST without an Authorization
 * header, to a query (never a mutation), with HTTP 200, data and no error at
 * all. Restricted fields (contacts, assessments, history, disclosures) answer
 * an anonymous caller null with an error, so an answer that holds or hides
 * restricted data is never stored, and a caller with a token is never served
 * from the cache nor stored into it: their answers go to the subgraphs every
 * time, which check rights and record disclosures. This is the rule of
 * Apollo's response-cache plugin (a PRIVATE hint keeps an answer out of the
 * shared cache; a session id keeps users apart), made as strict as it gets:
 * anything with a caller is private.
 *
 * Key: query text, variables, operation name, `Hub-Purpose` and `Accept`.
 *
 * Freshness: the whole cache is flushed on every change event from any
 * subgraph's feed (changes.ts), and it is neither read nor written while any
 * feed is disconnected (a write could then go unnoticed). An answer whose
 * execution started before a flush is not stored (a `generation` counter),
 * so a write is reflected in the first answer after its event arrives: tens
 * of milliseconds, well inside the one second the issue allows. A safety
 * `ttlMs` bounds every entry anyway (answers computed from the clock).
 */

export interface ResponseCacheOptions {
  enabled: boolean;
  maxEntries: number;
  ttlMs: number;
  changes: ChangeFeeds;
  metrics: ServiceMetrics;
}

interface Entry {
  body: string;
  contentType: string;
  storedAt: number;
}

interface GraphQLBody {
  query: string;
  variables?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private readonly counter: Counter<'result'>;

  constructor(private readonly opts: ResponseCacheOptions) {
    this.counter = new Counter({
      name: 'hub_response_cache_total',
      help: 'Anonymous GraphQL requests answered from the response cache (hit), executed and maybe stored (miss), or not eligible (bypass)',
      labelNames: ['result'],
      registers: [opts.metrics.registry],
    });
    opts.changes.on('change', () => this.flush());
    opts.changes.on('status', () => this.flush());
  }

  /** Cached answers now. */
  get size(): number {
    return this.entries.size;
  }

  /** On, and every subgraph's change feed connected. */
  get usable(): boolean {
    return this.opts.enabled && this.opts.changes.connected;
  }

  flush(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Wraps the GraphQL handler: answers a hit itself, and watches a miss's answer on its way out. */
  middleware(handler: RequestHandler): RequestHandler {
    if (!this.opts.enabled) return handler;
    return (req, res, next) => {
      const body = eligible(req);
      if (!body || !this.usable) {
        this.counter.inc({ result: 'bypass' });
        return handler(req, res, next);
      }
      const key = JSON.stringify([
        body.query,
        body.variables ?? null,
        body.operationName ?? null,
        req.get(PURPOSE_HEADER) ?? null,
        req.get('accept') ?? null,
      ]);
      const hit = this.entries.get(key);
      if (hit && Date.now() - hit.storedAt < this.opts.ttlMs) {
        this.counter.inc({ result: 'hit' });
        const operation = this.opts.metrics.operationLabels.label(typeof body.operationName === 'string' ? body.operationName : undefined);
        this.opts.metrics.requests.inc({ operation });
        // Least recently used goes first when the cache is full.
        this.entries.delete(key);
        this.entries.set(key, hit);
        res.status(200).setHeader('content-type', hit.contentType);
        res.setHeader('x-response-cache', 'hit');
        res.send(hit.body);
        return;
      }
      this.counter.inc({ result: 'miss' });
      res.setHeader('x-response-cache', 'miss');
      this.watch(key, body, res);
      return handler(req, res, next);
    };
  }

  /** Stores the answer `res` is about to send, if it may be. */
  private watch(key: string, body: GraphQLBody, res: Response) {
    const generation = this.generation;
    const send = res.send.bind(res);
    res.send = (chunk?: unknown) => {
      if (generation === this.generation && this.usable && res.statusCode === 200 && typeof chunk === 'string' && storable(body, chunk)) {
        this.entries.delete(key);
        this.entries.set(key, {
          body: chunk,
          contentType: String(res.getHeader('content-type') ?? 'application/json'),
          storedAt: Date.now(),
        });
        if (this.entries.size > this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      }
      return send(chunk);
    };
  }
}

/** A POST without a token whose body is a GraphQL request by text (no persisted query, no extensions). */
function eligible(req: Request): GraphQLBody | undefined {
  if (req.method !== 'POST' || req.get('authorization') !== undefined) return undefined;
  const body = req.body as Partial<GraphQLBody> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string' || body.extensions !== undefined)
    return undefined;
  return body as GraphQLBody;
}

/** Data and no error at all, for a query operation. */
function storable(body: GraphQLBody, answer: string): boolean {
  try {
    const result = JSON.parse(answer) as { data?: unknown; errors?: unknown };
    if (result.errors !== undefined || result.data === null || typeof result.data !== 'object') return false;
    const operation = getOperationAST(parse(body.query), typeof body.operationName === 'string' ? body.operationName : undefined);
    return operation?.operation === 'query';
  } catch {
    return false;
  }
}

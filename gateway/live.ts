import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { getNamedType, GraphQLError, parse, TypeInfo, visit, visitWithTypeInfo, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import type { RequestParams, Response as SseResponse } from 'graphql-sse';
import { Gauge } from 'prom-client';
import type { TokenVerifier } from '../platform/auth';
import { identify } from '../platform/http';
import type { Logger } from '../platform/logger';
import type { ServiceMetrics } from '../platform/metrics';
import { FEED_FRESH_MS } from '../platform/change-feed';
import { DATA_SET_INFO, PURPOSE_HEADER } from '../platform/organisations';
import type { ChangeEvent, ChangeFeeds } from './changes';

/**
 * Live queries at `POST /graphql/live`, over the GraphQL-over-SSE protocol in
 * its distinct-connections mode (graphql-sse's handler: the usual JSON body,
 * `accept: text/event-stream`, one `next` event per answer, `complete` at the
 * end, a ping comment every 12 s), so graphql-sse's client works as is.
 *
 * A live query answers at once, then again whenever a change event (changes.ts)
 * may have changed its answer: an event of a type the query reads (Company
 * for `companies { edges { node { name } } }` and for `companies { totalCount }`),
 * an event of a type the schema does not name, an event of the registry when
 * the query reads restricted data (a field of DATA_SET_INFO, e.g.
 * `Company.contact`: a granted or revoked agreement changes who sees it; run
 * again AGREEMENT_SETTLE_MS later, when the owning subgraphs' agreement caches
 * have surely heard of it too), and a feed that reconnects (an event may have
 * been missed). A registry event leaves a query that reads neither restricted
 * data nor the event's type (SharingAgreement) alone: it cannot change its
 * answer, and with many dashboards open each grant or revocation would
 * otherwise cost two full runs of every one. When what a query reads cannot be
 * told (no schema yet, a syntax error), every event runs it again. Events
 * within `debounceMs` make one run. An answer equal to the last one sent is
 * not sent again (as Hasura's live queries do).
 *
 * Every run is an ordinary request to the gateway's own `/graphql`, with the
 * caller's token and `Hub-Purpose`: the token is verified, the limits apply,
 * the owning subgraphs decide what the caller sees and record disclosures,
 * every time. An answer without data (a refused or invalid request, an
 * expired token) is sent and the stream completes.
 *
 * Open streams are limited per organisation (token callers) and per address
 * (anonymous callers): over the limit, HTTP 429 with TOO_MANY_LIVE_QUERIES.
 */

/**
 * After a registry event, a live query runs again this much later: by then
 * every owning subgraph has heard of it on its own feed of the registry, or
 * stopped trusting what it kept (FEED_FRESH_MS of silence).
 */
export const AGREEMENT_SETTLE_MS = FEED_FRESH_MS + 100;

/** The restricted fields, as `Type.field`: who may see them is what a registry event changes. */
const RESTRICTED_FIELDS = new Set(Object.values(DATA_SET_INFO).map(({ type, field }) => `${type}.${field}`));

/**
 * Types with no change events of their own, and the types whose events
 * change them: a query that reads one runs again on those events too.
 * PartnerMatch is a partner's score for a company (docs/matchmaking.md):
 * `company { suggestedPartners { score } }` reads no Partner field, yet a
 * partner's change moves it (the company is the field's parent, read
 * anyway). A cluster membership is a child row, announced as its cluster
 * (kit/writes.ts, ChildTable). tests/integration/live.test.ts holds every
 * object type of the API to one with change events, a connection or edge,
 * this list, or a list of types that need none.
 */
export const DERIVED_FROM: Readonly<Record<string, readonly string[]>> = {
  PartnerMatch: ['Partner'],
  ClusterMembership: ['Cluster'],
};

/** What one live query reads, told once from its document when it starts. */
interface Reads {
  /** Every type its fields return (and for `XConnection`/`XEdge`, X; for a derived type, its sources: DERIVED_FROM). */
  types: Set<string>;
  /** Whether it reads a restricted field (RESTRICTED_FIELDS), under any alias or fragment. */
  restricted: boolean;
}

export interface LiveOptions {
  /** The gateway's own GraphQL URL, where every run goes. */
  graphqlUrl: () => string;
  changes: ChangeFeeds;
  verifier: TokenVerifier;
  debounceMs: number;
  maxPerOrganisation: number;
  maxPerAddress: number;
  metrics: ServiceMetrics;
  log: Logger;
}

type Answer = ExecutionResult;

function refusal(status: number, statusText: string, code: string, message: string, extra: Record<string, unknown> = {}): SseResponse {
  return [
    JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }),
    { status, statusText, headers: { 'content-type': 'application/json; charset=utf-8' } },
  ];
}

export class LiveQueries {
  private schema?: GraphQLSchema;
  private readonly open = new Map<string, number>();
  private readonly responses = new Set<ExpressResponse>();
  private readonly gauge: Gauge;

  constructor(private readonly opts: LiveOptions) {
    this.gauge = new Gauge({ name: 'hub_live_queries', help: 'Open live query streams', registers: [opts.metrics.registry] });
  }

  /** The API schema, to tell which types a query reads (set when the gateway loads the supergraph). */
  useSchema(schema: GraphQLSchema): void {
    this.schema = schema;
  }

  /** Open streams of one organisation (`org:<id>`) or address (`address:<ip>`). */
  openStreams(key: string): number {
    return this.open.get(key) ?? 0;
  }

  readonly handler = createHandler<undefined>({
    onSubscribe: async (req, params): Promise<SseResponse | AsyncGenerator<Answer>> => {
      const raw = req.raw as ExpressRequest;
      const res = req.context.res as ExpressResponse;
      let caller: Awaited<ReturnType<typeof identify>>;
      try {
        caller = await identify(this.opts.verifier, raw, res);
      } catch (err) {
        const e = err as { message: string; extensions?: { code?: string; http?: { status?: number } } & Record<string, unknown> };
        const { http, ...extensions } = e.extensions ?? {};
        return refusal(http?.status ?? 400, 'Refused', String(extensions.code ?? 'BAD_REQUEST'), e.message, extensions);
      }
      const key = caller.principal ? `org:${caller.principal.org}` : `address:${raw.socket.remoteAddress ?? 'unknown'}`;
      const max = caller.principal ? this.opts.maxPerOrganisation : this.opts.maxPerAddress;
      if (this.openStreams(key) >= max) {
        return refusal(
          429,
          'Too Many Requests',
          'TOO_MANY_LIVE_QUERIES',
          `At most ${max} live queries may be open ${caller.principal ? 'per organisation' : 'per address without a token'}: close one first.`,
          { limit: max },
        );
      }
      this.open.set(key, this.openStreams(key) + 1);
      this.gauge.inc();
      this.responses.add(res);
      res.once('close', () => {
        this.responses.delete(res);
        const n = this.openStreams(key) - 1;
        if (n > 0) this.open.set(key, n);
        else this.open.delete(key);
        this.gauge.dec();
      });
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      if (caller.authorization) headers.authorization = caller.authorization;
      if (caller.purpose) headers[PURPOSE_HEADER] = caller.purpose;
      return this.answers(params, headers);
    },
  });

  /** Ends every open stream (the gateway is stopping). */
  stop(): void {
    for (const res of this.responses) res.destroy();
  }

  /** The answers of one live query: the first at once, then one per relevant change (debounced), until the client leaves. */
  private async *answers(params: RequestParams, headers: Record<string, string>): AsyncGenerator<Answer> {
    const reads = this.reads(params);
    let dirty = true;
    let wake: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    const rerun = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        dirty = true;
        wake?.();
      }, this.opts.debounceMs);
    };
    let settle: NodeJS.Timeout | undefined;
    const onChange = (e: ChangeEvent) => {
      if (!this.mayChange(reads, e)) return;
      rerun();
      if (e.subgraph === 'registry') {
        // The owning subgraphs hear of the same agreement on their own feed of the registry
        // (their agreement cache, subgraphs/kit/sharing.ts), maybe after this run: once more when they surely have.
        clearTimeout(settle);
        settle = setTimeout(rerun, AGREEMENT_SETTLE_MS);
      }
    };
    const onStatus = (_: unknown, connected: boolean) => {
      if (connected) rerun();
    };
    this.opts.changes.on('change', onChange);
    this.opts.changes.on('status', onStatus);
    try {
      let last: string | undefined;
      for (;;) {
        if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        dirty = false;
        const answer = await this.run(params, headers);
        const text = JSON.stringify(answer);
        if (text !== last) {
          last = text;
          yield answer;
        }
        if (answer.data === undefined || answer.data === null) return;
      }
    } finally {
      clearTimeout(timer);
      clearTimeout(settle);
      this.opts.changes.off('change', onChange);
      this.opts.changes.off('status', onStatus);
    }
  }

  /**
   * Whether event `e` may change the answer of a query that reads `reads`
   * (undefined: not known, so yes). A registry event (an agreement granted or
   * revoked) also changes who sees restricted fields, so a query reading one
   * runs again even though it does not read the event's type.
   */
  private mayChange(reads: Reads | undefined, e: ChangeEvent): boolean {
    if (!reads || reads.types.has(e.type) || !this.schema?.getType(e.type)) return true;
    return e.subgraph === 'registry' && reads.restricted;
  }

  private async run(params: RequestParams, headers: Record<string, string>): Promise<Answer> {
    try {
      const res = await fetch(this.opts.graphqlUrl(), {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: params.query, variables: params.variables, operationName: params.operationName }),
      });
      return (await res.json()) as Answer;
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'live query: run failed');
      return {
        errors: [
          new GraphQLError('The live query could not be run: subscribe again shortly.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
        ],
      };
    }
  }

  /**
   * What the query reads, in one walk of its document with the schema in use,
   * or undefined when that cannot be told (no schema yet, a syntax error that
   * the first run reports): then every change runs it again. Fragments are
   * walked on their type condition, and an alias does not hide the field it names.
   */
  private reads(params: RequestParams): Reads | undefined {
    if (!this.schema) return undefined;
    try {
      const typeInfo = new TypeInfo(this.schema);
      const reads: Reads = { types: new Set<string>(), restricted: false };
      visit(
        parse(params.query),
        visitWithTypeInfo(typeInfo, {
          Field(field) {
            const parent = typeInfo.getParentType();
            if (parent && RESTRICTED_FIELDS.has(`${parent.name}.${field.name.value}`)) reads.restricted = true;
            const type = typeInfo.getType();
            if (!type) return;
            const name = getNamedType(type).name;
            reads.types.add(name);
            const node = /^(.+?)(Connection|Edge)$/.exec(name);
            if (node) reads.types.add(node[1]);
            for (const source of DERIVED_FROM[name] ?? []) reads.types.add(source);
          },
        }),
      );
      return reads;
    } catch {
      return undefined;
    }
  }
}

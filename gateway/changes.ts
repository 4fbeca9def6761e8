import { EventEmitter } from 'node:events';
import type { Logger } from '../platform/logger';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/services';

/**
 * The gateway's side of the change feeds: one server-sent-events stream per
 * subgraph (`GET /changes` beside its `/graphql`, subgraphs/kit/changes.ts),
 * over HTTP only: the gateway never connects to a subgraph's database.
 *
 * A stream that ends, fails or stays silent longer than `timeoutMs` (the
 * subgraphs send a heartbeat more often) is opened again after a backoff
 * (`minBackoffMs` doubling up to `maxBackoffMs`), with `Last-Event-ID` set to
 * the highest event id seen, so the subgraph first sends what was missed.
 *
 * Events: `change` (a ChangeEvent) and `status` (subgraph, connected). The
 * response cache and the live queries listen; `connected` is true only while
 * every feed is.
 */

export interface ChangeEvent {
  subgraph: SubgraphName;
  /** The event id in the subgraph's feed. */
  seq: string;
  /** Entity type as the subgraph's audit names it (Company, Partner, Project, SharingAgreement…). */
  type: string;
  id: string;
  version: number | null;
}

export interface ChangeFeedsOptions {
  /** Each subgraph's GraphQL URL; its feed is `/changes` on the same origin. */
  subgraphUrls: Record<SubgraphName, string>;
  timeoutMs: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  log: Logger;
}

export interface ChangeFeedsEvents {
  change: [ChangeEvent];
  status: [SubgraphName, boolean];
}

/** `…/graphql` → `…/changes`. */
export function feedUrl(graphqlUrl: string): string {
  return new URL('/changes', graphqlUrl).toString();
}

export class ChangeFeeds extends EventEmitter<ChangeFeedsEvents> {
  private readonly up = new Set<SubgraphName>();
  private readonly lastId = new Map<SubgraphName, string>();
  private readonly aborts = new Set<AbortController>();
  private readonly loops: Promise<void>[] = [];
  private stopped = false;
  /** Times a feed was (re)connected, per subgraph. */
  readonly connections: Record<SubgraphName, number> = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, 0])) as Record<
    SubgraphName,
    number
  >;

  constructor(private readonly opts: ChangeFeedsOptions) {
    super();
    this.setMaxListeners(0);
  }

  /** True while every subgraph's feed is connected. */
  get connected(): boolean {
    return this.up.size === SUBGRAPH_NAMES.length;
  }

  /** The highest event id seen from `subgraph`. */
  lastEventId(subgraph: SubgraphName): string | undefined {
    return this.lastId.get(subgraph);
  }

  start(): this {
    for (const name of SUBGRAPH_NAMES) this.loops.push(this.follow(name));
    return this;
  }

  /** Resolves once every feed is connected (or rejects after `timeoutMs`). */
  async whenConnected(timeoutMs = 30_000): Promise<void> {
    if (this.connected) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('status', check);
        reject(new Error(`change feeds not connected after ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (!this.connected) return;
        clearTimeout(timer);
        this.off('status', check);
        resolve();
      };
      this.on('status', check);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const a of this.aborts) a.abort();
    await Promise.all(this.loops);
  }

  private setStatus(name: SubgraphName, connected: boolean) {
    if (connected === this.up.has(name)) return;
    if (connected) this.up.add(name);
    else this.up.delete(name);
    this.emit('status', name, connected);
  }

  private async follow(name: SubgraphName): Promise<void> {
    const url = feedUrl(this.opts.subgraphUrls[name]);
    const min = this.opts.minBackoffMs ?? 200;
    const max = this.opts.maxBackoffMs ?? 5_000;
    let backoff = min;
    while (!this.stopped) {
      const abort = new AbortController();
      this.aborts.add(abort);
      let watchdog: NodeJS.Timeout | undefined;
      const alive = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => abort.abort(new Error(`no heartbeat for ${this.opts.timeoutMs} ms`)), this.opts.timeoutMs);
      };
      try {
        alive();
        const last = this.lastId.get(name);
        const res = await fetch(url, {
          headers: { accept: 'text/event-stream', ...(last ? { 'last-event-id': last } : {}) },
          signal: abort.signal,
        });
        if (res.status !== 200 || !res.body) throw new Error(`HTTP ${res.status}`);
        this.connections[name]++;
        this.setStatus(name, true);
        backoff = min;
        for await (const e of serverSentEvents(res.body, alive)) {
          if (!e.id || !/^\d+$/.test(e.id)) continue;
          if (BigInt(e.id) > BigInt(this.lastId.get(name) ?? '0')) this.lastId.set(name, e.id);
          if (e.event !== 'change') continue; // `ready`: caught up
          const data = JSON.parse(e.data) as Omit<ChangeEvent, 'subgraph' | 'seq'>;
          this.emit('change', { subgraph: name, seq: e.id, type: data.type, id: data.id, version: data.version });
        }
        if (!this.stopped) this.opts.log.warn({ subgraph: name }, 'change feed ended; reconnecting');
      } catch (err) {
        if (!this.stopped) this.opts.log.warn({ subgraph: name, err: (err as Error).message }, 'change feed unavailable; reconnecting');
      } finally {
        clearTimeout(watchdog);
        this.aborts.delete(abort);
        abort.abort();
        this.setStatus(name, false);
      }
      if (this.stopped) break;
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, max);
    }
  }
}

export interface ServerSentEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * Parses a text/event-stream body (the WHATWG "event stream interpretation",
 * without `retry`): calls `alive` on every chunk (heartbeats included).
 */
export async function* serverSentEvents(body: ReadableStream<Uint8Array>, alive: () => void = () => {}): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let id: string | undefined;
  let event = '';
  let data: string[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    alive();
    buffer += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (data.length > 0) yield { id, event: event || 'message', data: data.join('\n') };
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  }
}

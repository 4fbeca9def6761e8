import { EventEmitter } from 'node:events';
import { int, type Env } from './config';
import type { Logger } from './logger';

/**
 * Following one subgraph's change feed (`GET /changes` beside its `/graphql`,
 * served by subgraphs/kit/changes.ts) over HTTP: the client both the gateway
 * (gateway/changes.ts: every subgraph's feed, for its response cache and live
 * queries) and the owning subgraphs (subgraphs/kit/sharing.ts: the registry's
 * feed, for their agreement cache) use.
 *
 * A stream that ends, fails or stays silent longer than `timeoutMs` (the
 * subgraphs send a heartbeat more often) is opened again after a backoff
 * (`minBackoffMs` doubling up to `maxBackoffMs`), with `Last-Event-ID` set to
 * the highest event id seen, so the subgraph first sends what was missed.
 *
 * `connected` turns true when the subgraph's `ready` event says the catch-up
 * is done, and false as soon as the stream ends, fails or goes silent: a
 * reader of `connected` (or of `fresh()`, which also checks the silence
 * directly) knows that every change committed from then on will reach it.
 * Events: `change` (a ChangeEvent), `status` (connected or not) and `heard`
 * (anything arrived, with the silence before it).
 */

/** One change event of a feed (`seq` is the SSE event id). */
export interface ChangeEvent {
  seq: string;
  /** Entity type as the subgraph's audit names it (Company, Partner, Project, SharingAgreement…). */
  type: string;
  id: string;
  version: number | null;
}

/** `CHANGE_FEED_TIMEOUT_MS`: a feed silent this long (no event, no heartbeat) counts as down and is reopened. */
export function changeFeedTimeoutMs(env: Env): number {
  return int(env, 'CHANGE_FEED_TIMEOUT_MS', 30_000, 300, 900_000);
}

/** `…/graphql` → `…/changes`. */
export function feedUrl(graphqlUrl: string): string {
  return new URL('/changes', graphqlUrl).toString();
}

export interface FeedFollowerOptions {
  /** The subgraph's GraphQL URL; its feed is `/changes` on the same origin. */
  graphqlUrl: string;
  /** For the log. */
  name: string;
  timeoutMs: number;
  /** Ask the subgraph for a heartbeat this often (`?heartbeat=`); its own interval (CHANGE_FEED_HEARTBEAT_MS) otherwise. */
  heartbeatMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  log: Logger;
}

export interface FeedFollowerEvents {
  change: [ChangeEvent];
  status: [boolean];
  /** Something arrived (an event, a heartbeat, the stream's start), after this many ms of silence. */
  heard: [number];
}

/**
 * A follower that must act on changes within a second (the owning subgraphs'
 * agreement cache) trusts what it keeps only while the feed was heard within
 * this long, and forgets it after any longer silence: the bound on how late
 * a change can reach it if the feed's connection dies without closing.
 */
export const FEED_FRESH_MS = 1_000;
/** The heartbeat interval such a follower asks for (`?heartbeat=`): several per FEED_FRESH_MS. */
export const FEED_FRESH_HEARTBEAT_MS = 250;

export class FeedFollower extends EventEmitter<FeedFollowerEvents> {
  private up = false;
  private last?: string;
  private lastHeardAt = 0;
  private abort?: AbortController;
  private loop?: Promise<void>;
  private stopped = false;
  private wake?: () => void;
  /** Times the feed was (re)connected. */
  connections = 0;

  constructor(private readonly opts: FeedFollowerOptions) {
    super();
    this.setMaxListeners(0);
  }

  /** Caught up and following. */
  get connected(): boolean {
    return this.up;
  }

  /** Connected, and something (an event or a heartbeat) arrived within `withinMs` of `now`. */
  fresh(now: number, withinMs: number): boolean {
    return this.up && now - this.lastHeardAt <= withinMs;
  }

  /** The highest event id seen. */
  get lastEventId(): string | undefined {
    return this.last;
  }

  start(): this {
    this.loop ??= this.follow();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
    await this.loop;
  }

  private setStatus(connected: boolean) {
    if (connected === this.up) return;
    this.up = connected;
    this.emit('status', connected);
  }

  private async follow(): Promise<void> {
    const url = new URL(feedUrl(this.opts.graphqlUrl));
    if (this.opts.heartbeatMs !== undefined) url.searchParams.set('heartbeat', String(this.opts.heartbeatMs));
    const min = this.opts.minBackoffMs ?? 200;
    const max = this.opts.maxBackoffMs ?? 5_000;
    let backoff = min;
    while (!this.stopped) {
      const abort = new AbortController();
      this.abort = abort;
      let watchdog: NodeJS.Timeout | undefined;
      const alive = () => {
        const now = Date.now();
        const silence = now - this.lastHeardAt;
        this.lastHeardAt = now;
        this.emit('heard', silence);
        clearTimeout(watchdog);
        watchdog = setTimeout(() => abort.abort(new Error(`no heartbeat for ${this.opts.timeoutMs} ms`)), this.opts.timeoutMs);
      };
      try {
        alive();
        const res = await fetch(url, {
          headers: { accept: 'text/event-stream', ...(this.last ? { 'last-event-id': this.last } : {}) },
          signal: abort.signal,
        });
        if (res.status !== 200 || !res.body) throw new Error(`HTTP ${res.status}`);
        this.connections++;
        backoff = min;
        for await (const e of serverSentEvents(res.body, alive)) {
          if (!e.id || !/^\d+$/.test(e.id)) continue;
          if (BigInt(e.id) > BigInt(this.last ?? '0')) this.last = e.id;
          if (e.event === 'ready') this.setStatus(true);
          if (e.event !== 'change') continue;
          const data = JSON.parse(e.data) as Omit<ChangeEvent, 'seq'>;
          this.emit('change', { seq: e.id, type: data.type, id: data.id, version: data.version });
        }
        if (!this.stopped) this.opts.log.warn({ feed: this.opts.name }, 'change feed ended; reconnecting');
      } catch (err) {
        if (!this.stopped)
          this.opts.log.warn({ feed: this.opts.name, err: (err as Error).message }, 'change feed unavailable; reconnecting');
      } finally {
        clearTimeout(watchdog);
        abort.abort();
        this.setStatus(false);
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoff);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
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

import { EventEmitter } from 'node:events';
import { FeedFollower, type ChangeEvent as FeedEvent } from '../platform/change-feed';
import type { Logger } from '../platform/logger';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/services';

/**
 * The gateway's side of the change feeds: one server-sent-events stream per
 * subgraph (`GET /changes` beside its `/graphql`, subgraphs/kit/changes.ts),
 * over HTTP only: the gateway never connects to a subgraph's database. Each
 * stream is a `FeedFollower` (platform/change-feed.ts: catch-up with
 * `Last-Event-ID`, heartbeats, reconnection with backoff), the same client the
 * owning subgraphs follow the registry's feed with.
 *
 * Events: `change` (a ChangeEvent) and `status` (subgraph, connected). The
 * response cache and the live queries listen; `connected` is true only while
 * every feed is.
 */

export interface ChangeEvent extends FeedEvent {
  subgraph: SubgraphName;
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

export class ChangeFeeds extends EventEmitter<ChangeFeedsEvents> {
  private readonly feeds: Record<SubgraphName, FeedFollower>;

  constructor(opts: ChangeFeedsOptions) {
    super();
    this.setMaxListeners(0);
    this.feeds = Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => {
        const feed = new FeedFollower({ ...opts, graphqlUrl: opts.subgraphUrls[name], name });
        feed.on('change', (e) => this.emit('change', { subgraph: name, ...e }));
        feed.on('status', (up) => this.emit('status', name, up));
        return [name, feed];
      }),
    ) as Record<SubgraphName, FeedFollower>;
  }

  /** True while every subgraph's feed is connected. */
  get connected(): boolean {
    return SUBGRAPH_NAMES.every((n) => this.feeds[n].connected);
  }

  /** Times a feed was (re)connected, per subgraph. */
  get connections(): Record<SubgraphName, number> {
    return Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, this.feeds[n].connections])) as Record<SubgraphName, number>;
  }

  /** The highest event id seen from `subgraph`. */
  lastEventId(subgraph: SubgraphName): string | undefined {
    return this.feeds[subgraph].lastEventId;
  }

  start(): this {
    for (const name of SUBGRAPH_NAMES) this.feeds[name].start();
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
    await Promise.all(SUBGRAPH_NAMES.map((n) => this.feeds[n].stop()));
  }
}

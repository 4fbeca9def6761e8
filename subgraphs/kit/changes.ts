import type { Request, Response } from 'express';
import { Client, type Notification } from 'pg';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { ChangeEvent } from '../../platform/change-feed';
import { sendError } from '../../platform/http';
import type { Logger } from '../../platform/logger';
import type { Written } from './writes';

/**
 * The change feed of one subgraph: which entity changed, to which version,
 * and nothing else (no data, so the feed needs no rights).
 *
 * - The write path (writes.ts) calls `recordChanges` inside the write's own
 *   transaction: one `change_event` row per entity the transaction changed,
 *   and a `pg_notify` that PostgreSQL delivers only when it commits. A write
 *   that rolls back (a refused mutation, a conflict, an error) leaves neither.
 * - `GET /changes?after=ID` (or the `Last-Event-ID` header) streams them as
 *   server-sent events: first every event after ID from the table (catch-up),
 *   then each one as it commits (LISTEN, one connection per process for all
 *   streams), with a comment line every `heartbeatMs` (or sooner, if the
 *   client asks with `?heartbeat=MS`) so a silent stream can
 *   be told from a dead one. A `ready` event says the catch-up is done; its
 *   id is the latest event's (so a client that connected without an ID and
 *   saw no change still knows where to catch up from). Without an ID it
 *   streams from now on.
 *
 * Events arrive live in commit order, which is not always `seq` order; the
 * gateway (gateway/changes.ts) catches up from the highest id it saw, so an
 * event that committed late with a lower id while it was disconnected can be
 * missed. That is why every follower (platform/change-feed.ts) treats every
 * reconnection as "anything may have changed": the gateway flushes its cache
 * and runs live queries again, an owning subgraph drops the agreements it
 * keeps (sharing.ts).
 */

/** The NOTIFY channel, in the subgraph's own database. */
export const CHANGE_CHANNEL = 'partnerhub_changes';

/** The change feed's table in every subgraph's database (written with SQL, not through an entity). */
export const CHANGE_EVENT_TABLE = 'change_event';

/** The `change_event` table, the same in every subgraph: the kit's data source adds this migration to each subgraph's own. */
export class CreateChangeEvents1796774400000 implements MigrationInterface {
  name = 'CreateChangeEvents1796774400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE change_event (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        version integer,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE change_event');
  }
}

/**
 * One event per entity a transaction changed (its last version), inserted and
 * announced in one statement, with `em` inside the write's transaction.
 */
export async function recordChanges(em: EntityManager, written: readonly Written[]): Promise<void> {
  const last = new Map<string, Written>();
  for (const w of written) last.set(`${w.entityType}\u0000${w.entityId}`, w);
  if (last.size === 0) return;
  const rows = [...last.values()];
  await em.query(
    `WITH e AS (
       INSERT INTO change_event (entity_type, entity_id, version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
       RETURNING seq, entity_type, entity_id, version
     )
     SELECT pg_notify($4, json_build_object('seq', seq::text, 'type', entity_type, 'id', entity_id, 'version', version)::text) FROM e`,
    [rows.map((w) => w.entityType), rows.map((w) => w.entityId), rows.map((w) => w.version), CHANGE_CHANNEL],
  );
}

/** An SSE frame: id, event name and the JSON data. */
function frame(e: ChangeEvent): string {
  return `id: ${e.seq}\nevent: change\ndata: ${JSON.stringify({ type: e.type, id: e.id, version: e.version })}\n\n`;
}

interface Stream {
  res: Response;
  /** Live events that arrived while the stream was still catching up from the table. */
  pending: ChangeEvent[] | null;
}

/** Rows read per catch-up query. */
const CATCH_UP_BATCH = 500;

export interface ChangeFeedOptions {
  databaseUrl: string;
  heartbeatMs: number;
  log: Logger;
  /** Reads the table (the subgraph's pool). */
  query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
}

/** `GET /changes` of one subgraph; `stop()` ends every stream and the LISTEN connection. */
export class ChangeFeed {
  private readonly streams = new Set<Stream>();
  private listener?: Promise<Client>;
  private stopped = false;

  constructor(private readonly opts: ChangeFeedOptions) {}

  readonly handler = async (req: Request, res: Response): Promise<void> => {
    const after = afterOf(req);
    if (after === undefined) {
      sendError(res, 400, 'BAD_USER_INPUT', 'after (or Last-Event-ID) must be the id of a change event: digits only.', {
        field: 'after',
      });
      return;
    }
    const heartbeatMs = heartbeatOf(req, this.opts.heartbeatMs);
    if (heartbeatMs === undefined) {
      sendError(
        res,
        400,
        'BAD_USER_INPUT',
        `heartbeat must be a number of milliseconds: digits only (asked intervals are kept between ${MIN_HEARTBEAT_MS} ms and this feed's ${this.opts.heartbeatMs} ms).`,
        { field: 'heartbeat' },
      );
      return;
    }
    try {
      await this.listen();
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'change feed: cannot listen');
      sendError(res, 503, 'DATABASE_UNAVAILABLE', 'The change feed cannot reach its database: try again shortly.');
      return;
    }
    if (this.stopped) {
      // Stopped while this stream waited for the LISTEN connection: opening it now would hold the
      // server's shutdown open (its streams were already ended) until the drain gives up.
      sendError(res, 503, 'SHUTTING_DOWN', 'The change feed is shutting down: reconnect to another instance or retry shortly.');
      return;
    }
    const stream: Stream = { res, pending: [] };
    this.streams.add(stream);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs).unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      this.streams.delete(stream);
    });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': change feed\n\n');
    try {
      const sent = new Set<string>();
      // Without an id: from the latest event on, which the `ready` event names.
      let from: string | null =
        after ?? String((await this.opts.query('SELECT coalesce(max(seq), 0)::text AS seq FROM change_event', []))[0].seq);
      let last: string = from;
      while (from !== null && !res.destroyed) {
        const rows = await this.opts.query(
          'SELECT seq::text AS seq, entity_type AS type, entity_id AS id, version FROM change_event WHERE seq > $1 ORDER BY seq LIMIT $2',
          [from, CATCH_UP_BATCH],
        );
        for (const row of rows) {
          const e = row as unknown as ChangeEvent;
          sent.add(e.seq);
          res.write(frame(e));
          last = e.seq;
        }
        from = rows.length === CATCH_UP_BATCH ? last : null;
      }
      // Caught up: its id is where a client that reconnects catches up from.
      res.write(`id: ${last}\nevent: ready\ndata: {}\n\n`);
      for (const e of stream.pending ?? []) if (!sent.has(e.seq)) res.write(frame(e));
      stream.pending = null;
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'change feed: catch-up failed');
      res.end();
    }
  };

  /** The one LISTEN connection; when it breaks, every stream ends (their clients reconnect and catch up). */
  private listen(): Promise<Client> {
    if (this.stopped) return Promise.reject(new Error('stopped'));
    this.listener ??= (async () => {
      const client = new Client({
        connectionString: this.opts.databaseUrl,
        application_name: 'partnerhub-changes',
        keepAlive: true,
        // A database that accepts but never answers must not hold stop() (which waits for this connection) forever.
        connectionTimeoutMillis: 5_000,
      });
      const lost = (err?: Error) => {
        if (this.listener === undefined) return;
        this.listener = undefined;
        if (!this.stopped) this.opts.log.warn({ err: err?.message }, 'change feed: LISTEN connection lost');
        client.removeAllListeners();
        client.on('error', () => {});
        void client.end().catch(() => {});
        this.endStreams();
      };
      client.on('error', lost);
      client.on('end', () => lost());
      client.on('notification', (n) => this.deliver(n));
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      } catch (err) {
        this.listener = undefined;
        client.removeAllListeners();
        client.on('error', () => {});
        void client.end().catch(() => {});
        throw err;
      }
      return client;
    })();
    return this.listener;
  }

  private deliver(n: Notification): void {
    if (n.channel !== CHANGE_CHANNEL || !n.payload) return;
    const e = JSON.parse(n.payload) as ChangeEvent;
    for (const s of this.streams) {
      if (s.pending) s.pending.push(e);
      else s.res.write(frame(e));
    }
  }

  private endStreams(): void {
    for (const s of this.streams) s.res.end();
    this.streams.clear();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.endStreams();
    const listener = this.listener;
    this.listener = undefined;
    if (listener) await (await listener.catch(() => undefined))?.end().catch(() => {});
  }
}

/** The shortest heartbeat interval a client may ask for. */
export const MIN_HEARTBEAT_MS = 100;

/**
 * `heartbeat` from the query string: the interval this stream asks for (a
 * follower that must notice a silent feed within a second asks for less than
 * the feed's default), kept between MIN_HEARTBEAT_MS and the feed's own
 * interval; the feed's own when absent, undefined when malformed.
 */
function heartbeatOf(req: Request, feedMs: number): number | undefined {
  const raw = req.query.heartbeat;
  if (raw === undefined) return feedMs;
  if (typeof raw !== 'string' || !/^\d{1,7}$/.test(raw)) return undefined;
  return Math.min(Math.max(Number(raw), MIN_HEARTBEAT_MS), feedMs);
}

/** `after` from the query string, else `Last-Event-ID`: '0'-style digits; null when absent (stream from now on); undefined when malformed. */
function afterOf(req: Request): string | null | undefined {
  const raw = typeof req.query.after === 'string' ? req.query.after : (req.get('last-event-id') ?? undefined);
  if (raw === undefined || raw === '') return null;
  return /^\d{1,19}$/.test(raw) ? raw : undefined;
}

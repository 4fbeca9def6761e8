/**
 * The change feed (issue 15, item 5): every committed write leaves a change
 * event (entity type, id, version, no data) in the owning subgraph's
 * database, streamed at `GET /changes` as server-sent events; a write that
 * does not commit leaves none; the gateway's feeds (gateway/changes.ts)
 * reconnect and catch up from the last event they saw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChangeEvent } from '../../gateway/changes';
import { feedUrl, serverSentEvents } from '../../platform/change-feed';
import { demoCompanyId } from '../../platform/ids';
import { createLogger } from '../../platform/logger';
import { SUBGRAPHS } from '../../subgraphs';
import { companyTarget } from '../../subgraphs/companies/writes';
import { createDataSource } from '../../subgraphs/kit/database';
import { SubgraphMetrics } from '../../subgraphs/kit/metrics';
import { startSubgraph } from '../../subgraphs/kit/subgraph';
import { ANY_VERSION, transact, write } from '../../subgraphs/kit/writes';
import { COMPANIES } from '../helpers/demo';
import { startTestHub, token, type TestHub } from '../helpers/hub';
import { waitFor } from '../helpers/processes';

let hub: TestHub;
let editor: string;
const companyId = demoCompanyId(COMPANIES[0].enterpriseNumber);
const UPDATE = `mutation($id: ID!, $v: Int!, $name: String!) { updateCompany(id: $id, input: { name: $name }, expectedVersion: $v) { id version } }`;

beforeAll(async () => {
  hub = await startTestHub();
  editor = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'vb-editor' });
  await hub.gateway.changes.whenConnected();
}, 120_000);
afterAll(async () => {
  await hub?.stop();
});

interface RawEvent {
  id?: string;
  event: string;
  data: any;
}

/** Reads a subgraph's /changes as any SSE client would, keeping every event. */
async function openFeed(graphqlUrl: string, after?: string) {
  const abort = new AbortController();
  const url = feedUrl(graphqlUrl) + (after ? `?after=${after}` : '');
  const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  const events: RawEvent[] = [];
  const ready: RawEvent[] = [];
  const done = (async () => {
    for await (const e of serverSentEvents(res.body!)) (e.event === 'ready' ? ready : events).push({ ...e, data: JSON.parse(e.data) });
  })().catch(() => {});
  await waitFor('the ready event', async () => ready.length > 0, 20_000, 20);
  return {
    events,
    /** The id of the `ready` event: the latest event when the catch-up was done. */
    readyId: ready[0].id,
    next: (n: number) => waitFor(`${n} change event(s)`, async () => events.length >= n && events, 20_000, 20),
    async close() {
      abort.abort();
      await done;
    },
  };
}

async function currentVersion(): Promise<number> {
  const res = await hub.query(`query($id: ID!) { company(id: $id) { version } }`, { id: companyId });
  return res.data.company.version;
}

async function eventRows(): Promise<number> {
  const [row] = await hub.subgraphs.companies.ds.query('SELECT count(*)::int AS n FROM change_event');
  return row.n;
}

describe('change feed', () => {
  it('a committed write streams one event: type, id and version, no data', async () => {
    const feed = await openFeed(hub.subgraphs.companies.url);
    const atGateway: ChangeEvent[] = [];
    const listen = (e: ChangeEvent) => atGateway.push(e);
    hub.gateway.changes.on('change', listen);
    try {
      const v = await currentVersion();
      const res = await hub.query(UPDATE, { id: companyId, v, name: 'AquaNova Filtration NV' }, { token: editor });
      expect(res.errors).toBeUndefined();
      const [event] = await feed.next(1);
      expect(event.event).toBe('change');
      expect(event.id).toMatch(/^\d+$/);
      expect(event.data).toEqual({ type: 'Company', id: companyId, version: v + 1 });
      await waitFor('the event at the gateway', async () => atGateway.length > 0, 20_000, 20);
      expect(atGateway[0]).toEqual({ subgraph: 'companies', seq: event.id, type: 'Company', id: companyId, version: v + 1 });
    } finally {
      hub.gateway.changes.off('change', listen);
      await feed.close();
    }
  });

  it('a refused mutation or a rolled-back transaction leaves no event', async () => {
    const feed = await openFeed(hub.subgraphs.companies.url);
    try {
      const before = await eventRows();
      const v = await currentVersion();
      // Refused: a stale version (CONFLICT), bad input (BAD_USER_INPUT), no token (UNAUTHENTICATED).
      const stale = await hub.query(UPDATE, { id: companyId, v: v - 1, name: 'Stale' }, { token: editor });
      expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const bad = await hub.query(UPDATE, { id: companyId, v, name: '' }, { token: editor });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const anonymous = await hub.query(UPDATE, { id: companyId, v, name: 'Anonymous' });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // Through the write path itself: the update succeeds, then the transaction fails.
      const principal = { sub: 'vb-editor', org: 'vlaams-brabant', roles: ['editor'] };
      await expect(
        transact(hub.subgraphs.companies.ds, principal, async (tx) => {
          await tx.update({ target: companyTarget, id: companyId, expectedVersion: v, values: { name: 'Rolled back' } });
          throw new Error('something after the write failed');
        }),
      ).rejects.toThrow('something after the write failed');
      expect(await eventRows()).toBe(before);
      // The next committed write is the next event on the stream: nothing came before it.
      const ok = await hub.query(UPDATE, { id: companyId, v, name: 'AquaNova Filtration' }, { token: editor });
      expect(ok.errors).toBeUndefined();
      const events = await feed.next(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(events.map((e) => e.data)).toEqual([{ type: 'Company', id: companyId, version: v + 1 }]);
      expect(await eventRows()).toBe(before + 1);
    } finally {
      await feed.close();
    }
  });

  it('streams what was missed after the given id (after=, Last-Event-ID), and refuses a malformed one', async () => {
    const [{ max }] = await hub.subgraphs.companies.ds.query('SELECT max(seq)::text AS max FROM change_event');
    const first = await openFeed(hub.subgraphs.companies.url, String(Number(max) - 1));
    try {
      const [event] = await first.next(1);
      expect(event.id).toBe(max);
      expect(first.readyId).toBe(max);
    } finally {
      await first.close();
    }
    // Without an id: nothing from the past, and the ready event names the latest.
    const fresh = await openFeed(hub.subgraphs.companies.url);
    await new Promise((r) => setTimeout(r, 200));
    expect(fresh.events).toEqual([]);
    expect(fresh.readyId).toBe(max);
    await fresh.close();
    const res = await fetch(`${feedUrl(hub.subgraphs.companies.url)}?after=1;DROP`);
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('sends a heartbeat as often as a stream asks (?heartbeat=MS, down to 100 ms), and refuses a malformed interval', async () => {
    const countHeartbeats = async (query: string, ms: number) => {
      const abort = new AbortController();
      const res = await fetch(`${feedUrl(hub.subgraphs.companies.url)}${query}`, { signal: abort.signal });
      expect(res.status).toBe(200);
      let text = '';
      const decoder = new TextDecoder();
      const reading = (async () => {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
      })().catch(() => {});
      await new Promise((r) => setTimeout(r, ms));
      abort.abort();
      await reading;
      return text.split(': heartbeat\n\n').length - 1;
    };
    // The feed's own interval here is the default (10 s): none in 1.2 s unless asked.
    expect(await countHeartbeats('', 1_200)).toBe(0);
    expect(await countHeartbeats('?heartbeat=200', 1_200)).toBeGreaterThanOrEqual(3);
    // Below the floor: 100 ms, not a flood.
    expect(await countHeartbeats('?heartbeat=1', 1_200)).toBeLessThanOrEqual(12);
    for (const bad of ['abc', '-5', '1e3', '99999999']) {
      const res = await fetch(`${feedUrl(hub.subgraphs.companies.url)}?heartbeat=${bad}`);
      expect(res.status, bad).toBe(400);
      expect((await res.json()).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'heartbeat' });
    }
  });

  it('the gateway reconnects to a subgraph that restarted and catches up on the writes it missed', async () => {
    const feeds = hub.gateway.changes;
    const connectionsBefore = feeds.connections.companies;
    const seen: ChangeEvent[] = [];
    const listen = (e: ChangeEvent) => seen.push(e);
    feeds.on('change', listen);
    try {
      await hub.subgraphs.companies.stop();
      await waitFor('the gateway to notice', async () => !feeds.connected, 20_000, 20);
      // A write while the gateway cannot hear: through the one write path, from another process's pool.
      const log = createLogger('test', 'silent');
      const ds = createDataSource({
        url: hub.databaseUrls.companies,
        poolSize: 2,
        entities: SUBGRAPHS.companies.entities,
        migrations: SUBGRAPHS.companies.migrations,
        metrics: new SubgraphMetrics('companies'),
        log,
      });
      await ds.initialize();
      let version: number;
      try {
        const { row } = await write.update(ds, {
          principal: { sub: 'vb-editor', org: 'vlaams-brabant', roles: ['editor'] },
          target: companyTarget,
          id: companyId,
          expectedVersion: ANY_VERSION,
          values: { name: 'Written while the feed was down' },
        });
        version = row.version;
      } finally {
        await ds.destroy();
      }
      hub.subgraphs.companies = await startSubgraph(SUBGRAPHS.companies, hub.configs.companies);
      await feeds.whenConnected();
      const event = await waitFor('the missed event', async () => seen.find((e) => e.version === version), 20_000, 20);
      expect(event).toMatchObject({ subgraph: 'companies', type: 'Company', id: companyId });
      expect(feeds.connections.companies).toBe(connectionsBefore + 1);
      expect(feeds.lastEventId('companies')).toBe(event.seq);
    } finally {
      feeds.off('change', listen);
    }
  });
});

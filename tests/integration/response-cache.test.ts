/**
 * The gateway's response cache (issue 15, item 4): repeated anonymous
 * queries are answered without reaching a subgraph; a write flushes it
 * through the change feed; callers with a token, answers with an error and
 * any request while a change feed is down never touch it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../gateway/changes';
import { demoCompanyId } from '../../platform/ids';
import type { SubgraphName } from '../../platform/services';
import { SUBGRAPHS } from '../../subgraphs';
import { startSubgraph } from '../../subgraphs/kit/subgraph';
import { COMPANIES } from '../helpers/demo';
import { startTestHub, token, type TestHub } from '../helpers/hub';
import { waitFor } from '../helpers/processes';

let hub: TestHub;
let editor: string;
let reader: string;
const company = COMPANIES[1];
const companyId = demoCompanyId(company.enterpriseNumber);
const COMPANY = `query CachedCompany($id: ID!) { company(id: $id) { id name version municipality } }`;

beforeAll(async () => {
  hub = await startTestHub();
  editor = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'vb-editor' });
  reader = await token({ org: 'vlaams-brabant', roles: [], sub: 'vb-reader' });
  await hub.gateway.changes.whenConnected();
}, 120_000);
afterAll(async () => {
  await hub?.stop();
});

/** GraphQL requests a subgraph has answered so far (straight from its own metrics). */
async function served(name: SubgraphName): Promise<number> {
  const values = (await hub.subgraphs[name].metrics.requests.get()).values;
  return values.reduce((sum, v) => sum + v.value, 0);
}

/** One request and how many requests the companies subgraph saw for it. */
async function ask(query: string, variables: Record<string, unknown>, opts: { token?: string; headers?: Record<string, string> } = {}) {
  const before = await served('companies');
  const res = await hub.query(query, variables, opts);
  return { res, cache: res.headers.get('x-response-cache'), fetches: (await served('companies')) - before };
}

describe('response cache', () => {
  it('answers a repeated anonymous query from the cache: the subgraph sees one request', async () => {
    const first = await ask(COMPANY, { id: companyId });
    expect(first.res.errors).toBeUndefined();
    expect(first.cache).toBe('miss');
    expect(first.fetches).toBe(1);
    const second = await ask(COMPANY, { id: companyId });
    expect(second.cache).toBe('hit');
    expect(second.fetches).toBe(0);
    expect(second.res.data).toEqual(first.res.data);
    expect(second.res.headers.get('content-type')).toBe(first.res.headers.get('content-type'));
    // Another purpose, other variables or another operation text are other entries.
    expect((await ask(COMPANY, { id: companyId }, { headers: { 'Hub-Purpose': 'MATCHMAKING' } })).cache).toBe('miss');
    expect((await ask(COMPANY, { id: demoCompanyId(COMPANIES[2].enterpriseNumber) })).cache).toBe('miss');
    expect((await ask(`${COMPANY} `, { id: companyId })).cache).toBe('miss');
  });

  it('a write flushes it: the first answer after the change event is fresh', async () => {
    await ask(COMPANY, { id: companyId });
    expect((await ask(COMPANY, { id: companyId })).cache).toBe('hit');
    const events: ChangeEvent[] = [];
    const listen = (e: ChangeEvent) => events.push(e);
    hub.gateway.changes.on('change', listen);
    try {
      const before = (await ask(COMPANY, { id: companyId })).res.data.company;
      const written = Date.now();
      const update = await hub.query(
        `mutation($id: ID!, $v: Int!) { updateCompany(id: $id, input: { municipality: "Tienen" }, expectedVersion: $v) { version } }`,
        { id: companyId, v: before.version },
        { token: editor },
      );
      expect(update.errors).toBeUndefined();
      // Anonymous readers keep asking from the moment the write returns.
      let fresh: Awaited<ReturnType<typeof ask>> | undefined;
      while (!fresh) {
        if (Date.now() - written > 10_000) throw new Error('still the old answer 10 s after the write');
        const r = await ask(COMPANY, { id: companyId });
        if (r.res.data.company.version === before.version + 1) fresh = r;
      }
      console.log(
        `response cache: a write's commit to the first fresh anonymous answer: ${Date.now() - written} ms (under the machine's current load)`,
      );
      expect(fresh.res.data.company.municipality).toBe('Tienen');
      // Once the event is in, every answer is fresh.
      await waitFor('the change event at the gateway', async () => events.some((e) => e.id === companyId), 20_000, 10);
      const after = await ask(COMPANY, { id: companyId });
      expect(after.res.data.company).toEqual(fresh.res.data.company);
      expect((await ask(COMPANY, { id: companyId })).cache).toBe('hit');
    } finally {
      hub.gateway.changes.off('change', listen);
    }
  });

  it('never serves or stores the answers of a caller with a token', async () => {
    const withToken = async () => ask(COMPANY, { id: companyId }, { token: reader });
    await ask(COMPANY, { id: companyId }); // an anonymous entry exists
    for (const r of [await withToken(), await withToken()]) {
      expect(r.cache).toBeNull();
      expect(r.fetches).toBe(1);
      expect(r.res.errors).toBeUndefined();
    }
    // Contacts: the owner sees them, an anonymous caller gets null + UNAUTHENTICATED, never the owner's answer.
    const CONTACT = `query($id: ID!) { company(id: $id) { name contact { email } } }`;
    const owner = await ask(CONTACT, { id: companyId }, { token: reader });
    expect(owner.res.data.company.contact?.email).toContain('@');
    for (let i = 0; i < 2; i++) {
      const anonymous = await ask(CONTACT, { id: companyId });
      expect(anonymous.res.data.company.contact).toBeNull();
      expect(anonymous.res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // An answer with an error is never stored.
      expect(anonymous.cache).toBe('miss');
      expect(anonymous.fetches).toBe(1);
    }
  });

  it('is bypassed while a change feed is down, and used again once it is back', async () => {
    const feeds = hub.gateway.changes;
    await ask(COMPANY, { id: companyId });
    expect((await ask(COMPANY, { id: companyId })).cache).toBe('hit');
    await hub.subgraphs.clusters.stop();
    await waitFor('the gateway to notice', async () => !feeds.connected, 20_000, 20);
    for (let i = 0; i < 2; i++) {
      const r = await ask(COMPANY, { id: companyId });
      expect(r.cache).toBeNull();
      expect(r.fetches).toBe(1);
    }
    hub.subgraphs.clusters = await startSubgraph(SUBGRAPHS.clusters, hub.configs.clusters);
    await feeds.whenConnected();
    expect((await ask(COMPANY, { id: companyId })).cache).toBe('miss');
    expect((await ask(COMPANY, { id: companyId })).cache).toBe('hit');
  });
});

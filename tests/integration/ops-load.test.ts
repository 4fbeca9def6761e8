/**
 * Operations (issue 6): a bounded load on loopback, through the gateway
 * process, during which the companies subgraph (the one taking the writes) is
 * killed with SIGKILL and started again. The gateway never crashes, every
 * response is well-formed GraphQL JSON, and every write that was acknowledged
 * is in the database afterwards; a write that was not acknowledged is either
 * fully there (row and audit entry) or fully absent.
 */
import { Client } from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { token } from '../helpers/hub';
import { getJson, ProcessHub, sleep } from '../helpers/processes';
import { enterpriseNumberFromBase } from '../../subgraphs/companies/validation/enterprise-number';

/** Hard bounds: the run ends at whichever comes first (normally: AFTER_RECOVERY_MS after the restart). */
const MAX_REQUESTS = 1_000;
const MAX_DURATION_MS = 60_000;
const KILL_AFTER_MS = 3_000;
/** Traffic that keeps going once the killed subgraph is back. */
const AFTER_RECOVERY_MS = 5_000;
/** Pause of each worker between requests; longer once THROTTLE_AFTER requests were sent (a slow restart on a busy machine). */
const PAUSE_MS = 40;
const THROTTLE_AFTER = 600;
const pause = () => sleep(stats.requests > THROTTLE_AFTER ? 250 : PAUSE_MS);

let hub: ProcessHub;
let editor: string;

beforeAll(async () => {
  hub = await new ProcessHub({ subgraphs: ['companies', 'clusters'] }).init();
  await Promise.all([hub.start('companies'), hub.start('clusters'), hub.start('gateway')]);
  editor = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'load-editor' });
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

interface Outcome {
  status: number;
  body?: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  malformed?: string;
}

const stats = { requests: 0, malformed: [] as string[], codes: {} as Record<string, number>, ok: 0 };

/** One request through the gateway, checked for being well-formed GraphQL JSON. */
async function send(query: string, variables?: Record<string, unknown>, auth = false): Promise<Outcome> {
  stats.requests++;
  let res: Response;
  try {
    res = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${editor}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    const malformed = `no answer from the gateway: ${(err as Error).message}`;
    stats.malformed.push(malformed);
    return { status: 0, malformed };
  }
  const text = await res.text();
  let body: Outcome['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const wellFormed =
    (res.headers.get('content-type') ?? '').includes('application/json') &&
    body !== undefined &&
    typeof body === 'object' &&
    ('data' in body || 'errors' in body) &&
    (body.errors ?? []).every((e) => typeof e.message === 'string' && typeof e.extensions?.code === 'string') &&
    !/stacktrace/.test(text);
  if (!wellFormed) {
    const malformed = `HTTP ${res.status}: ${text.slice(0, 300)}`;
    stats.malformed.push(malformed);
    return { status: res.status, malformed };
  }
  for (const e of body!.errors ?? []) stats.codes[e.extensions!.code!] = (stats.codes[e.extensions!.code!] ?? 0) + 1;
  if (!body!.errors) stats.ok++;
  return { status: res.status, body };
}

const CREATE = `mutation LoadCreate($input: CreateCompanyInput!) { createCompany(input: $input) { id enterpriseNumber version } }`;
const UPDATE = `mutation LoadUpdate($id: ID!, $v: Int!, $input: UpdateCompanyInput!) { updateCompany(id: $id, expectedVersion: $v, input: $input) { id version name } }`;
const VERSION = `query LoadVersion($id: ID!) { company(id: $id) { version } }`;
const READS: [string, boolean][] = [
  ['query LoadList { companies(first: 5) { totalCount edges { node { id name municipality } } } }', false],
  ['query LoadMixed { cluster(code: CLEANTECH) { code memberCount } companies(first: 2) { edges { node { id } } } }', false],
  ['query LoadClusters { clusters { code name } }', false],
];

it('keeps serving through a subgraph kill and restart; loses no acknowledged write', async () => {
  const started = Date.now();
  const acknowledgedCreates: { id: string; enterpriseNumber: string; at: number }[] = [];
  const acknowledgedUpdates: { id: string; version: number; name: string }[] = [];
  let unacknowledgedWrites = 0;
  let restartedAt = Infinity;
  let done = false;
  let base = 17_000_000 + Math.floor(Math.random() * 1_000_000);

  const writer = async (w: number) => {
    let mine: { id: string; version: number | undefined } | undefined;
    for (let i = 0; !done; i++) {
      if (i % 2 === 0 || !mine) {
        const enterpriseNumber = enterpriseNumberFromBase(base++);
        const input = {
          enterpriseNumber,
          name: `Load ${w}-${i}`,
          municipality: 'Leuven',
          postalCode: '3000',
          employees: 5,
          cleantechDomains: ['ENERGY_PRODUCTION'],
          chinaStatus: 'EXPLORING',
        };
        const r = await send(CREATE, { input }, true);
        const created = r.body?.data?.createCompany;
        if (created) {
          acknowledgedCreates.push({ id: created.id, enterpriseNumber, at: Date.now() });
          mine = { id: created.id, version: created.version };
        } else unacknowledgedWrites++;
      } else {
        if (mine.version === undefined) {
          // The last update was not acknowledged: it may or may not have committed.
          mine.version = (await send(VERSION, { id: mine.id }, true)).body?.data?.company?.version;
          if (mine.version === undefined) {
            await pause();
            continue;
          }
        }
        const name = `Load ${w}-${i} renamed`;
        const r = await send(UPDATE, { id: mine.id, v: mine.version, input: { name } }, true);
        const updated = r.body?.data?.updateCompany;
        if (updated) {
          acknowledgedUpdates.push({ id: updated.id, version: updated.version, name: updated.name });
          mine.version = updated.version;
        } else {
          unacknowledgedWrites++;
          mine.version = undefined;
        }
      }
      await pause();
    }
  };
  const reader = async (r: number) => {
    for (let i = r; !done; i++) {
      const [query, auth] = READS[i % READS.length];
      await send(query, undefined, auth);
      await pause();
    }
  };
  const stopWhenDone = async () => {
    while (!done) {
      const now = Date.now();
      if (stats.requests >= MAX_REQUESTS || now - started > MAX_DURATION_MS || now - restartedAt > AFTER_RECOVERY_MS) done = true;
      await sleep(50);
    }
  };
  const chaos = async () => {
    await sleep(KILL_AFTER_MS);
    const exit = await hub.service('companies').kill();
    expect(exit.signal).toBe('SIGKILL');
    await hub.start('companies');
    restartedAt = Date.now();
  };

  await Promise.all([writer(1), writer(2), reader(0), reader(1), reader(2), stopWhenDone(), chaos()]);
  const elapsed = Date.now() - started;
  console.log(
    `load: ${stats.requests} requests in ${(elapsed / 1000).toFixed(1)} s, ${stats.ok} without errors, error codes ${JSON.stringify(stats.codes)}, ` +
      `${acknowledgedCreates.length} creates and ${acknowledgedUpdates.length} updates acknowledged, ${unacknowledgedWrites} writes not acknowledged`,
  );

  // The gateway never crashed and every answer was GraphQL JSON.
  expect(stats.malformed, stats.malformed.slice(0, 5).join('\n')).toEqual([]);
  expect(hub.service('gateway').running, hub.service('gateway').tail()).toBe(true);
  expect((await getJson(hub.service('gateway').url + '/health')).status).toBe(200);
  expect(stats.requests).toBeGreaterThanOrEqual(150);
  expect(stats.requests).toBeLessThanOrEqual(MAX_REQUESTS + 10);
  // The kill was felt, and the restarted subgraph took writes again without a gateway restart.
  expect(stats.codes.SUBGRAPH_UNAVAILABLE ?? 0).toBeGreaterThan(0);
  expect(acknowledgedCreates.some((c) => c.at > restartedAt)).toBe(true);
  expect(restartedAt).toBeLessThan(Infinity);

  // Every acknowledged write is in the database; every write is whole or absent.
  const db = new Client({ connectionString: hub.databaseUrls.companies });
  await db.connect();
  try {
    const rows = await db.query<{ id: string; enterprise_number: string; version: number; name: string }>(
      `SELECT id, enterprise_number, version, name FROM company WHERE name LIKE 'Load %'`,
    );
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    for (const c of acknowledgedCreates) expect(byId.get(c.id)?.enterprise_number, `acknowledged create ${c.id}`).toBe(c.enterpriseNumber);
    const audits = await db.query<{ entity_id: string; action: string; to_name: string | null }>(
      `SELECT entity_id, action, changes->'name'->>'to' AS to_name FROM audit_log WHERE entity_type = 'Company'`,
    );
    const auditsOf = (id: string) => audits.rows.filter((a) => a.entity_id === id);
    for (const u of acknowledgedUpdates) {
      expect(
        auditsOf(u.id).some((a) => a.action === 'UPDATE' && a.to_name === u.name),
        `acknowledged update ${u.id} v${u.version}`,
      ).toBe(true);
      expect(byId.get(u.id)!.version).toBeGreaterThanOrEqual(u.version);
    }
    for (const row of rows.rows) {
      const entries = auditsOf(row.id);
      expect(
        entries.filter((a) => a.action === 'CREATE'),
        `audit of ${row.id}`,
      ).toHaveLength(1);
      expect(entries.filter((a) => a.action === 'UPDATE')).toHaveLength(row.version - 1);
    }
    const orphans = audits.rows.filter((a) => a.action === 'CREATE' && !byId.has(a.entity_id) && a.to_name?.startsWith('Load '));
    expect(orphans).toEqual([]);
  } finally {
    await db.end();
  }
}, 120_000);

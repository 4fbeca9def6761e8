/**
 * Disclosure records (issue 14, items 1 and 2), with real tokens from the
 * organisations' development providers, through the real gateway, on the
 * demo agreements: chengdu reads company contacts for MATCHMAKING (EU → CN,
 * cross-border), smart-hub for EVENT_ORGANISATION (EU → EU), vlaams-brabant
 * reads partner contacts for PROJECT_COORDINATION (CN → EU).
 *
 * What is shown to another organisation is recorded, one row per record, in
 * one INSERT per subgraph request, before the answer leaves; the owner finds
 * it with `disclosures`, newest first; the owner reading its own data records
 * nothing; and when the record cannot be written the data is withheld.
 */
import { randomUUID } from 'node:crypto';
import { Pool, type Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPartnerId } from '../../platform/ids';
import { PARTNERS } from '../helpers/demo';
import { startTestHub, token, type TestHub } from '../helpers/hub';
import { withClient } from '../../scripts/hub/postgres';
import { appendToTrail, checkTrails, TrailAppender, type TrailRow } from '../../subgraphs/kit/trail';

let hub: TestHub;
const t: Record<string, string> = {};
const agreements: Record<string, string> = {};

/** A company with a contact on the first page of names (read as chengdu three times and as smart-hub once below). */
let company: { id: string; name: string };
const partnerWithContact = PARTNERS.find((p) => p.contact)!;
const partnerId = demoPartnerId(partnerWithContact.creditCode);

const DISCLOSURE = 'id at requestId dataSet recipient actor purpose agreementId crossBorder fields';
const COMPANY_DISCLOSURES = `query($id: ID!, $first: Int, $after: String) {
  company(id: $id) { name disclosures(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${DISCLOSURE} } } } }
}`;
const PARTNER_DISCLOSURES = `query($id: ID!) { partner(id: $id) { nameEn disclosures { totalCount edges { node { ${DISCLOSURE} } } } } }`;
const COMPANY_CONTACTS = `query($first: Int) { companies(first: $first) { edges { node { id name contact { email } } } } }`;

const onDatabase = <T>(name: 'companies' | 'partners', fn: (c: Client) => Promise<T>): Promise<T> => withClient(hub.databaseUrls[name], fn);

const disclosureRows = (name: 'companies' | 'partners') =>
  onDatabase(name, async (c) => (await c.query('SELECT *, xmin::text AS tx FROM disclosure ORDER BY at, id')).rows);

/** The companies subgraph's recording metrics (kit/metrics.ts, on the Grafana dashboard): records, requests, recorded writes. */
async function recordingCounts() {
  const m = hub.subgraphs.companies.metrics;
  return {
    records: (await m.disclosuresRecorded.get()).values[0]?.value ?? 0,
    requests: (await m.disclosureWriteRequests.get()).values[0]?.value ?? 0,
    writes:
      (await m.disclosureWriteDuration.get()).values.find((v) => v.metricName?.endsWith('_count') && v.labels.outcome === 'recorded')
        ?.value ?? 0,
  };
}

/** Reads company contacts as `who` with `purpose`; answers the response, the SQL statements companies ran and the rows it wrote. */
async function readCompanyContacts(who: string, purpose: string | undefined, first: number) {
  const rowsBefore = (await disclosureRows('companies')).length;
  const sqlBefore = (await hub.sqlCounts()).companies;
  const res = await hub.query(COMPANY_CONTACTS, { first }, { token: t[who], headers: purpose ? { 'Hub-Purpose': purpose } : {} });
  const sql = (await hub.sqlCounts()).companies - sqlBefore;
  const rows = (await disclosureRows('companies')).slice(rowsBefore);
  return { res, sql, rows };
}

beforeAll(async () => {
  hub = await startTestHub();
  t.cdReader = await token({ org: 'chengdu', sub: 'li.wei' });
  t.shReader = await token({ org: 'smart-hub', sub: 'sh-events' });
  t.vbReader = await token({ org: 'vlaams-brabant', sub: 'vb-officer' });
  for (const org of ['chengdu', 'smart-hub', 'vlaams-brabant']) {
    const res = await hub.query('{ me { organisation { id } grantsReceived { id dataSet purposes grantor { id } } } }', undefined, {
      token: await token({ org }),
    });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    for (const a of res.data.me.grantsReceived) agreements[`${a.grantor.id}>${org}:${a.dataSet}:${a.purposes.join('|')}`] = a.id;
  }
});
afterAll(async () => {
  await hub?.stop();
});

describe('disclosure records', () => {
  it('records every company contact shown to chengdu, one row per record, in one INSERT per subgraph request', async () => {
    // A subgraph's first restricted read also reads the chain's head; from then on it keeps it (kit/trail.ts, TrailAppender).
    await readCompanyContacts('cdReader', 'MATCHMAKING', 2);
    const small = await readCompanyContacts('cdReader', 'MATCHMAKING', 2);
    const counted = await recordingCounts();
    const large = await readCompanyContacts('cdReader', 'MATCHMAKING', 20);
    // Counted too: the rows, the request, one write.
    expect(await recordingCounts()).toEqual({
      records: counted.records + large.rows.length,
      requests: counted.requests + 1,
      writes: counted.writes + 1,
    });
    for (const { res, rows } of [small, large]) {
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      const shown = res.data.companies.edges.filter((e: any) => e.node.contact).map((e: any) => e.node.id);
      company ??= res.data.companies.edges.find((e: any) => e.node.contact).node;
      expect(shown.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.record_id).sort()).toEqual([...shown].sort());
      const requestId = res.headers.get('x-request-id');
      for (const r of rows) {
        expect(r).toMatchObject({
          request_id: requestId,
          data_set: 'COMPANY_CONTACTS',
          recipient: 'chengdu',
          actor: 'li.wei',
          purpose: 'MATCHMAKING',
          agreement_id: agreements['vlaams-brabant>chengdu:COMPANY_CONTACTS:MATCHMAKING'],
          cross_border: true,
          fields: ['contact'],
        });
      }
      // All rows of one request written together: one transaction (one INSERT in it, the SQL count below shows it does not grow).
      expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
    }
    expect(large.rows.length).toBeGreaterThan(small.rows.length);
    console.info(
      `companies SQL statements per request: ${small.sql} for ${small.rows.length} records shown, ${large.sql} for ${large.rows.length}`,
    );
    // The recording is batched: the same statements whatever the number of records shown, one more than the owner's read.
    expect(large.sql).toBe(small.sql);
    expect(large.sql - (await readCompanyContacts('vbReader', undefined, 20)).sql).toBe(1);
  });

  it('the owner finds them with disclosures: recipient, purpose, agreement, fields, cross-border; newest first, paged', async () => {
    await readCompanyContacts('shReader', 'EVENT_ORGANISATION', 20);
    const res = await hub.query(COMPANY_DISCLOSURES, { id: company.id }, { token: t.vbReader });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const { edges, totalCount } = res.data.company.disclosures;
    expect(totalCount).toBe(4); // chengdu three times, smart-hub once (this company is on the first page of names)
    expect(edges.map((e: any) => e.node.recipient)).toEqual(['smart-hub', 'chengdu', 'chengdu', 'chengdu']);
    expect(edges[0].node).toMatchObject({
      dataSet: 'COMPANY_CONTACTS',
      recipient: 'smart-hub',
      actor: 'sh-events',
      purpose: 'EVENT_ORGANISATION',
      agreementId: agreements['vlaams-brabant>smart-hub:COMPANY_CONTACTS:EVENT_ORGANISATION'],
      crossBorder: false,
      fields: ['contact'],
    });
    expect(edges[1].node).toMatchObject({ recipient: 'chengdu', purpose: 'MATCHMAKING', crossBorder: true });
    const times = edges.map((e: any) => Date.parse(e.node.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // Keyset pages, newest first: page by page gives the same list.
    const page1 = await hub.query(COMPANY_DISCLOSURES, { id: company.id, first: 2 }, { token: t.vbReader });
    const p1 = page1.data.company.disclosures;
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const page2 = await hub.query(COMPANY_DISCLOSURES, { id: company.id, first: 2, after: p1.pageInfo.endCursor }, { token: t.vbReader });
    const p2 = page2.data.company.disclosures;
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect([...p1.edges, ...p2.edges].map((e: any) => e.node.id)).toEqual(edges.map((e: any) => e.node.id));
  });

  it('partner contacts shown to vlaams-brabant are recorded in the partners database and found by chengdu', async () => {
    const read = await hub.query(
      `query($id: ID!) { partner(id: $id) { contact { email } } }`,
      { id: partnerId },
      { token: t.vbReader, headers: { 'Hub-Purpose': 'PROJECT_COORDINATION' } },
    );
    expect(read.errors, JSON.stringify(read.errors)).toBeUndefined();
    expect(read.data.partner.contact.email).toBe(partnerWithContact.contact!.email);
    const res = await hub.query(PARTNER_DISCLOSURES, { id: partnerId }, { token: t.cdReader });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data.partner.disclosures.totalCount).toBe(1);
    expect(res.data.partner.disclosures.edges[0].node).toMatchObject({
      dataSet: 'PARTNER_CONTACTS',
      recipient: 'vlaams-brabant',
      actor: 'vb-officer',
      purpose: 'PROJECT_COORDINATION',
      agreementId: agreements['chengdu>vlaams-brabant:PARTNER_CONTACTS:MATCHMAKING|PROJECT_COORDINATION'],
      crossBorder: true,
      fields: ['contact'],
      requestId: read.headers.get('x-request-id'),
    });
  });

  it('the owner reading its own contacts records nothing; a refused read records nothing', async () => {
    const own = await readCompanyContacts('vbReader', undefined, 20);
    expect(own.res.errors).toBeUndefined();
    expect(own.res.data.companies.edges.some((e: any) => e.node.contact)).toBe(true);
    expect(own.rows).toEqual([]);
    const refused = await readCompanyContacts('cdReader', 'STATISTICS', 5);
    expect(refused.res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_COVERED' });
    expect(refused.rows).toEqual([]);
  });

  it('only the owner reads disclosures: FORBIDDEN and null for another organisation, UNAUTHENTICATED without a token', async () => {
    for (const [tok, code] of [
      [t.cdReader, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const res = await hub.query(COMPANY_DISCLOSURES, { id: company.id }, { token: tok });
      expect(res.data.company).toMatchObject({ name: company.name, disclosures: null });
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toMatchObject({ path: ['company', 'disclosures'], extensions: { code } });
    }
  });

  it('bad paging arguments are BAD_USER_INPUT naming the argument', async () => {
    for (const [vars, field] of [
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ after: Buffer.from(JSON.stringify(['Acme', '00000000-0000-4000-8000-000000000000'])).toString('base64url') }, 'after'],
    ] as const) {
      const res = await hub.query(COMPANY_DISCLOSURES, { id: company.id, ...vars }, { token: t.vbReader });
      expect(res.errors?.[0]?.extensions, JSON.stringify(vars)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('when the disclosure cannot be recorded the data is withheld: DISCLOSURE_NOT_RECORDED, no contact in the answer', async () => {
    // Only the owner may rename a table: the service's role owns nothing.
    const asOwner = (sql: string) => withClient(hub.databases.ownerUrl(hub.databaseUrls.companies), (c) => c.query(sql));
    await asOwner('ALTER TABLE disclosure RENAME TO disclosure_away');
    try {
      const res = await hub.query(COMPANY_CONTACTS, { first: 5 }, { token: t.cdReader, headers: { 'Hub-Purpose': 'MATCHMAKING' } });
      expect(res.data ?? null).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toMatchObject({ code: 'DISCLOSURE_NOT_RECORDED' });
      expect(JSON.stringify(res)).not.toContain('@');
      // Straight at the subgraph: the same.
      const direct = await fetch(hub.subgraphs.companies.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.cdReader}`, 'Hub-Purpose': 'MATCHMAKING' },
        body: JSON.stringify({ query: COMPANY_CONTACTS, variables: { first: 5 } }),
      }).then((r) => r.json() as Promise<any>);
      expect(direct.data).toBeNull();
      expect(direct.errors[0].extensions.code).toBe('DISCLOSURE_NOT_RECORDED');
      // The owner's reads need no record and still answer.
      const own = await hub.query(COMPANY_CONTACTS, { first: 5 }, { token: t.vbReader });
      expect(own.errors).toBeUndefined();
    } finally {
      await asOwner('ALTER TABLE disclosure_away RENAME TO disclosure');
    }
    const again = await readCompanyContacts('cdReader', 'MATCHMAKING', 5);
    expect(again.res.errors).toBeUndefined();
    expect(again.rows.length).toBeGreaterThan(0);
  });

  it('other writers of the chain (replicas) append between its batches: nobody forks it, nothing is lost, and the subgraph follows', async () => {
    const row = (): TrailRow => ({
      id: randomUUID(),
      request_id: `replica-test-${randomUUID()}`,
      data_set: 'COMPANY_CONTACTS',
      record_id: company.id,
      recipient: 'chengdu',
      actor: 'replica-test',
      purpose: 'MATCHMAKING',
      agreement_id: agreements['vlaams-brabant>chengdu:COMPANY_CONTACTS:MATCHMAKING'],
      cross_border: true,
      fields: ['contact'],
    });
    const before = (await disclosureRows('companies')).length;
    // Two replicas (their own pools, the service's role) and a writer that takes the trail's lock, all at once.
    const pools = [
      new Pool({ connectionString: hub.databaseUrls.companies, max: 2 }),
      new Pool({ connectionString: hub.databaseUrls.companies, max: 2 }),
    ];
    try {
      const replicas = pools.map((p) => new TrailAppender(p, 'disclosure', 50));
      const locked = async () => {
        for (let i = 0; i < 10; i++) {
          await onDatabase('companies', async (c) => {
            await c.query('BEGIN');
            await appendToTrail(c, 'disclosure', [row(), row()]);
            await c.query('COMMIT');
          });
        }
      };
      await Promise.all([
        ...replicas.map(async (r) => {
          for (let i = 0; i < 20; i++) await r.append([row(), row(), row()]);
        }),
        locked(),
      ]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
    // The companies subgraph's own appender still holds the head it wrote last: its next batch conflicts and follows.
    const read = await readCompanyContacts('cdReader', 'MATCHMAKING', 5);
    expect(read.res.errors, JSON.stringify(read.res.errors)).toBeUndefined();
    expect(read.rows.length).toBeGreaterThan(0);
    const after = await disclosureRows('companies');
    expect(after.length - before).toBe(2 * 20 * 3 + 10 * 2 + read.rows.length);
    const seqs = after.map((r) => Number(r.seq)).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const [checked] = (await onDatabase('companies', (c) => checkTrails(c))).filter((x) => x.trail === 'disclosure');
    expect(checked).toMatchObject({ records: after.length, broken: null });
  });

  it("one batch of two requests' rows, interleaved and with different fields, stores each row with its own request's values", async () => {
    // The batch sends each combination of the columns a request's rows share once (kit/trail.ts, linkedInsert):
    // a row must keep its own combination even when the rows of two requests alternate (A, B, A, B, A).
    const requests = [
      { request_id: `interleaved-a-${randomUUID()}`, actor: 'interleaved-a', fields: ['contact'] },
      { request_id: `interleaved-b-${randomUUID()}`, actor: 'interleaved-b', fields: ['contact', 'email'] },
    ];
    const shared = {
      data_set: 'COMPANY_CONTACTS',
      recipient: 'chengdu',
      purpose: 'MATCHMAKING',
      agreement_id: agreements['vlaams-brabant>chengdu:COMPANY_CONTACTS:MATCHMAKING'],
      cross_border: true,
    };
    const batch: TrailRow[] = [0, 1, 0, 1, 0].map((i) => ({ id: randomUUID(), record_id: company.id, ...shared, ...requests[i] }));
    const pool = new Pool({ connectionString: hub.databaseUrls.companies, max: 1 });
    try {
      await new TrailAppender(pool, 'disclosure').append(batch);
    } finally {
      await pool.end();
    }
    const stored = await onDatabase(
      'companies',
      async (c) =>
        (
          await c.query('SELECT id, request_id, actor, fields FROM disclosure WHERE request_id = ANY($1) ORDER BY seq', [
            requests.map((r) => r.request_id),
          ])
        ).rows,
    );
    expect(stored).toEqual(batch.map((r) => ({ id: r.id, request_id: r.request_id, actor: r.actor, fields: r.fields })));
    const [checked] = (await onDatabase('companies', (c) => checkTrails(c))).filter((x) => x.trail === 'disclosure');
    expect(checked.broken).toBeNull();
  });
});

/**
 * The cross-border register through the API (issue 14, item 5), on the real
 * hub: grantees read contacts under the demo agreements (chengdu: company
 * contacts for MATCHMAKING, EU → CN; smart-hub: for EVENT_ORGANISATION, EU →
 * EU), and the owner's steward finds them counted per recipient, purpose and
 * agreement with the legal basis the registry holds, cross-border ones
 * marked — in one SQL statement, with the same lines as the evidence
 * bundle's register. Another organisation is refused; a bad period is
 * refused, naming the argument, and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOf, type TrailSection } from '../../scripts/evidence/bundle';
import { withClient } from '../../scripts/hub/postgres';
import { readTrail } from '../../subgraphs/kit/trail';
import { databaseState, expectError } from '../helpers/expect';
import { graphql, startTestHub, token, type TestHub } from '../helpers/hub';

let hub: TestHub;
const t: Record<string, string> = {};

const LINE = `dataSet recipient purpose agreementId crossBorder disclosures records requests first last
  agreement { id legalBasis grantee { id name jurisdiction } }`;
const COMPANY_REGISTER = `query($from: DateTime, $to: DateTime) {
  companyDisclosureRegister(from: $from, to: $to) { dataSet from to lines { ${LINE} } }
}`;
const PARTNER_REGISTER = `query($from: DateTime, $to: DateTime) {
  partnerDisclosureRegister(from: $from, to: $to) { dataSet from to lines { ${LINE} } }
}`;
const COMPANY_CONTACTS = `query($first: Int) { companies(first: $first) { edges { node { id contact { email } } } } }`;

/** The companies whose contact an answer showed. */
async function readContacts(who: string, purpose: string, first: number): Promise<string[]> {
  const res = await hub.query(COMPANY_CONTACTS, { first }, { token: t[who], headers: { 'Hub-Purpose': purpose } });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.companies.edges.filter((e: any) => e.node.contact).map((e: any) => e.node.id);
}

/** The registry's answer for the owner's agreements: id → legal basis. */
async function legalBases(): Promise<Map<string, string>> {
  const res = await hub.query('{ sharingAgreements { id legalBasis } }', {}, { token: t.vbSteward });
  return new Map(res.data.sharingAgreements.map((a: any) => [a.id, a.legalBasis]));
}

const shown: Record<string, string[][]> = { cd: [], sh: [] };
let started: Date;

beforeAll(async () => {
  hub = await startTestHub();
  t.vbSteward = await token({ org: 'vlaams-brabant', roles: ['steward'], sub: 'an.peeters' });
  t.cdSteward = await token({ org: 'chengdu', roles: ['steward'], sub: 'li.wei' });
  t.cdReader = await token({ org: 'chengdu', sub: 'cd-matchmaker' });
  t.shReader = await token({ org: 'smart-hub', sub: 'sh-events' });
  started = new Date();
  // chengdu twice (20, then 5 of the same first page: records overlap), smart-hub once.
  shown.cd.push(await readContacts('cdReader', 'MATCHMAKING', 20));
  shown.cd.push(await readContacts('cdReader', 'MATCHMAKING', 5));
  shown.sh.push(await readContacts('shReader', 'EVENT_ORGANISATION', 10));
});
afterAll(async () => {
  await hub?.stop();
});

describe('the cross-border register', () => {
  it("shows the owner's steward each recipient's disclosures, with the legal basis and the cross-border mark, in one statement", async () => {
    const before = (await hub.sqlCounts()).companies;
    const res = await hub.query(COMPANY_REGISTER, {}, { token: t.vbSteward });
    expect((await hub.sqlCounts()).companies - before).toBe(1);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const register = res.data.companyDisclosureRegister;
    expect(register.dataSet).toBe('COMPANY_CONTACTS');
    // Default period: the last 90 days up to now.
    const span = Date.parse(register.to) - Date.parse(register.from);
    expect(span).toBe(90 * 86_400_000);
    expect(Date.parse(register.to)).toBeGreaterThanOrEqual(started.getTime());

    const bases = await legalBases();
    const byRecipient = new Map(register.lines.map((l: any) => [l.recipient, l]));
    expect(register.lines.map((l: any) => l.recipient)).toEqual(['chengdu', 'smart-hub']);
    const cd: any = byRecipient.get('chengdu');
    expect(cd).toMatchObject({
      dataSet: 'COMPANY_CONTACTS',
      purpose: 'MATCHMAKING',
      crossBorder: true,
      disclosures: shown.cd.flat().length,
      records: new Set(shown.cd.flat()).size,
      requests: 2,
    });
    expect(cd.records).toBeLessThan(cd.disclosures); // the second read showed records the first had shown
    expect(cd.agreement).toMatchObject({
      id: cd.agreementId,
      legalBasis: bases.get(cd.agreementId),
      grantee: { id: 'chengdu', jurisdiction: 'CN' },
    });
    expect(cd.agreement.legalBasis.length).toBeGreaterThan(0);
    const sh: any = byRecipient.get('smart-hub');
    expect(sh).toMatchObject({
      purpose: 'EVENT_ORGANISATION',
      crossBorder: false,
      disclosures: shown.sh[0].length,
      records: shown.sh[0].length,
      requests: 1,
    });
    expect(sh.agreement.legalBasis).toBe(bases.get(sh.agreementId));
    for (const line of register.lines) {
      expect(Date.parse(line.first)).toBeGreaterThanOrEqual(started.getTime() - 1_000);
      expect(Date.parse(line.last)).toBeGreaterThanOrEqual(Date.parse(line.first));
    }

    // The same lines as the evidence bundle's register over the same records (one grouping, kit/register.ts).
    const records = await withClient(hub.databaseUrls.companies, (c) => readTrail(c, 'disclosure'));
    const section: TrailSection = {
      subgraph: 'companies',
      trail: 'disclosure',
      start: { seq: 1, prevHash: '' },
      end: null,
      head: null,
      records,
    };
    const bundled = registerOf([section], { legalBasis: (id) => bases.get(id) ?? null, jurisdiction: () => null });
    expect(
      register.lines.map((l: any) => [
        l.recipient,
        l.purpose,
        l.agreementId,
        l.crossBorder,
        l.disclosures,
        l.requests,
        l.agreement.legalBasis,
      ]),
    ).toEqual(bundled.map((l) => [l.recipient, l.purpose, l.agreementId, l.crossBorder, l.disclosures, l.requests, l.legalBasis]));
  });

  it('counts only the period asked: [from, to)', async () => {
    const earlier = await hub.query(
      COMPANY_REGISTER,
      { from: new Date(started.getTime() - 7 * 86_400_000).toISOString(), to: started.toISOString() },
      { token: t.vbSteward },
    );
    expect(earlier.errors, JSON.stringify(earlier.errors)).toBeUndefined();
    expect(earlier.data.companyDisclosureRegister.lines).toEqual([]);
    // The default start is 90 days before `to`, but never before the first instant the API accepts.
    const early = await hub.query(COMPANY_REGISTER, { to: '1900-01-02T00:00:00Z' }, { token: t.vbSteward });
    expect(early.errors, JSON.stringify(early.errors)).toBeUndefined();
    expect(early.data.companyDisclosureRegister).toMatchObject({ from: '1900-01-01T00:00:00.000Z', lines: [] });
  });

  it("chengdu's steward has the partner register: vlaams-brabant's reads of partner contacts, cross-border", async () => {
    const vbReader = await token({ org: 'vlaams-brabant', sub: 'vb-officer' });
    const res = await hub.query('{ partners(first: 10) { edges { node { id contact { email } } } } }', undefined, {
      token: vbReader,
      headers: { 'Hub-Purpose': 'PROJECT_COORDINATION' },
    });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const partners = res.data.partners.edges.filter((e: any) => e.node.contact).length;
    expect(partners).toBeGreaterThan(0);
    const register = await hub.query(PARTNER_REGISTER, {}, { token: t.cdSteward });
    expect(register.errors, JSON.stringify(register.errors)).toBeUndefined();
    expect(register.data.partnerDisclosureRegister.lines).toEqual([
      expect.objectContaining({
        dataSet: 'PARTNER_CONTACTS',
        recipient: 'vlaams-brabant',
        purpose: 'PROJECT_COORDINATION',
        crossBorder: true,
        disclosures: partners,
        records: partners,
        requests: 1,
        agreement: expect.objectContaining({ grantee: expect.objectContaining({ id: 'vlaams-brabant', jurisdiction: 'EU' }) }),
      }),
    ]);
  });

  it("refuses another organisation's register (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED)", async () => {
    for (const [query, who, field] of [
      [COMPANY_REGISTER, t.cdSteward, 'companyDisclosureRegister'],
      [COMPANY_REGISTER, t.shReader, 'companyDisclosureRegister'],
      [PARTNER_REGISTER, t.vbSteward, 'partnerDisclosureRegister'],
    ] as const) {
      const res = await hub.query(query, {}, { token: who });
      expectError(res, 'FORBIDDEN', 'The register of disclosures');
      expect(res.data?.[field]).toBeNull();
    }
    const anonymous = await hub.query(COMPANY_REGISTER, {});
    expectError(anonymous, 'UNAUTHENTICATED');
    expect(anonymous.data?.companyDisclosureRegister).toBeNull();
  });

  it("the registry resolves a line's agreement for its grantor and grantee only", async () => {
    const register = await hub.query(COMPANY_REGISTER, {}, { token: t.vbSteward });
    const agreement = register.data.companyDisclosureRegister.lines.find((l: any) => l.recipient === 'chengdu').agreementId;
    const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on SharingAgreement { id legalBasis } } }';
    const ask = (who?: string) =>
      graphql(hub.subgraphs.registry.url, ENTITIES, { r: [{ __typename: 'SharingAgreement', id: agreement }] }, who ? { token: who } : {});
    for (const who of [t.vbSteward, t.cdReader]) expect((await ask(who)).data._entities[0]).toMatchObject({ id: agreement });
    for (const who of [t.shReader, undefined]) expect((await ask(who)).data._entities).toEqual([null]);
  });

  it('refuses a bad period with BAD_USER_INPUT naming the argument, writes nothing and keeps serving', async () => {
    const state = await databaseState(hub, ['companies', 'registry']);
    const day = 86_400_000;
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ from: iso(now), to: iso(now - day) }, 'from', 'must be before to'],
      [{ from: iso(now), to: iso(now) }, 'from', 'must be before to'],
      [{ from: iso(now + day) }, 'from', 'must be before to'],
      [{ from: iso(now - 400 * day), to: iso(now) }, 'from', 'at most 366 days'],
    ];
    for (const [variables, field, mentions] of cases) {
      const res = await hub.query(COMPANY_REGISTER, variables, { token: t.vbSteward });
      expectError(res, 'BAD_USER_INPUT', { field, mentions });
      expect(res.data?.companyDisclosureRegister ?? null).toBeNull();
    }
    // Not an instant, or outside the dates the API accepts: refused by the DateTime scalar, naming the variable.
    for (const variables of [{ from: 'last week' }, { to: '2101-01-01T00:00:00Z' }]) {
      const res = await hub.query(COMPANY_REGISTER, variables, { token: t.vbSteward });
      expectError(res, 'BAD_USER_INPUT', `$${Object.keys(variables)[0]}`);
    }
    expect(await databaseState(hub, ['companies', 'registry'])).toEqual(state);
    const after = await hub.query(COMPANY_REGISTER, {}, { token: t.vbSteward });
    expect(after.errors).toBeUndefined();
    expect(after.data.companyDisclosureRegister.lines.length).toBe(2);
  });
});

/**
 * Sharing agreements (registry) and their enforcement in the owning subgraph,
 * with real tokens from the organisations' development providers.
 *
 * The story tried here: chengdu shares its partners' contacts with smart-hub
 * for EVENT_ORGANISATION (no demo agreement covers that pair), reads before,
 * with and without the right purpose, revokes, and reads again: through the
 * gateway and straight at the partners subgraph, counting rows before and
 * after every refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCompanyId, demoPartnerId } from '../../platform/ids';
import { COMPANIES, PARTNERS } from '../helpers/demo';
import { readUntil } from '../helpers/expect';
import { graphql, startTestHub, token, type GraphQLResponse, type TestHub } from '../helpers/hub';

let hub: TestHub;
const t: Record<string, string> = {};

beforeAll(async () => {
  hub = await startTestHub();
  t.cdSteward = await token({ org: 'chengdu', roles: ['steward'], sub: 'cd-steward' });
  t.cdEditor = await token({ org: 'chengdu', roles: ['editor'], sub: 'cd-editor' });
  t.vbSteward = await token({ org: 'vlaams-brabant', roles: ['steward'], sub: 'vb-steward' });
  t.vbReader = await token({ org: 'vlaams-brabant', roles: [], sub: 'vb-reader' });
  t.shReader = await token({ org: 'smart-hub', roles: [], sub: 'sh-reader' });
  t.shSteward = await token({ org: 'smart-hub', roles: ['steward'], sub: 'sh-steward' });
});
afterAll(async () => {
  await hub?.stop();
});

const AGREEMENT = `id dataSet grantor { id jurisdiction } grantee { id jurisdiction } purposes legalBasis validFrom validUntil revokedAt active crossBorder version`;
const GRANT = `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { ${AGREEMENT} } }`;
const REVOKE = `mutation($id: ID!, $v: Int!) { revokeAccess(id: $id, expectedVersion: $v) { ${AGREEMENT} history { action actor organisation changes } } }`;
const LIST = `query($f: AgreementFilter) { sharingAgreements(filter: $f) { ${AGREEMENT} } }`;

const partnerWithContact = PARTNERS.find((p) => p.contact)!;
const partnerId = demoPartnerId(partnerWithContact.creditCode);
const PARTNER_CONTACT = `query($id: ID!) { partner(id: $id) { nameEn contact { name email } } }`;
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();

function headersFor(purpose?: string): Record<string, string> {
  return purpose ? { 'Hub-Purpose': purpose } : {};
}

/** Reads the partner's contact as smart-hub, through the gateway and straight at the partners subgraph. */
async function readContact(purpose?: string): Promise<GraphQLResponse[]> {
  return Promise.all(
    [hub.gatewayUrl, hub.subgraphs.partners.url].map((url) =>
      graphql(url, PARTNER_CONTACT, { id: partnerId }, { token: t.shReader, headers: headersFor(purpose) }),
    ),
  );
}

function expectRefused(responses: GraphQLResponse[], reason: string) {
  for (const res of responses) {
    expect(res.data.partner.nameEn, JSON.stringify(res)).toBe(partnerWithContact.nameEn);
    expect(res.data.partner.contact).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['partner', 'contact'], extensions: { code: 'FORBIDDEN', reason } });
  }
}

function expectShown(responses: GraphQLResponse[]) {
  for (const res of responses) {
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data.partner.contact).toEqual({ name: partnerWithContact.contact!.name, email: partnerWithContact.contact!.email });
  }
}

/** Every row of the partners and registry databases that a read or a refused write could touch. */
async function rowCounts() {
  const [partners] = await hub.subgraphs.partners.ds.query(
    `SELECT (SELECT count(*) FROM partner)::int AS partners, (SELECT count(*) FROM audit_log)::int AS audits,
            (SELECT md5(string_agg(p::text, ',' ORDER BY id)) FROM partner p) AS checksum`,
  );
  const [registry] = await hub.subgraphs.registry.ds.query(
    `SELECT (SELECT count(*) FROM sharing_agreement)::int AS agreements, (SELECT count(*) FROM audit_log)::int AS audits,
            (SELECT md5(string_agg(a::text, ',' ORDER BY id)) FROM sharing_agreement a) AS checksum`,
  );
  return { partners, registry };
}

describe('the demo agreements tell the partnership story', () => {
  it('vlaams-brabant sees what it gave and received; crossBorder follows the jurisdictions', async () => {
    const res = await hub.query(
      `{ me { subject organisation { id jurisdiction dataSets } roles
              grantsGiven { dataSet grantee { id } purposes crossBorder active }
              grantsReceived { dataSet grantor { id } purposes crossBorder active } } }`,
      {},
      { token: t.vbSteward },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.me).toMatchObject({
      subject: 'vb-steward',
      organisation: { id: 'vlaams-brabant', jurisdiction: 'EU', dataSets: ['COMPANY_CONTACTS'] },
      roles: ['steward'],
    });
    const given = res.data.me.grantsGiven.map((a: any) => `${a.dataSet}->${a.grantee.id}:${a.purposes.join('+')}:${a.crossBorder}`).sort();
    expect(given).toEqual(['COMPANY_CONTACTS->chengdu:MATCHMAKING:true', 'COMPANY_CONTACTS->smart-hub:EVENT_ORGANISATION:false']);
    expect(res.data.me.grantsReceived.map((a: any) => `${a.grantor.id}:${a.purposes.join('+')}:${a.crossBorder}`)).toEqual([
      'chengdu:MATCHMAKING+PROJECT_COORDINATION:true',
    ]);
  });

  it('lists expired agreements too unless activeOnly; a third organisation sees none of the others', async () => {
    const all = await hub.query(LIST, { f: { grantee: 'chengdu' } }, { token: t.vbReader });
    expect(all.data.sharingAgreements.map((a: any) => [a.purposes.join('+'), a.active])).toEqual([
      ['MATCHMAKING', true],
      ['EVENT_ORGANISATION', false],
    ]);
    const active = await hub.query(LIST, { f: { grantee: 'chengdu', activeOnly: true } }, { token: t.vbReader });
    expect(active.data.sharingAgreements).toHaveLength(1);
    const smartHub = await hub.query(LIST, {}, { token: t.shReader });
    expect(smartHub.data.sharingAgreements.map((a: any) => `${a.grantor.id}->${a.grantee.id}`)).toEqual(['vlaams-brabant->smart-hub']);
  });

  it('anonymous callers: organisations answer, me is null, sharingAgreements is UNAUTHENTICATED', async () => {
    const res = await hub.query(`{ organisations { id name jurisdiction issuer dataSets } me { subject } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.me).toBeNull();
    expect(res.data.organisations.map((o: any) => [o.id, o.jurisdiction, o.issuer])).toEqual(
      hub.trust.trust.organisations.map((o) => [o.id, o.jurisdiction, o.issuer]),
    );
    const list = await hub.query(LIST, {});
    expect(list.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the owner always reads its own contacts, with or without a purpose', async () => {
    const company = demoCompanyId(COMPANIES.find((c) => c.contact)!.enterpriseNumber);
    const res = await hub.query(`query($id: ID!) { company(id: $id) { contact { email } } }`, { id: company }, { token: t.vbReader });
    expect(res.errors).toBeUndefined();
    expect(res.data.company.contact.email).toContain('@');
  });
});

describe('grant, read, revoke, read again', () => {
  it('shows the contact only under the agreement and its purpose, and refuses it within one second of the revocation', async () => {
    const before = await rowCounts();
    // No agreement between chengdu and smart-hub yet.
    expectRefused(await readContact(), 'PURPOSE_MISSING');
    expectRefused(await readContact('EVENT_ORGANISATION'), 'NO_AGREEMENT');
    expect(await rowCounts()).toEqual(before);

    const granted = await hub.query(
      GRANT,
      {
        input: {
          dataSet: 'PARTNER_CONTACTS',
          grantee: 'smart-hub',
          purposes: ['EVENT_ORGANISATION', 'EVENT_ORGANISATION'],
          legalBasis: '  Consent of the contact persons for the Chengdu Cleantech Week 2027 (PIPL art. 13, 39)  ',
          validUntil: inAYear(),
        },
      },
      { token: t.cdSteward },
    );
    const grantedAt = Date.now();
    expect(granted.errors).toBeUndefined();
    const agreement = granted.data.grantAccess;
    expect(agreement).toMatchObject({
      dataSet: 'PARTNER_CONTACTS',
      grantor: { id: 'chengdu', jurisdiction: 'CN' },
      grantee: { id: 'smart-hub', jurisdiction: 'EU' },
      purposes: ['EVENT_ORGANISATION'],
      legalBasis: 'Consent of the contact persons for the Chengdu Cleantech Week 2027 (PIPL art. 13, 39)',
      active: true,
      crossBorder: true,
      revokedAt: null,
      version: 1,
    });
    const afterGrant = await rowCounts();
    expect(afterGrant.registry.agreements).toBe(before.registry.agreements + 1);
    expect(afterGrant.registry.audits).toBe(before.registry.audits + 1);

    expectRefused(await readContact(), 'PURPOSE_MISSING');
    const notCovered = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.reason === 'PURPOSE_NOT_COVERED';
    expectRefused(
      (
        await readUntil(
          () => readContact('STATISTICS'),
          (all) => all.every(notCovered),
          grantedAt,
        )
      ).answer,
      'PURPOSE_NOT_COVERED',
    );
    expect(await rowCounts()).toEqual(afterGrant);
    expectShown(await readContact('EVENT_ORGANISATION'));

    const revoked = await hub.query(REVOKE, { id: agreement.id, v: 1 }, { token: t.cdSteward });
    const revokedAt = Date.now();
    expect(revoked.errors).toBeUndefined();
    const { answer: reads, afterMs: refusedAfterMs } = await readUntil(
      () => readContact('EVENT_ORGANISATION'),
      (all) => all.every((r) => r.data.partner.contact === null),
      revokedAt,
    );
    expectRefused(reads, 'NO_AGREEMENT');
    expect(refusedAfterMs).toBeLessThan(1_000);
    console.info(`revocation in force: both reads refused ${refusedAfterMs} ms after revokeAccess returned`);
    expect(revoked.data.revokeAccess).toMatchObject({ active: false, version: 2 });
    expect(new Date(revoked.data.revokeAccess.revokedAt).getTime()).toBeLessThanOrEqual(revokedAt);
    expect(revoked.data.revokeAccess.history.map((h: any) => [h.action, h.actor, h.organisation])).toEqual([
      ['REVOKE', 'cd-steward', 'chengdu'],
      ['GRANT', 'cd-steward', 'chengdu'],
    ]);
    expect(Object.keys(revoked.data.revokeAccess.history[0].changes)).toEqual(['revokedAt']);
    expect(revoked.data.revokeAccess.history[1].changes.granteeId).toEqual({ from: null, to: 'smart-hub' });
    const afterRevoke = await rowCounts();
    expect(afterRevoke.partners).toEqual(before.partners);
    expect(afterRevoke.registry.audits).toBe(before.registry.audits + 2);
  });

  it('an agreement that starts later is not in force yet', async () => {
    const res = await hub.query(
      GRANT,
      {
        input: {
          dataSet: 'PARTNER_CONTACTS',
          grantee: 'smart-hub',
          purposes: ['STATISTICS'],
          legalBasis: 'Aggregated reporting under the 2027 cooperation plan',
          validFrom: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          validUntil: inAYear(),
        },
      },
      { token: t.cdSteward },
    );
    expect(res.data.grantAccess.active).toBe(false);
    expectRefused(await readContact('STATISTICS'), 'NO_AGREEMENT');
  });

  it('decides once per subgraph request, however many records: one registry lookup or one answer kept from the last', async () => {
    const agreements = hub.subgraphs.companies.agreements;
    const decisions = () => agreements.lookups + agreements.hits;
    const before = decisions();
    const page = await graphql(
      hub.subgraphs.companies.url,
      '{ companies(first: 40) { edges { node { contact { email } } } } }',
      {},
      { token: await token({ org: 'chengdu', sub: 'cd-reader' }), headers: headersFor('MATCHMAKING') },
    );
    expect(page.errors).toBeUndefined();
    expect(page.data.companies.edges.filter((e: any) => e.node.contact).length).toBeGreaterThan(20);
    expect(decisions() - before).toBe(1);
    // Through the gateway: projects -> companies (one _entities fetch) and the owner's own records (no lookup).
    const viaGateway = await hub.query(
      '{ projects(first: 10) { edges { node { companies { contact { email } } } } } }',
      {},
      { token: t.cdEditor, headers: headersFor('MATCHMAKING') },
    );
    expect(viaGateway.errors).toBeUndefined();
    expect(decisions() - before).toBe(2);
  });
});

describe('sharingAgreements(filter: { notEnded: true }), what the owning subgraphs ask', () => {
  /** chengdu grants smart-hub PARTNER_CONTACTS for STATISTICS; the agreement's id and version. */
  async function grant(validFrom?: string): Promise<{ id: string; version: number }> {
    const input = {
      dataSet: 'PARTNER_CONTACTS',
      grantee: 'smart-hub',
      purposes: ['STATISTICS'],
      legalBasis: 'Aggregated reporting (notEnded filter test)',
      validFrom,
      validUntil: inAYear(),
    };
    const res = await hub.query(GRANT, { input }, { token: t.cdSteward });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data.grantAccess;
  }

  async function list(f: Record<string, unknown>, as: string): Promise<any[]> {
    const res = await hub.query(LIST, { f }, { token: as });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data.sharingAgreements;
  }

  const ids = (agreements: any[]) => agreements.map((a) => a.id);

  it('leaves out revoked and expired agreements and keeps one that starts later; the default lists every one', async () => {
    const later = await grant(new Date(Date.now() + 30 * 86_400_000).toISOString());
    const revoked = await grant();
    expect((await hub.query(REVOKE, { id: revoked.id, v: revoked.version }, { token: t.cdSteward })).errors).toBeUndefined();

    const all = await list({ grantee: 'smart-hub' }, t.shReader);
    expect(ids(all)).toEqual(expect.arrayContaining([later.id, revoked.id]));
    const notEnded = await list({ grantee: 'smart-hub', notEnded: true }, t.shReader);
    expect(ids(notEnded)).toContain(later.id);
    expect(ids(notEnded)).not.toContain(revoked.id);
    // The default's list, less what has ended, in the same order: the database filters, nothing else changes.
    const now = Date.now();
    expect(notEnded).toEqual(all.filter((a) => a.revokedAt === null && Date.parse(a.validUntil) > now));
    expect(await list({ grantee: 'smart-hub', notEnded: false }, t.shReader)).toEqual(all);
    // activeOnly still leaves out the one that starts later.
    expect(ids(await list({ grantee: 'smart-hub', notEnded: true, activeOnly: true }, t.shReader))).not.toContain(later.id);

    // The demo agreement for the 2025 trade mission (vlaams-brabant -> chengdu) has expired.
    const toChengdu = await list({ grantee: 'chengdu', grantor: 'vlaams-brabant' }, t.vbReader);
    expect(toChengdu.map((a) => [a.purposes.join('+'), a.active])).toEqual([
      ['MATCHMAKING', true],
      ['EVENT_ORGANISATION', false],
    ]);
    const stillOn = await list({ grantee: 'chengdu', grantor: 'vlaams-brabant', notEnded: true }, t.vbReader);
    expect(stillOn.map((a) => a.purposes.join('+'))).toEqual(['MATCHMAKING']);
  });

  it('a notEnded that is not a Boolean is BAD_USER_INPUT naming the field', async () => {
    const res = await hub.query(LIST, { f: { grantee: 'smart-hub', notEnded: 'yes' } }, { token: t.shReader });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'f.notEnded' });
  });
});

describe('the registry refuses, and writes nothing', () => {
  const valid = (overrides: Record<string, unknown> = {}) => ({
    dataSet: 'PARTNER_CONTACTS',
    grantee: 'smart-hub',
    purposes: ['MATCHMAKING'],
    legalBasis: 'Consent',
    validUntil: inAYear(),
    ...overrides,
  });

  async function refused(res: GraphQLResponse, code: string, field?: string) {
    expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res)).toBe(code);
    if (field) expect(res.errors![0].extensions?.field).toBe(field);
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|QueryFailedError|SELECT |INSERT /);
  }

  it('grantAccess: only stewards of the owner of the data set', async () => {
    const before = await rowCounts();
    await refused(await hub.query(GRANT, { input: valid() }), 'UNAUTHENTICATED');
    await refused(await hub.query(GRANT, { input: valid() }, { token: t.cdEditor }), 'FORBIDDEN');
    await refused(await hub.query(GRANT, { input: valid() }, { token: t.vbSteward }), 'FORBIDDEN');
    await refused(await hub.query(GRANT, { input: valid() }, { token: t.shSteward }), 'FORBIDDEN');
    await refused(await graphql(hub.subgraphs.registry.url, GRANT, { input: valid() }, { token: t.vbSteward }), 'FORBIDDEN');
    expect(await rowCounts()).toEqual(before);
  });

  it('grantAccess: bad input names the field', async () => {
    const before = await rowCounts();
    const now = Date.now();
    const cases: [Record<string, unknown>, string][] = [
      [{ validUntil: new Date(now - 60_000).toISOString() }, 'input.validUntil'],
      [
        { validFrom: new Date(now + 7 * 86_400_000).toISOString(), validUntil: new Date(now + 86_400_000).toISOString() },
        'input.validUntil',
      ],
      [{ validFrom: new Date(now - 86_400_000).toISOString() }, 'input.validFrom'],
      [{ grantee: 'atlantis' }, 'input.grantee'],
      [{ grantee: 'chengdu' }, 'input.grantee'],
      [{ purposes: [] }, 'input.purposes'],
      [{ legalBasis: '   ' }, 'input.legalBasis'],
      [{ legalBasis: 'x'.repeat(501) }, 'input.legalBasis'],
    ];
    for (const [overrides, field] of cases) {
      await refused(await hub.query(GRANT, { input: valid(overrides) }, { token: t.cdSteward }), 'BAD_USER_INPUT', field);
    }
    await refused(await hub.query(GRANT, { input: valid({ purposes: ['GOSSIP'] }) }, { token: t.cdSteward }), 'BAD_USER_INPUT');
    expect(await rowCounts()).toEqual(before);
  });

  it('revokeAccess: the grantor stewards only, at the current version, once', async () => {
    const [demo] = (await hub.query(LIST, { f: { grantor: 'chengdu', activeOnly: true } }, { token: t.cdSteward })).data.sharingAgreements;
    const before = await rowCounts();
    await refused(await hub.query(REVOKE, { id: demo.id, v: demo.version }), 'UNAUTHENTICATED');
    await refused(await hub.query(REVOKE, { id: demo.id, v: demo.version }, { token: t.vbSteward }), 'FORBIDDEN'); // the grantee
    await refused(await hub.query(REVOKE, { id: demo.id, v: demo.version }, { token: t.shSteward }), 'NOT_FOUND'); // a third organisation
    await refused(await hub.query(REVOKE, { id: demo.id, v: demo.version }, { token: t.cdEditor }), 'FORBIDDEN'); // no steward role
    await refused(await hub.query(REVOKE, { id: demo.id, v: demo.version + 1 }, { token: t.cdSteward }), 'CONFLICT');
    await refused(await hub.query(REVOKE, { id: 'nope', v: 1 }, { token: t.cdSteward }), 'BAD_USER_INPUT', 'id');
    await refused(await hub.query(REVOKE, { id: '00000000-0000-4000-8000-000000000000', v: 1 }, { token: t.cdSteward }), 'NOT_FOUND');
    expect(await rowCounts()).toEqual(before);
    const history = await hub.query(`{ sharingAgreements { history { action } } }`, {}, { token: t.shReader });
    expect(history.errors).toBeUndefined();
    const done = await hub.query(REVOKE, { id: demo.id, v: demo.version }, { token: t.cdSteward });
    expect(done.errors).toBeUndefined();
    await refused(await hub.query(REVOKE, { id: demo.id, v: done.data.revokeAccess.version }, { token: t.cdSteward }), 'CONFLICT');
  });

  it('the history of an agreement is for grantor and grantee only', async () => {
    const res = await hub.query(
      `{ sharingAgreements(filter: { grantee: "smart-hub" }) { grantor { id } history { action } } }`,
      {},
      {
        token: t.shReader,
      },
    );
    expect(res.errors).toBeUndefined();
    for (const a of res.data.sharingAgreements) expect(a.history.length).toBeGreaterThan(0);
    await refused(await hub.query(LIST, { f: { grantee: 'atlantis' } }, { token: t.shReader }), 'BAD_USER_INPUT', 'filter.grantee');
  });
});

describe('the Hub-Purpose header', () => {
  it('an unknown purpose is BAD_USER_INPUT naming the header, at the start of the request, by either path', async () => {
    for (const url of [hub.gatewayUrl, hub.subgraphs.partners.url, hub.subgraphs.registry.url]) {
      const res = await graphql(url, '{ __typename }', {}, { token: t.shReader, headers: { 'Hub-Purpose': 'CURIOSITY' } });
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Hub-Purpose' });
    }
  });
});

describe('fail closed', () => {
  it('refuses restricted data when the registry cannot be asked; the owner still reads its own', async () => {
    await hub.subgraphs.registry.stop();
    for (const res of await readContact('EVENT_ORGANISATION')) {
      expect(res.data.partner.contact).toBeNull();
      expect(res.errors![0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'AGREEMENTS_UNAVAILABLE' });
    }
    const own = await hub.query(PARTNER_CONTACT, { id: partnerId }, { token: t.cdEditor });
    expect(own.errors).toBeUndefined();
    expect(own.data.partner.contact).not.toBeNull();
  });
});

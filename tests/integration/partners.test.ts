import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTNERS } from '../helpers/demo';
import { demoPartnerId } from '../../platform/ids';
import { creditCodeFromBase } from '../../subgraphs/partners/validation';
import { graphql, startTestHub, token, type GraphQLResponse, type TestHub } from '../helpers/hub';
import { expectError } from '../helpers/expect';

let hub: TestHub;
let chengduEditor: string;
let chengduReader: string;
let vbEditor: string;

beforeAll(async () => {
  // SQL statements are counted per request: every request must reach the subgraphs (no response cache).
  hub = await startTestHub({ RESPONSE_CACHE: 'false' });
  chengduEditor = await token({ org: 'chengdu', roles: ['editor'], sub: 'chengdu-editor' });
  chengduReader = await token({ org: 'chengdu', roles: [] });
  vbEditor = await token({ org: 'vlaams-brabant', roles: ['editor'] });
});
afterAll(async () => {
  await hub?.stop();
});

const seedId = demoPartnerId;
const SHUQING = PARTNERS.find((p) => p.creditCode === '91510107MA6GCA9969')!; // Tianfu Sino-European Cleantech, Wuhou

interface PageNode {
  id: string;
  nameEn: string;
  district: string;
  kind: string;
  cleantechDomains: string[];
  themes: string[];
  creditCode: string;
  nameZh: string;
}
const NODE = 'id nameEn nameZh creditCode district kind cleantechDomains themes';

async function allPartners(
  filter: Record<string, unknown> | null,
  first: number,
): Promise<{ nodes: PageNode[]; totalCount: number; pages: number }> {
  const nodes: PageNode[] = [];
  let after: string | null = null;
  let totalCount = -1;
  let pages = 0;
  for (;;) {
    const res: GraphQLResponse = await hub.query(
      `query($filter: PartnerFilter, $first: Int, $after: String) {
        partners(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NODE} } } }
      }`,
      { filter, first, after },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const conn = res.data.partners;
    if (totalCount === -1) totalCount = conn.totalCount;
    expect(conn.totalCount).toBe(totalCount);
    expect(conn.edges.length).toBeLessThanOrEqual(first);
    nodes.push(...conn.edges.map((e: { node: PageNode }) => e.node));
    pages++;
    if (!conn.pageInfo.hasNextPage) break;
    expect(conn.pageInfo.endCursor).toBe(conn.edges[conn.edges.length - 1].cursor);
    after = conn.pageInfo.endCursor;
    expect(pages).toBeLessThan(100);
  }
  return { nodes, totalCount, pages };
}

const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);
const sorted = (xs: string[]) => [...xs].sort();

describe('partner queries through the gateway', () => {
  it('answers partner(id) with every public field, name in the language asked for', async () => {
    const res = await hub.query(
      `query($id: ID!) { partner(id: $id) { id creditCode nameZh nameEn name zh: name(lang: ZH) nl: name(lang: NL) en: name(lang: EN)
        kind district cleantechDomains themes website version } }`,
      { id: seedId(SHUQING.creditCode) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.partner).toEqual({
      id: seedId(SHUQING.creditCode),
      creditCode: SHUQING.creditCode,
      nameZh: SHUQING.nameZh,
      nameEn: SHUQING.nameEn,
      name: SHUQING.nameEn,
      zh: SHUQING.nameZh,
      nl: SHUQING.nameEn,
      en: SHUQING.nameEn,
      kind: 'COMPANY',
      district: 'Wuhou',
      cleantechDomains: sorted(SHUQING.cleantechDomains),
      themes: sorted(SHUQING.themes),
      // As every write stores a web address: normalised, with the path "/" (the file says https://www.tf-sinoeu-cleantech.cn).
      website: 'https://www.tf-sinoeu-cleantech.cn/',
      version: 1,
    });
  });

  it('answers null for an unknown id', async () => {
    const res = await hub.query('{ partner(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.partner).toBeNull();
  });

  it('restricts contact to chengdu and agreements in force, history to chengdu; the rest of the query answers', async () => {
    const q = `query($id: ID!) { partner(id: $id) { nameEn contact { name email phone } history { action actor organisation } } }`;
    const variables = { id: seedId(SHUQING.creditCode) };

    const anonymous = await hub.query(q, variables);
    expect(anonymous.data.partner.nameEn).toBe(SHUQING.nameEn);
    expect(anonymous.data.partner.contact).toBeNull();
    expect(anonymous.data.partner.history).toBeNull();
    expect(anonymous.errors!.find((e) => e.path?.join('.') === 'partner.contact')?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.errors!.find((e) => e.path?.join('.') === 'partner.history')?.extensions?.code).toBe('UNAUTHENTICATED');

    // vlaams-brabant under the demo agreement on PARTNER_CONTACTS (MATCHMAKING, PROJECT_COORDINATION).
    const other = await hub.query(q, variables, { token: vbEditor, headers: { 'Hub-Purpose': 'PROJECT_COORDINATION' } });
    expect(other.data.partner.contact).toEqual({ name: SHUQING.contact!.name, email: SHUQING.contact!.email, phone: null });
    expect(other.data.partner.history).toBeNull();
    expect(other.errors).toHaveLength(1);
    expect(other.errors![0].path).toEqual(['partner', 'history']);
    expect(other.errors![0].extensions?.code).toBe('FORBIDDEN');

    const owner = await hub.query(q, variables, { token: chengduReader });
    expect(owner.errors).toBeUndefined();
    expect(owner.data.partner.history).toEqual([{ action: 'SEED', actor: 'demo-seed', organisation: 'chengdu' }]);
  });

  it('finds a partner by credit code typed in lower case with spaces; null for an unknown valid code', async () => {
    const typed = ` ${SHUQING.creditCode.toLowerCase().replace(/(.{4})/g, '$1 ')} `;
    const res = await hub.query('query($c: String!) { partnerByCreditCode(creditCode: $c) { id creditCode } }', { c: typed });
    expect(res.errors).toBeUndefined();
    expect(res.data.partnerByCreditCode).toEqual({ id: seedId(SHUQING.creditCode), creditCode: SHUQING.creditCode });

    const unknown = await hub.query('query($c: String!) { partnerByCreditCode(creditCode: $c) { id } }', {
      c: creditCodeFromBase('91510104MA6PHT001'),
    });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data.partnerByCreditCode).toBeNull();
  });

  it('pages through all partners with `after`, each exactly once, in nameEn order', async () => {
    const { nodes, totalCount, pages } = await allPartners(null, 7);
    expect(totalCount).toBe(PARTNERS.length);
    expect(nodes).toHaveLength(PARTNERS.length);
    expect(new Set(ids(nodes)).size).toBe(PARTNERS.length);
    expect(sorted(ids(nodes))).toEqual(sorted(PARTNERS.map((p) => seedId(p.creditCode))));
    expect(pages).toBe(Math.ceil(PARTNERS.length / 7));

    // The default page size is 20.
    const first = await hub.query('{ partners { totalCount edges { node { id } } pageInfo { hasNextPage } } }');
    expect(first.data.partners.edges).toHaveLength(Math.min(20, PARTNERS.length));
    expect(first.data.partners.pageInfo.hasNextPage).toBe(PARTNERS.length > 20);
  });

  it('pages through a filtered list, each match exactly once', async () => {
    const expected = PARTNERS.filter((p) => p.cleantechDomains.includes('WATER_TREATMENT' as never)).map((p) => seedId(p.creditCode));
    expect(expected.length).toBeGreaterThan(3);
    const { nodes, totalCount } = await allPartners({ cleantechDomain: 'WATER_TREATMENT' }, 3);
    expect(totalCount).toBe(expected.length);
    expect(sorted(ids(nodes))).toEqual(sorted(expected));
    expect(new Set(ids(nodes)).size).toBe(nodes.length);
  });

  it('filters by district (pinyin in any case or Chinese), kind, theme and domain, combined', async () => {
    const wuhou = sorted(PARTNERS.filter((p) => p.district === 'Wuhou').map((p) => seedId(p.creditCode)));
    expect(wuhou.length).toBeGreaterThanOrEqual(2);
    for (const district of ['武侯区', '武侯', 'wuhou', 'WUHOU DISTRICT']) {
      const { nodes } = await allPartners({ district }, 50);
      expect(sorted(ids(nodes)), district).toEqual(wuhou);
      for (const n of nodes) expect(n.district).toBe('Wuhou');
    }

    const universities = await allPartners({ kind: 'UNIVERSITY' }, 50);
    expect(sorted(ids(universities.nodes))).toEqual(
      sorted(PARTNERS.filter((p) => p.kind === 'UNIVERSITY').map((p) => seedId(p.creditCode))),
    );

    const heritage = await allPartners({ theme: 'HERITAGE' }, 50);
    expect(sorted(ids(heritage.nodes))).toEqual(
      sorted(PARTNERS.filter((p) => p.themes.includes('HERITAGE' as never)).map((p) => seedId(p.creditCode))),
    );

    const combined = await allPartners({ kind: 'COMPANY', cleantechDomain: 'WASTE_PROCESSING', theme: 'FOREIGN_INVESTMENT' }, 50);
    const expected = PARTNERS.filter(
      (p) =>
        p.kind === 'COMPANY' &&
        p.cleantechDomains.includes('WASTE_PROCESSING' as never) &&
        p.themes.includes('FOREIGN_INVESTMENT' as never),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted(ids(combined.nodes))).toEqual(sorted(expected.map((p) => seedId(p.creditCode))));
  });

  it('searches case-insensitively on nameEn, nameZh and credit code', async () => {
    const byName = await allPartners({ search: 'wATER' }, 50);
    const expectedName = PARTNERS.filter((p) => p.nameEn.toLowerCase().includes('water'));
    expect(sorted(ids(byName.nodes))).toEqual(sorted(expectedName.map((p) => seedId(p.creditCode))));

    const byZh = await allPartners({ search: '武侯' }, 50);
    expect(sorted(ids(byZh.nodes))).toEqual(sorted(PARTNERS.filter((p) => p.nameZh.includes('武侯')).map((p) => seedId(p.creditCode))));

    const byCode = await allPartners({ search: SHUQING.creditCode.slice(8, 14).toLowerCase() }, 50);
    expect(ids(byCode.nodes)).toEqual([seedId(SHUQING.creditCode)]);

    const wildcard = await allPartners({ search: '%' }, 50);
    expect(wildcard.totalCount).toBe(0);
  });
});

interface CompanyWithMatches {
  id: string;
  cleantechDomains: string[];
  chinaStatus: string;
  suggestedPartners: { score: number; sharedDomains: string[]; partner: { id: string; nameEn: string; cleantechDomains: string[] } }[];
}

describe('suggestedPartners on companies', () => {
  /** The demo partner named `nameEn`, by its seeded id. */
  const partnerNamed = (nameEn: string) => seedId(PARTNERS.find((p) => p.nameEn === nameEn)!.creditCode);
  const WATER = ['DRINKING_WATER', 'WATER_TREATMENT'];
  // docs/matchmaking.md, "Worked examples", computed by hand from the documented weights:
  // AquaNova Filtration (DRINKING_WATER, WATER_TREATMENT; ACTIVE).
  const AQUANOVA_TOP3 = [
    // 0.7 · 2/2 + 0.3 · (1 − (1 − 0.6) · (1 − 0.7)) = 0.7 + 0.3 · 0.88 = 0.964
    { score: 0.964, sharedDomains: WATER, partner: { id: partnerNamed('Chengdu Water Saving and Treatment Industry Association') } },
    // the same themes, so the same score: after the association by name
    { score: 0.964, sharedDomains: WATER, partner: { id: partnerNamed('Xishu University of Technology') } },
    // 0.7 + 0.3 · (1 − (1 − 0.1) · (1 − 0.7)) = 0.7 + 0.3 · 0.73 = 0.919
    { score: 0.919, sharedDomains: WATER, partner: { id: partnerNamed('Dujiangyan Institute of Water Culture') } },
  ];

  it('ranks AquaNova and Regenbron as the worked examples of docs/matchmaking.md compute by hand', async () => {
    const q = `query($n: String!) { companyByEnterpriseNumber(enterpriseNumber: $n) {
      name chinaStatus suggestedPartners(limit: 3) { score sharedDomains partner { id } } } }`;
    const aquanova = await hub.query(q, { n: '0832.531.697' });
    expect(aquanova.errors).toBeUndefined();
    expect(aquanova.data.companyByEnterpriseNumber).toMatchObject({ name: 'AquaNova Filtration', chinaStatus: 'ACTIVE' });
    expect(aquanova.data.companyByEnterpriseNumber.suggestedPartners).toEqual(AQUANOVA_TOP3);

    // Regenbron: the same domains, NOT_ACTIVE. The park (FOREIGN_INVESTMENT only): 0.7 + 0.3 · 0.8 = 0.94;
    // the association and the university: 0.7 + 0.3 · (1 − (1 − 0.6) · (1 − 0.2)) = 0.7 + 0.3 · 0.68 = 0.904.
    const regenbron = await hub.query(q, { n: '0657.043.158' });
    expect(regenbron.errors).toBeUndefined();
    expect(regenbron.data.companyByEnterpriseNumber).toMatchObject({ name: 'Regenbron', chinaStatus: 'NOT_ACTIVE' });
    expect(regenbron.data.companyByEnterpriseNumber.suggestedPartners).toEqual([
      { score: 0.94, sharedDomains: WATER, partner: { id: partnerNamed('Xinjin Water Environment Industry Park Management Committee') } },
      { score: 0.904, sharedDomains: WATER, partner: { id: partnerNamed('Chengdu Water Saving and Treatment Industry Association') } },
      { score: 0.904, sharedDomains: WATER, partner: { id: partnerNamed('Xishu University of Technology') } },
    ]);
  });

  it('answers scores in 0..1, best first, with the shared domains, for every company', async () => {
    const res = await hub.query(`{ companies(first: 50) { edges { node { id cleantechDomains chinaStatus
      suggestedPartners(limit: 3) { score sharedDomains partner { id nameEn cleantechDomains } } } } } }`);
    expect(res.errors).toBeUndefined();
    const companies: CompanyWithMatches[] = res.data.companies.edges.map((e: { node: CompanyWithMatches }) => e.node);
    expect(companies).toHaveLength(50);
    let nonEmpty = 0;
    for (const c of companies) {
      const matches = c.suggestedPartners;
      expect(matches.length).toBeLessThanOrEqual(3);
      if (matches.length) nonEmpty++;
      for (let i = 0; i < matches.length; i++) {
        const m = matches[i];
        expect(m.score).toBeGreaterThanOrEqual(0);
        expect(m.score).toBeLessThanOrEqual(1);
        expect(m.sharedDomains.length).toBeGreaterThan(0);
        expect(m.sharedDomains).toEqual(sorted(c.cleantechDomains.filter((d) => m.partner.cleantechDomains.includes(d))));
        if (i > 0) {
          const prev = matches[i - 1];
          expect(prev.score > m.score || (prev.score === m.score && prev.partner.nameEn <= m.partner.nameEn)).toBe(true);
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(40);
  });

  it('respects limit: 5 by default, up to 20, each a prefix of the longer list', async () => {
    const res = await hub.query(`{ companies(first: 10) { edges { node { id
      byDefault: suggestedPartners { partner { id } }
      one: suggestedPartners(limit: 1) { partner { id } }
      many: suggestedPartners(limit: 20) { partner { id } } } } } }`);
    expect(res.errors).toBeUndefined();
    const ids = (ms: { partner: { id: string } }[]) => ms.map((m) => m.partner.id);
    let longer = 0;
    for (const { node } of res.data.companies.edges) {
      expect(node.many.length).toBeLessThanOrEqual(20);
      expect(ids(node.byDefault)).toEqual(ids(node.many).slice(0, 5));
      expect(ids(node.one)).toEqual(ids(node.many).slice(0, 1));
      if (node.many.length > 5) longer++;
    }
    expect(longer).toBeGreaterThan(0); // the limit of 5 really cut something
  });

  it('runs the same number of SQL statements in the partners subgraph for 5 and for 50 companies', async () => {
    const q = (n: number) => `{ companies(first: ${n}) { edges { node { suggestedPartners(limit: 3) { score partner { nameEn } } } } } }`;
    const measure = async (n: number) => {
      const before = (await hub.sqlCounts()).partners;
      const res = await hub.query(q(n));
      expect(res.errors).toBeUndefined();
      expect(res.data.companies.edges).toHaveLength(n);
      return (await hub.sqlCounts()).partners - before;
    };
    const five = await measure(5);
    const fifty = await measure(50);
    expect(five).toBe(fifty);
    // One statement ranks every company of the request, one loads the partners answered.
    expect(fifty).toBe(2);
  });
});

describe('the partners subgraph called directly, bypassing the gateway', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { id suggestedPartners(limit: 2) { score sharedDomains partner { id } } } } }`;

  it('ranks a Company representation carrying the @requires fields, as through the gateway', async () => {
    // AquaNova's fields (docs/matchmaking.md, worked example), for a company the partners subgraph has never seen.
    const company = {
      __typename: 'Company',
      id: '00000000-0000-4000-8000-000000000001',
      cleantechDomains: ['WATER_TREATMENT', 'DRINKING_WATER'],
      chinaStatus: 'ACTIVE',
    };
    const res = await graphql(hub.subgraphs.partners.url, ENTITIES, { r: [company] });
    expect(res.errors).toBeUndefined();
    const water = ['DRINKING_WATER', 'WATER_TREATMENT'];
    const id = (nameEn: string) => seedId(PARTNERS.find((p) => p.nameEn === nameEn)!.creditCode);
    expect(res.data._entities[0]).toEqual({
      id: company.id,
      suggestedPartners: [
        { score: 0.964, sharedDomains: water, partner: { id: id('Chengdu Water Saving and Treatment Industry Association') } },
        { score: 0.964, sharedDomains: water, partner: { id: id('Xishu University of Technology') } },
      ],
    });
  });

  it('answers BAD_USER_INPUT for a representation without the @requires fields', async () => {
    const res = await graphql(hub.subgraphs.partners.url, ENTITIES, {
      r: [{ __typename: 'Company', id: '00000000-0000-4000-8000-000000000001' }],
    });
    expectError(res, 'BAD_USER_INPUT', 'representations');
    const bogus = await graphql(hub.subgraphs.partners.url, ENTITIES, {
      r: [{ __typename: 'Company', id: '00000000-0000-4000-8000-000000000001', cleantechDomains: ['NUCLEAR'], chinaStatus: 'ACTIVE' }],
    });
    expectError(bogus, 'BAD_USER_INPUT', 'representations');
  });

  it('applies the same rights as through the gateway', async () => {
    const create =
      'mutation { createPartner(input: { creditCode: "91510107MA6GCA9969", nameZh: "x", nameEn: "x", kind: COMPANY, district: "Wuhou", cleantechDomains: [], themes: [] }) { id } }';
    expectError(await graphql(hub.subgraphs.partners.url, create), 'UNAUTHENTICATED');
    expectError(await graphql(hub.subgraphs.partners.url, create, undefined, { token: vbEditor }), 'FORBIDDEN');
    const contact = await graphql(
      hub.subgraphs.partners.url,
      `{ partner(id: "${seedId(SHUQING.creditCode)}") { nameEn contact { name } } }`,
    );
    expect(contact.data.partner).toEqual({ nameEn: SHUQING.nameEn, contact: null });
    expectError(contact, 'UNAUTHENTICATED');
  });
});

describe('bad input', () => {
  async function stillAnswers() {
    const res = await hub.query('{ partners(first: 1) { totalCount } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.partners.totalCount).toBeGreaterThanOrEqual(PARTNERS.length);
  }

  it('names the argument at fault with BAD_USER_INPUT, and the server keeps answering', async () => {
    const cases: [string, Record<string, unknown> | undefined, string][] = [
      ['{ partnerByCreditCode(creditCode: "91510107MA6GCA9968") { id } }', undefined, 'creditCode'],
      ['{ partnerByCreditCode(creditCode: "not a code") { id } }', undefined, 'creditCode'],
      ['{ partners(filter: { district: "Gotham" }) { totalCount } }', undefined, 'filter.district'],
      ['{ partners(filter: { district: "Tianfu New Area" }) { totalCount } }', undefined, 'filter.district'],
      ['{ partners(first: 0) { totalCount } }', undefined, 'first'],
      ['{ partners(after: "bogus!") { totalCount } }', undefined, 'after'],
      ['{ partner(id: "not-a-uuid") { id } }', undefined, 'id'],
      ['{ companies(first: 2) { edges { node { suggestedPartners(limit: 0) { score } } } } }', undefined, 'limit'],
      ['{ companies(first: 2) { edges { node { suggestedPartners(limit: 21) { score } } } } }', undefined, 'limit'],
    ];
    for (const [query, variables, field] of cases) {
      const res = await hub.query(query, variables);
      const err = expectError(res, 'BAD_USER_INPUT', field);
      expect(err.message.startsWith(`${field}:`), err.message).toBe(true);
      await stillAnswers();
    }
  });

  it('answers suggestedPartners(limit: null) with the default', async () => {
    const res = await hub.query('{ companies(first: 1) { edges { node { suggestedPartners(limit: null) { score } } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.companies.edges[0].node.suggestedPartners.length).toBeLessThanOrEqual(5);
  });
});

describe('createPartner and updatePartner', () => {
  const CREATE = `mutation($input: CreatePartnerInput!) { createPartner(input: $input) {
    id creditCode nameZh nameEn kind district cleantechDomains themes website version contact { name email phone } } }`;
  const UPDATE = `mutation($id: ID!, $input: UpdatePartnerInput!, $v: Int!) { updatePartner(id: $id, input: $input, expectedVersion: $v) {
    id nameEn district themes version } }`;
  const newCode = creditCodeFromBase('91510107MA6PHT001');
  const input = () => ({
    creditCode: ` ${newCode.toLowerCase()} `,
    nameZh: '成都测试环保科技有限公司',
    nameEn: 'Chengdu Test Environmental Technology Co., Ltd.',
    kind: 'COMPANY',
    district: '武侯区',
    cleantechDomains: ['WATER_TREATMENT', 'AIR_QUALITY', 'WATER_TREATMENT'],
    themes: ['SMART_HUB_CLUSTERS', 'FOREIGN_INVESTMENT'],
    website: 'HTTPS://www.Test-Env.cn',
    contact: { name: 'Wang Fang', email: 'wangfang@test-env.cn', phone: '+86 28 8888 0001' },
  });
  let createdId: string;

  const count = async () => (await hub.query('{ partners(first: 1) { totalCount } }')).data.partners.totalCount as number;
  const auditCount = async (id: string) =>
    (
      (await hub.query('query($id: ID!) { partner(id: $id) { history { action } } }', { id }, { token: chengduReader })).data.partner
        .history as unknown[]
    ).length;
  const snapshot = async (id: string) =>
    (await hub.query(`query($id: ID!) { partner(id: $id) { ${NODE} website version } }`, { id })).data.partner;

  it('refuses anonymous callers, other organisations and chengdu readers without writing anything', async () => {
    const before = await count();
    expectError(await hub.query(CREATE, { input: input() }), 'UNAUTHENTICATED');
    expectError(await hub.query(CREATE, { input: input() }, { token: vbEditor }), 'FORBIDDEN', 'chengdu');
    expectError(await hub.query(CREATE, { input: input() }, { token: chengduReader }), 'FORBIDDEN', 'editor');
    expect(await count()).toBe(before);
    const found = await hub.query('query($c: String!) { partnerByCreditCode(creditCode: $c) { id } }', { c: newCode });
    expect(found.data.partnerByCreditCode).toBeNull();
  });

  it('refuses bad input naming the field, without writing anything', async () => {
    const before = await count();
    const bad: [Record<string, unknown>, string][] = [
      [{ creditCode: '91510107MA6PHT00X' }, 'input.creditCode'],
      [{ district: 'Gotham' }, 'input.district'],
      [{ nameEn: 'x'.repeat(201) }, 'input.nameEn'],
      [{ nameZh: '  ' }, 'input.nameZh'],
      [{ website: 'ftp://test-env.cn' }, 'input.website'],
      [{ contact: { name: 'Wang Fang', email: 'nope' } }, 'input.contact.email'],
    ];
    for (const [override, field] of bad) {
      const res = await hub.query(CREATE, { input: { ...input(), ...override } }, { token: chengduEditor });
      const err = expectError(res, 'BAD_USER_INPUT', field);
      expect(err.extensions?.field).toBe(field);
    }
    expect(await count()).toBe(before);
  });

  it('creates a partner as a chengdu editor, normalised, with an audit entry readable through history', async () => {
    const before = await count();
    const res = await hub.query(CREATE, { input: input() }, { token: chengduEditor });
    expect(res.errors).toBeUndefined();
    const p = res.data.createPartner;
    createdId = p.id;
    expect(p).toMatchObject({
      creditCode: newCode,
      district: 'Wuhou',
      cleantechDomains: ['AIR_QUALITY', 'WATER_TREATMENT'],
      themes: ['FOREIGN_INVESTMENT', 'SMART_HUB_CLUSTERS'],
      website: 'https://www.test-env.cn/',
      version: 1,
      contact: { name: 'Wang Fang', email: 'wangfang@test-env.cn', phone: '+86 28 8888 0001' },
    });
    expect(await count()).toBe(before + 1);

    const history = await hub.query(
      'query($id: ID!) { partner(id: $id) { history { action actor organisation changes at } } }',
      { id: createdId },
      { token: chengduReader },
    );
    expect(history.errors).toBeUndefined();
    const entries = history.data.partner.history;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'CREATE', actor: 'chengdu-editor', organisation: 'chengdu' });
    expect(entries[0].changes.creditCode).toEqual({ from: null, to: newCode });
    expect(entries[0].changes.district).toEqual({ from: null, to: 'Wuhou' });

    // The new partner is found by the filters and in matchmaking candidates.
    const wuhou = await allPartners({ district: '武侯区', cleantechDomain: 'AIR_QUALITY' }, 50);
    expect(ids(wuhou.nodes)).toContain(createdId);
  });

  it('answers CONFLICT for a duplicate credit code and writes nothing', async () => {
    const before = await count();
    const res = await hub.query(CREATE, { input: { ...input(), nameEn: 'Another name', creditCode: newCode } }, { token: chengduEditor });
    const err = expectError(res, 'CONFLICT');
    expect(err.extensions?.field).toBe('input.creditCode');
    const seeded = await hub.query(CREATE, { input: { ...input(), creditCode: SHUQING.creditCode } }, { token: chengduEditor });
    expect(expectError(seeded, 'CONFLICT').extensions?.field).toBe('input.creditCode');
    expect(await count()).toBe(before);
    expect(await auditCount(createdId)).toBe(1);
  });

  it('updates with the expected version, records the change, and refuses a stale version', async () => {
    const res = await hub.query(
      UPDATE,
      { id: createdId, input: { nameEn: 'Chengdu Renamed Co., Ltd.', themes: ['PEOPLE_TO_PEOPLE'] }, v: 1 },
      { token: chengduEditor },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updatePartner).toEqual({
      id: createdId,
      nameEn: 'Chengdu Renamed Co., Ltd.',
      district: 'Wuhou',
      themes: ['PEOPLE_TO_PEOPLE'],
      version: 2,
    });

    const history = await hub.query(
      'query($id: ID!) { partner(id: $id) { history { action changes } } }',
      { id: createdId },
      { token: chengduReader },
    );
    const [latest] = history.data.partner.history;
    expect(latest.action).toBe('UPDATE');
    expect(latest.changes).toEqual({
      nameEn: { from: 'Chengdu Test Environmental Technology Co., Ltd.', to: 'Chengdu Renamed Co., Ltd.' },
      themes: { from: ['FOREIGN_INVESTMENT', 'SMART_HUB_CLUSTERS'], to: ['PEOPLE_TO_PEOPLE'] },
    });

    const before = await snapshot(createdId);
    const stale = await hub.query(UPDATE, { id: createdId, input: { nameEn: 'Lost update' }, v: 1 }, { token: chengduEditor });
    const err = expectError(stale, 'CONFLICT');
    expect(err.extensions?.currentVersion).toBe(2);
    expect(await snapshot(createdId)).toEqual(before);
    expect(await auditCount(createdId)).toBe(2);
  });

  it('refuses updates from other organisations, anonymous callers, bad input and unknown ids without changing anything', async () => {
    const before = await snapshot(createdId);
    const change = { id: createdId, input: { nameEn: 'Hijacked' }, v: 2 };
    expectError(await hub.query(UPDATE, change), 'UNAUTHENTICATED');
    expectError(await hub.query(UPDATE, change, { token: vbEditor }), 'FORBIDDEN');
    expectError(
      await hub.query(UPDATE, { ...change, input: { district: 'Gotham' } }, { token: chengduEditor }),
      'BAD_USER_INPUT',
      'input.district',
    );
    expectError(
      await hub.query(UPDATE, { ...change, input: { nameEn: null } }, { token: chengduEditor }),
      'BAD_USER_INPUT',
      'input.nameEn',
    );
    expectError(await hub.query(UPDATE, { ...change, id: 'nope' }, { token: chengduEditor }), 'BAD_USER_INPUT', 'id');
    expectError(await hub.query(UPDATE, { ...change, id: '00000000-0000-4000-8000-000000000000' }, { token: chengduEditor }), 'NOT_FOUND');
    expect(await snapshot(createdId)).toEqual(before);
    expect(await auditCount(createdId)).toBe(2);
  });
});

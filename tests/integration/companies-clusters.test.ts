import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestHub, token, type TestHub } from '../helpers/hub';
import { COMPANIES, MEMBERSHIPS } from '../helpers/demo';

let hub: TestHub;
beforeAll(async () => {
  // SQL statements are counted per request: every request must reach the subgraphs (no response cache).
  hub = await startTestHub({ RESPONSE_CACHE: 'false' });
});
afterAll(async () => {
  await hub?.stop();
});

async function pageAll(filter?: Record<string, unknown>, first = 7) {
  const ids: string[] = [];
  const names: string[] = [];
  let after: string | null = null;
  let total = -1;
  for (let guard = 0; guard < 100; guard++) {
    const res: any = await hub.query(
      `query($filter: CompanyFilter, $first: Int, $after: String) {
        companies(filter: $filter, first: $first, after: $after) {
          totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor }
        }
      }`,
      { filter, first, after },
    );
    expect(res.errors).toBeUndefined();
    const c = res.data.companies;
    total = c.totalCount;
    for (const e of c.edges) {
      ids.push(e.node.id);
      names.push(e.node.name);
    }
    if (!c.pageInfo.hasNextPage) break;
    expect(c.pageInfo.endCursor).toBe(c.edges[c.edges.length - 1].cursor);
    after = c.pageInfo.endCursor;
  }
  return { ids, names, total };
}

describe('companies and clusters through the gateway', () => {
  it('answers the README query with demo data', async () => {
    const res = await hub.query(
      `{ companies(first: 5) { totalCount edges { node { name enterpriseNumber municipality clusters { code name } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.companies.totalCount).toBe(COMPANIES.length);
    expect(res.data.companies.edges).toHaveLength(5);
    for (const { node } of res.data.companies.edges) {
      expect(node.enterpriseNumber).toMatch(/^[01]\d{3}\.\d{3}\.\d{3}$/);
      for (const c of node.clusters) expect(typeof c.name).toBe('string');
    }
  });

  it('answers the cluster members query', async () => {
    const res = await hub.query(`{ cluster(code: CLEANTECH) { memberCount members { since company { name } } } }`);
    expect(res.errors).toBeUndefined();
    const expected = MEMBERSHIPS.filter((m) => m.cluster === 'CLEANTECH');
    expect(res.data.cluster.memberCount).toBe(expected.length);
    expect(res.data.cluster.members).toHaveLength(expected.length);
    const names = new Set(COMPANIES.map((c) => c.name));
    for (const m of res.data.cluster.members) {
      expect(names.has(m.company.name)).toBe(true);
      expect(m.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('lists the five clusters with names in three languages', async () => {
    const res = await hub.query(`{ clusters { code en: name nl: name(lang: NL) zh: name(lang: ZH) description(lang: NL) } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.clusters.map((c: any) => c.code).sort()).toEqual(['CLEANTECH', 'CREATIVITY', 'FOOD', 'HEALTH', 'LOGISTICS']);
    for (const c of res.data.clusters) {
      expect(c.en).not.toBe(c.zh);
      expect(c.description).toBeTruthy();
    }
  });

  it('pages through all companies exactly once in a stable order', async () => {
    const { ids, names, total } = await pageAll();
    expect(total).toBe(COMPANIES.length);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    const again = await pageAll(undefined, 13);
    expect(again.ids).toEqual(ids);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
  });

  it('pages through a filtered list exactly once', async () => {
    const expected = COMPANIES.filter((c) => c.chinaStatus === 'EXPLORING' && c.cleantechDomains.includes('WATER_TREATMENT' as never));
    const { ids, total } = await pageAll({ chinaStatus: 'EXPLORING', cleantechDomain: 'WATER_TREATMENT' }, 2);
    expect(total).toBe(expected.length);
    expect(new Set(ids).size).toBe(expected.length);
  });

  it('filters by municipality (any case) and searches name and number', async () => {
    const leuven = COMPANIES.filter((c) => c.municipality === 'Leuven');
    const res = await hub.query(
      `{ companies(filter: { municipality: "leuven" }, first: 100) { totalCount edges { node { municipality } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.companies.totalCount).toBe(leuven.length);
    const target = COMPANIES[3];
    const byName = await hub.query(`query($s: String) { companies(filter: { search: $s }) { edges { node { enterpriseNumber } } } }`, {
      s: target.name.slice(0, 6).toUpperCase(),
    });
    expect(byName.data.companies.edges.map((e: any) => e.node.enterpriseNumber)).toContain(target.enterpriseNumber);
    const byNumber = await hub.query(
      `query($s: String) { companies(filter: { search: $s }) { totalCount edges { node { enterpriseNumber } } } }`,
      {
        s: target.enterpriseNumber.replace(/\./g, ''),
      },
    );
    expect(byNumber.data.companies.edges.map((e: any) => e.node.enterpriseNumber)).toEqual([target.enterpriseNumber]);
  });

  it('finds a company by enterprise number in any accepted spelling', async () => {
    const target = COMPANIES[0];
    const digits = target.enterpriseNumber.replace(/\./g, '');
    for (const spelling of [
      target.enterpriseNumber,
      digits,
      `BE ${digits}`,
      `be${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`,
    ]) {
      const res = await hub.query(
        `query($n: String!) { companyByEnterpriseNumber(enterpriseNumber: $n) { name isSme description(lang: NL) } }`,
        { n: spelling },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.companyByEnterpriseNumber.name).toBe(target.name);
      expect(res.data.companyByEnterpriseNumber.description).toBe(target.descriptionNl);
    }
  });

  it('falls back to English when a description is missing in a language', async () => {
    const noZh = COMPANIES.find((c) => !c.descriptionZh)!;
    const res = await hub.query(
      `query($n: String!) { companyByEnterpriseNumber(enterpriseNumber: $n) { zh: description(lang: ZH) en: description } }`,
      {
        n: noZh.enterpriseNumber,
      },
    );
    expect(res.data.companyByEnterpriseNumber.zh).toBe(noZh.descriptionEn);
    expect(res.data.companyByEnterpriseNumber.en).toBe(noZh.descriptionEn);
  });

  it('runs a constant number of SQL statements whatever the page size', async () => {
    const q = `query($first: Int) { companies(first: $first) { edges { node { name clusters { code name memberCount } } } } }`;
    const counts = [];
    for (const first of [5, 70]) {
      const before = await hub.sqlCounts();
      const res = await hub.query(q, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data.companies.edges).toHaveLength(first);
      const after = await hub.sqlCounts();
      counts.push({ companies: after.companies - before.companies, clusters: after.clusters - before.clusters });
    }
    expect(counts[0].companies).toBeGreaterThan(0);
    expect(counts[0].clusters).toBeGreaterThan(0);
    expect(counts[1]).toEqual(counts[0]);
  });

  describe('bad input answers BAD_USER_INPUT naming the argument', () => {
    const cases: [string, string, string][] = [
      ['first: -1', '{ companies(first: -1) { totalCount } }', 'first'],
      ['first: 1000', '{ companies(first: 1000) { totalCount } }', 'first'],
      ['a malformed cursor', '{ companies(after: "not-a-cursor!") { totalCount } }', 'after'],
      ['a forged cursor', `{ companies(after: "${Buffer.from('{"x":1}').toString('base64url')}") { totalCount } }`, 'after'],
      ['an unknown municipality', '{ companies(filter: { municipality: "Antwerpen" }) { totalCount } }', 'filter.municipality'],
      ['a merged municipality', '{ companies(filter: { municipality: "Gooik" }) { totalCount } }', 'filter.municipality'],
      ['an invalid enterprise number', '{ companyByEnterpriseNumber(enterpriseNumber: "0712.345.631") { name } }', 'enterpriseNumber'],
      ['an establishment unit number', '{ companyByEnterpriseNumber(enterpriseNumber: "2.123.456.789") { name } }', 'enterpriseNumber'],
      ['a malformed id', '{ company(id: "42") { name } }', 'id'],
    ];
    for (const [label, query, field] of cases) {
      it(label, async () => {
        const res = await hub.query(query);
        expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0]?.message).toContain(field);
        expect(res.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
        const still = await hub.query('{ companies(first: 1) { totalCount } }');
        expect(still.data.companies.totalCount).toBe(COMPANIES.length);
      });
    }

    it('a malformed Date or DateTime variable, rejected by the subgraph and passed on by the gateway', async () => {
      const sh = await token({ org: 'smart-hub', roles: ['editor'] });
      const bad = await hub.query(
        'mutation($id: ID!, $since: Date) { addClusterMember(cluster: FOOD, companyId: $id, since: $since) { since } }',
        { id: '00000000-0000-5000-8000-000000000000', since: '2024-13-45' },
        { token: sh },
      );
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.message).toMatch(/since|Date/);
      expect(JSON.stringify(bad.errors)).not.toMatch(/http:\/\/|response/);
      const events = await hub.query('query($from: DateTime) { events(from: $from) { title } }', { from: 'yesterday' });
      expect(events.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('also straight at the companies subgraph', async () => {
      const res = await graphql(hub.subgraphs.companies.url, '{ companies(first: 0) { totalCount } }');
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.field).toBe('first');
    });
  });

  it('resolves a company reference in the clusters subgraph without reading company data', async () => {
    const res = await graphql(
      hub.subgraphs.clusters.url,
      `
        {
          cluster(code: FOOD) {
            members {
              company {
                id
              }
            }
          }
        }
      `,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.cluster.members.length).toBeGreaterThan(0);
    const tables = await hub.subgraphs.clusters.ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t: any) => t.table_name)).toEqual(['audit_log', 'change_event', 'cluster', 'cluster_membership', 'migrations']);
  });
});

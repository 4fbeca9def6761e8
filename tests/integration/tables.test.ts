/**
 * The plain-SQL reads of the kit (subgraphs/kit/tables.ts: `EntityTable`,
 * used by the loaders, pages and counts) give exactly the entities typeorm's
 * query builder gives: same class, same properties, same values (dates,
 * date-only strings, arrays, jsonb, nulls), on every entity of every
 * subgraph, over the demo data in real PostgreSQL.
 */
import type { DataSource, ObjectLiteral } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/services';
import { SUBGRAPHS } from '../../subgraphs';
import { createDataSource } from '../../subgraphs/kit/database';
import { byKeyLoader, groupLoader } from '../../subgraphs/kit/loaders';
import { SubgraphMetrics } from '../../subgraphs/kit/metrics';
import { CountBatcher, paginate } from '../../subgraphs/kit/pagination';
import { tableOf } from '../../subgraphs/kit/tables';
import type { PageInfo } from '../../subgraphs/kit/graphql-types';
import { Company } from '../../subgraphs/companies/entities/Company';
import { Partner } from '../../subgraphs/partners/entities/Partner';
import { ClusterMembership } from '../../subgraphs/clusters/entities/ClusterMembership';
import { prepareTestTrust, TestDatabases } from '../helpers/hub';

const log = createLogger('tables-test', 'silent');
const databases = new TestDatabases();
const sources = new Map<SubgraphName, DataSource>();

beforeAll(async () => {
  const { trust } = await prepareTestTrust();
  for (const name of SUBGRAPH_NAMES) {
    const mod = SUBGRAPHS[name];
    // Migrated by the owner; the tables are read and written with the service's own role.
    const url = await databases.createMigrated(name, `tables_${name}`);
    const metrics = new SubgraphMetrics(name);
    const ds = createDataSource({ url, poolSize: 2, entities: mod.entities, migrations: mod.migrations, metrics, log });
    await ds.initialize();
    await mod.seed(ds, undefined, trust);
    sources.set(name, ds);
  }
}, 120_000);
afterAll(async () => {
  for (const ds of sources.values()) await ds.destroy();
  await databases.dropAll();
});

describe.each(SUBGRAPH_NAMES)('%s', (name) => {
  it('reads every row of every entity as the query builder does', async () => {
    const ds = sources.get(name)!;
    let rows = 0;
    for (const meta of ds.entityMetadatas) {
      const table = tableOf<ObjectLiteral>(ds, meta.target);
      const order = meta.primaryColumns.map((c) => c.propertyName);
      const qb = ds.getRepository(meta.target).createQueryBuilder('e');
      order.forEach((p, i) => (i === 0 ? qb.orderBy(`e.${p}`) : qb.addOrderBy(`e.${p}`)));
      const expected = await qb.getMany();
      const actual = await table.select(table.where(), { orderBy: order.map((p) => table.column(p)).join(', ') });
      expect(actual, meta.name).toStrictEqual(expected);
      for (const entity of actual) expect(Object.getPrototypeOf(entity), meta.name).toBe((meta.target as Function).prototype);
      rows += expected.length;
    }
    expect(rows).toBeGreaterThan(0);
  });
});

describe('loaders and pages over EntityTable', () => {
  it('byKeyLoader answers in key order, null for a missing or malformed key, the same entities as findBy', async () => {
    const ds = sources.get('companies')!;
    const all = await ds.getRepository(Company).find({ order: { name: 'ASC' } });
    expect(all.length).toBeGreaterThan(2);
    const keys = [all[2].id, 'not-an-id', '00000000-0000-4000-8000-000000000000', all[0].id];
    const loaded = await byKeyLoader(ds, Company).loadMany(keys);
    expect(loaded).toStrictEqual([all[2], null, null, all[0]]);
  });

  it('groupLoader groups in key order with the given order, dates as typeorm gives them', async () => {
    const ds = sources.get('clusters')!;
    const memberships = await ds.getRepository(ClusterMembership).find({ order: { clusterCode: 'ASC', since: 'ASC', companyId: 'ASC' } });
    const codes = [...new Set(memberships.map((m) => m.clusterCode))].reverse();
    expect(codes.length).toBeGreaterThan(1);
    expect(typeof memberships[0].since).toBe('string');
    const groups = await groupLoader(ds, ClusterMembership, 'clusterCode', [{ property: 'since' }, { property: 'companyId' }]).loadMany([
      ...codes,
      'NO_SUCH_CLUSTER',
    ]);
    expect(groups).toStrictEqual([...codes.map((code) => memberships.filter((m) => m.clusterCode === code)), []]);
  });

  it('paginate walks the keyset in (sort, id) order and counts with the same conditions', async () => {
    const ds = sources.get('companies')!;
    const table = tableOf(ds, Company);
    const expected = await ds
      .getRepository(Company)
      .createQueryBuilder('c')
      .where('c.archived = false')
      .andWhere("c.chinaStatus <> 'ACTIVE'")
      .orderBy('c.name')
      .addOrderBy('c.id')
      .getMany();
    expect(expected.length).toBeGreaterThan(3);
    const where = () => table.where().and('{archived} = false').and('{chinaStatus} <> $1', 'ACTIVE');
    const seen: Company[] = [];
    let after: string | null = null;
    for (;;) {
      const page = paginate(table, where(), { sortBy: 'name', first: 2, after, counts: new CountBatcher(ds) });
      expect(await page.totalCount).toBe(expected.length);
      seen.push(...(await page.edges).map((e) => e.node));
      const info: PageInfo = await page.pageInfo;
      if (!info.hasNextPage) break;
      after = info.endCursor;
    }
    expect(seen).toStrictEqual(expected);
  });

  it('paginate sorts by a property whose column has another name (Partner.nameEn is name_en)', async () => {
    const ds = sources.get('partners')!;
    const table = tableOf(ds, Partner);
    const expected = await ds.getRepository(Partner).createQueryBuilder('p').orderBy('p.nameEn').addOrderBy('p.id').getMany();
    expect(expected.length).toBeGreaterThan(3);
    const seen: Partner[] = [];
    let after: string | null = null;
    for (;;) {
      const page = paginate(table, table.where(), { sortBy: 'nameEn', first: 3, after, counts: new CountBatcher(ds) });
      seen.push(...(await page.edges).map((e) => e.node));
      const info: PageInfo = await page.pageInfo;
      if (!info.hasNextPage) break;
      after = info.endCursor;
    }
    expect(seen).toStrictEqual(expected);
  });
});

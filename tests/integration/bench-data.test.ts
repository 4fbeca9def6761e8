/**
 * Smoke test of the bench's data generator at a tiny size (the bench itself,
 * `npm run bench`, is not part of `npm test`): valid identifiers, the same ids
 * on every run, and references between the four databases that resolve.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  benchCreditCode,
  benchDistrict,
  benchEnterpriseNumber,
  benchSize,
  benchUuid,
  generateSubgraphData,
  type GenerateResult,
} from '../../scripts/bench/data';
import { migrateDatabase } from '../../subgraphs';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/services';
import { createLogger } from '../../platform/logger';
import { checkEnterpriseNumber, checkMunicipality } from '../../subgraphs/companies/validation';
import { checkCreditCode, checkDistrict } from '../../subgraphs/partners/validation';
import { TestDatabases } from '../helpers/hub';

const SIZE = benchSize(200);
const databases = new TestDatabases();
const urls = {} as Record<SubgraphName, string>;
const results = {} as Record<SubgraphName, GenerateResult>;

async function rows<T>(name: SubgraphName, sql: string): Promise<T[]> {
  const c = new Client({ connectionString: urls[name] });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

async function generate(name: SubgraphName): Promise<GenerateResult> {
  const c = new Client({ connectionString: urls[name] });
  await c.connect();
  try {
    return await generateSubgraphData(name, c, SIZE);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  const log = createLogger('bench-data-test', 'silent');
  for (const name of SUBGRAPH_NAMES) {
    // The bench fills its databases as their owner (it truncates and rebuilds indexes).
    urls[name] = databases.ownerUrl(await databases.create(name));
    await migrateDatabase(name, urls[name], log);
    results[name] = await generate(name);
  }
});
afterAll(async () => {
  await databases.dropAll();
});

describe('the bench data generator', () => {
  it('fills every table in the proportions of the issue', () => {
    expect(SIZE).toEqual({ companies: 200, partners: 10, projects: 10 });
    expect(benchSize()).toEqual({ companies: 100_000, partners: 5_000, projects: 2_000 });
    expect(results.companies.rows.company).toBe(200);
    expect(results.partners.rows.partner).toBe(10);
    expect(results.clusters.rows.cluster).toBe(5);
    expect(results.clusters.rows.cluster_membership).toBeGreaterThan(100);
    expect(results.projects.rows.project).toBe(10);
    for (const t of ['project_company', 'project_partner', 'event', 'event_attendee', 'assessment'])
      expect(results.projects.rows[t], t).toBeGreaterThan(0);
  });

  it('writes valid enterprise numbers, municipalities and postal codes, with the deterministic ids', async () => {
    const companies = await rows<{ id: string; enterprise_number: string; municipality: string; postal_code: string }>(
      'companies',
      'SELECT id, enterprise_number, municipality, postal_code FROM company',
    );
    const byId = new Map(companies.map((c) => [c.id, c]));
    for (let n = 1; n <= SIZE.companies; n++) {
      const c = byId.get(benchUuid('company', n));
      expect(c, `company ${n}`).toBeDefined();
      expect(c!.enterprise_number).toBe(benchEnterpriseNumber(n));
      expect(checkEnterpriseNumber(c!.enterprise_number)).toEqual({ ok: true, value: c!.enterprise_number });
      expect(checkMunicipality(c!.municipality).ok).toBe(true);
    }
  });

  it('writes valid credit codes and districts', async () => {
    const partners = await rows<{ id: string; credit_code: string; district: string }>(
      'partners',
      'SELECT id, credit_code, district FROM partner',
    );
    const byId = new Map(partners.map((p) => [p.id, p]));
    for (let n = 1; n <= SIZE.partners; n++) {
      const p = byId.get(benchUuid('partner', n))!;
      expect(p.credit_code).toBe(benchCreditCode(n, benchDistrict(n).code));
      expect(checkCreditCode(p.credit_code).ok, p.credit_code).toBe(true);
      expect(checkDistrict(p.district)).toEqual({ ok: true, value: p.district });
    }
  });

  it('refers only to companies and partners the other databases hold', async () => {
    const companyIds = new Set((await rows<{ id: string }>('companies', 'SELECT id FROM company')).map((r) => r.id));
    const partnerIds = new Set((await rows<{ id: string }>('partners', 'SELECT id FROM partner')).map((r) => r.id));
    const refs = [
      ...(await rows<{ id: string }>('clusters', 'SELECT company_id AS id FROM cluster_membership')),
      ...(await rows<{ id: string }>(
        'projects',
        'SELECT company_id AS id FROM project_company UNION SELECT company_id FROM event_attendee UNION SELECT company_id FROM assessment',
      )),
    ];
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(companyIds.has(r.id), r.id).toBe(true);
    for (const r of await rows<{ id: string }>('projects', 'SELECT partner_id AS id FROM project_partner'))
      expect(partnerIds.has(r.id), r.id).toBe(true);
  });

  it('generates the same data again on the same size', async () => {
    const snapshot = () =>
      rows<{ md5: string }>(
        'projects',
        "SELECT md5(string_agg(project_id::text || company_id::text, ',' ORDER BY project_id, company_id)) FROM project_company",
      );
    const before = await snapshot();
    await generate('projects');
    expect(await snapshot()).toEqual(before);
  });
});

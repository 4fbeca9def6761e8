/**
 * Evidence (issue 14, item 3): the audit log and the disclosure records of
 * every database are append-only hash chains.
 *
 * - Many concurrent writers (mutations and disclosures at once, through the
 *   gateway) leave one gapless chain per trail: no fork.
 * - The service's own database role may insert but not update, delete or
 *   truncate (privileges), and the trigger refuses even a superuser.
 * - A superuser who switches the trigger off (session_replication_role =
 *   replica) and edits a row is found by the chain check, which names the row.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { SUBGRAPH_NAMES } from '../../platform/services';
import { SUBGRAPHS } from '../../subgraphs';
import { enterpriseNumberFromBase } from '../../subgraphs/companies/validation/enterprise-number';
import { loadSubgraphConfig } from '../../subgraphs/kit/config';
import { startSubgraph } from '../../subgraphs/kit/subgraph';
import { checkTrails, readTrail } from '../../subgraphs/kit/trail';
import { graphql, prepareTestTrust, startTestHub, token, trustEnv, type TestHub } from '../helpers/hub';

let hub: TestHub;
const t: Record<string, string> = {};

async function on<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  hub = await startTestHub();
  t.vbEditor = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'vb-editor' });
  t.cdReader = await token({ org: 'chengdu', sub: 'li.wei' });
});
afterAll(async () => {
  await hub?.stop();
});

const CREATE = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id } }`;
const companyInput = (i: number) => ({
  enterpriseNumber: enterpriseNumberFromBase(4_500_000 + 13 * i),
  name: `Chain Test ${i}`,
  municipality: 'Leuven',
  postalCode: '3000',
  employees: i,
  cleantechDomains: ['WATER_TREATMENT'],
  chinaStatus: 'EXPLORING',
  contact: { name: `Contact ${i}`, email: `contact${i}@example.be` },
});

describe('hash-chained trails', () => {
  it('every database starts with intact chains (existing rows were hashed by the migration)', async () => {
    for (const name of SUBGRAPH_NAMES) {
      const checks = await on(hub.databaseUrls[name], checkTrails);
      expect(checks.map((c) => c.trail)).toEqual(name === 'companies' || name === 'partners' ? ['audit_log', 'disclosure'] : ['audit_log']);
      for (const c of checks) expect(c.broken, `${name}.${c.trail}`).toBeNull();
      expect(checks[0].records, `${name} audit_log`).toBeGreaterThan(0); // demo data or reference data
    }
  });

  it('25 concurrent writers and 25 concurrent disclosures leave one gapless chain per trail: no fork', async () => {
    const url = hub.databaseUrls.companies;
    const before = await on(url, async (c) => ({
      audit: (await readTrail(c, 'audit_log')).length,
      disclosure: (await readTrail(c, 'disclosure')).length,
    }));
    const writes = Array.from({ length: 25 }, (_, i) => hub.query(CREATE, { input: companyInput(i) }, { token: t.vbEditor }));
    const reads = Array.from({ length: 25 }, () =>
      hub.query('{ companies(first: 5) { edges { node { contact { email } } } } }', undefined, {
        token: t.cdReader,
        headers: { 'Hub-Purpose': 'MATCHMAKING' },
      }),
    );
    const answers = await Promise.all([...writes, ...reads]);
    for (const a of answers) expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
    await on(url, async (c) => {
      for (const trail of ['audit_log', 'disclosure'] as const) {
        const links = await readTrail(c, trail);
        expect(links.map((l) => l.record.seq)).toEqual(links.map((_, i) => i + 1));
        // A fork would show as two records with the same prev_hash.
        expect(new Set(links.map((l) => l.prevHash)).size).toBe(links.length);
      }
      expect((await readTrail(c, 'audit_log')).length - before.audit).toBe(25);
      expect((await readTrail(c, 'disclosure')).length - before.disclosure).toBeGreaterThanOrEqual(25);
      for (const check of await checkTrails(c)) expect(check.broken, check.trail).toBeNull();
    });
  });

  it('the trigger refuses UPDATE, DELETE and TRUNCATE, even to a superuser', async () => {
    await on(hub.databaseUrls.companies, async (c) => {
      for (const sql of [
        "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1",
        'DELETE FROM audit_log WHERE seq = 1',
        'TRUNCATE audit_log',
        "UPDATE disclosure SET recipient = 'nobody'",
        'DELETE FROM disclosure',
      ]) {
        await expect(c.query(sql), sql).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('append-only') });
      }
    });
  });

  it('check names the row a superuser changed behind the trigger (session_replication_role = replica)', async () => {
    const url = hub.databaseUrls.partners;
    await on(url, async (c) => {
      await c.query('SET session_replication_role = replica');
      await c.query("UPDATE audit_log SET actor = 'forger' WHERE seq = 3");
    });
    const checks = await on(url, checkTrails);
    const audit = checks.find((x) => x.trail === 'audit_log')!;
    expect(audit.broken).toMatchObject({ seq: 3, kind: 'changed', message: expect.stringContaining('seq 3') });
    // Deleting a row before it behind the trigger: the check names the first break, the gap.
    await on(url, async (c) => {
      await c.query('SET session_replication_role = replica');
      await c.query('DELETE FROM audit_log WHERE seq = 2');
    });
    const after = (await on(url, checkTrails)).find((x) => x.trail === 'audit_log')!;
    expect(after.broken).toMatchObject({ seq: 2, kind: 'missing' });
  });
});

describe("the service's own database role (as docker-compose runs it)", () => {
  const admin = new URL(inject('postgresAdminUrl'));
  const role = `ph_e${process.pid}_${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const asRole = () => {
    const u = new URL(admin.toString());
    u.username = role;
    u.password = password;
    u.pathname = `/${role}`;
    return u.toString();
  };
  const asAdmin = () => {
    const u = new URL(admin.toString());
    u.pathname = `/${role}`;
    return u.toString();
  };

  beforeAll(async () => {
    await on(admin.toString(), async (c) => {
      await c.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`);
      await c.query(`CREATE DATABASE "${role}" OWNER "${role}"`);
    });
  });
  afterAll(async () => {
    await on(admin.toString(), async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${role}" WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS "${role}"`);
    });
  });

  it('may insert audit entries (migrations, demo data, writes) but not update, delete or truncate them', async () => {
    const trust = await prepareTestTrust();
    onTestFinished(() => rmSync(trust.dir, { recursive: true, force: true }));
    const subgraph = await startSubgraph(
      SUBGRAPHS.companies!,
      loadSubgraphConfig('companies', {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        ...trustEnv(trust),
        COMPANIES_PORT: '0',
        COMPANIES_DATABASE_URL: asRole(),
      }),
    );
    try {
      const res = await graphql(subgraph.url, '{ companies(first: 1) { totalCount } }');
      expect(res.data.companies.totalCount).toBeGreaterThan(0);
      // With the service's own credentials: refused by privilege, before any trigger.
      await on(asRole(), async (c) => {
        expect((await c.query('SELECT current_user AS u, usesuper FROM pg_user WHERE usename = current_user')).rows[0]).toEqual({
          u: role,
          usesuper: false,
        });
        for (const sql of [
          "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1",
          'DELETE FROM audit_log',
          'TRUNCATE audit_log',
          "UPDATE disclosure SET recipient = 'nobody'",
          'DELETE FROM disclosure',
        ]) {
          await expect(c.query(sql), sql).rejects.toMatchObject({
            code: '42501',
            message: expect.stringMatching(/permission denied for table (audit_log|disclosure)/),
          });
        }
        expect((await c.query("SELECT has_table_privilege('audit_log', 'INSERT') AS i")).rows[0].i).toBe(true);
      });
      const checks = await on(asAdmin(), checkTrails);
      for (const c of checks) expect(c.broken, c.trail).toBeNull();
    } finally {
      await subgraph.stop();
    }
  });
});

/**
 * Evidence (issue 14, item 3): the audit log and the disclosure records of
 * every database are append-only hash chains.
 *
 * - Many concurrent writers (mutations and disclosures at once, through the
 *   gateway) leave one gapless chain per trail: no fork.
 * - The service's own database role (the test hub's, as under `npm start`
 *   and docker-compose) may insert but not update, delete or truncate
 *   (privileges); it owns nothing (an owner role migrated), so it cannot
 *   disable the trigger, drop the table or grant itself UPDATE; and the
 *   trigger refuses even a superuser.
 * - A superuser who switches the trigger off (session_replication_role =
 *   replica) and edits a row is found by the chain check, which names the row.
 * - Signed evidence (items 4 and 5), with the real CLI (`npm run evidence`):
 *   a grantee reads contacts, the owner finds the disclosures, exports a
 *   bundle, verifies it; one byte changed in one record, one record removed,
 *   two records swapped: verify names each.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../../platform/services';
import { enterpriseNumberFromBase } from '../../subgraphs/companies/validation/enterprise-number';
import { checkTrails, readTrail } from '../../subgraphs/kit/trail';
import { expectServiceLockedOut } from '../helpers/expect';
import { startTestHub, token, type TestHub } from '../helpers/hub';
import { ROOT } from '../helpers/processes';
import { withClient } from '../../scripts/hub/postgres';

let hub: TestHub;
const t: Record<string, string> = {};

beforeAll(async () => {
  hub = await startTestHub();
  t.vbEditor = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'vb-editor' });
  t.cdReader = await token({ org: 'chengdu', sub: 'li.wei' });
  t.vbDpo = await token({ org: 'vlaams-brabant', sub: 'vb-dpo' });
  t.shReader = await token({ org: 'smart-hub', sub: 'sh-events' });
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
      const checks = await withClient(hub.databaseUrls[name], checkTrails);
      expect(checks.map((c) => c.trail)).toEqual(name === 'companies' || name === 'partners' ? ['audit_log', 'disclosure'] : ['audit_log']);
      for (const c of checks) expect(c.broken, `${name}.${c.trail}`).toBeNull();
      expect(checks[0].records, `${name} audit_log`).toBeGreaterThan(0); // demo data or reference data
    }
  });

  it('25 concurrent writers and 25 concurrent disclosures leave one gapless chain per trail: no fork', async () => {
    const url = hub.databaseUrls.companies;
    const before = await withClient(url, async (c) => ({
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
    await withClient(url, async (c) => {
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

  it("the service's own role may insert but not update, delete or truncate, nor undo that as an owner could", async () => {
    for (const name of ['companies', 'partners'] as const) {
      await withClient(hub.databaseUrls[name], async (c) => {
        const me = (await c.query('SELECT current_user AS u, usesuper FROM pg_user WHERE usename = current_user')).rows[0];
        expect(me).toEqual({ u: expect.stringMatching(new RegExp(`_${name}$`)), usesuper: false });
        // Refused by privilege before any trigger; and it owns nothing, so it cannot disable the trigger,
        // drop the table, grant itself UPDATE or create anything (the owner role migrated and granted).
        await expectServiceLockedOut(c, `${name}: `);
        const { rows } = await c.query(
          "SELECT has_table_privilege('audit_log', 'INSERT') AS audit, has_table_privilege('disclosure', 'INSERT') AS disclosure",
        );
        expect(rows[0]).toEqual({ audit: true, disclosure: true });
      });
    }
    // Writes through the API still work with those credentials, and their trail still checks.
    const res = await hub.query(CREATE, { input: companyInput(100) }, { token: t.vbEditor });
    expect(res.errors).toBeUndefined();
    for (const check of await withClient(hub.databaseUrls.companies, checkTrails)) expect(check.broken, check.trail).toBeNull();
  });

  it('the trigger refuses UPDATE, DELETE and TRUNCATE, even to a superuser', async () => {
    await withClient(hub.databases.superuserUrl(hub.databaseUrls.companies), async (c) => {
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
    const superuser = hub.databases.superuserUrl(hub.databaseUrls.partners);
    await withClient(superuser, async (c) => {
      await c.query('SET session_replication_role = replica');
      await c.query("UPDATE audit_log SET actor = 'forger' WHERE seq = 3");
    });
    // The check reads with the service's own credentials, as `npm run evidence -- check` does.
    const checks = await withClient(hub.databaseUrls.partners, checkTrails);
    const audit = checks.find((x) => x.trail === 'audit_log')!;
    expect(audit.broken).toMatchObject({ seq: 3, kind: 'changed', message: expect.stringContaining('seq 3') });
    // Deleting a row before it behind the trigger: the check names the first break, the gap.
    await withClient(superuser, async (c) => {
      await c.query('SET session_replication_role = replica');
      await c.query('DELETE FROM audit_log WHERE seq = 2');
    });
    const after = (await withClient(hub.databaseUrls.partners, checkTrails)).find((x) => x.trail === 'audit_log')!;
    expect(after.broken).toMatchObject({ seq: 2, kind: 'missing' });
  });
});

describe('signed evidence (npm run evidence)', () => {
  let dir: string;
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['-r', '@swc-node/register', 'scripts/evidence.ts', ...args],
        {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            HUB_DATA_DIR: dir,
            HUB_TRUST_CONFIG: hub.trust.trustPath,
            ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_DATABASE_URL`, hub.databaseUrls[n]])),
          },
          timeout: 120_000,
        },
        (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'partnerhub-evidence-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('grantee reads, owner finds the disclosures, exports and verifies; a changed byte, a removed and a swapped record are named', async () => {
    const events = await hub.query('{ companies(first: 3) { edges { node { contact { email } } } } }', undefined, {
      token: t.shReader,
      headers: { 'Hub-Purpose': 'EVENT_ORGANISATION' },
    });
    expect(events.errors).toBeUndefined();
    const read = await hub.query('{ companies(first: 3) { edges { node { id contact { email } } } } }', undefined, {
      token: t.cdReader,
      headers: { 'Hub-Purpose': 'MATCHMAKING' },
    });
    expect(read.errors).toBeUndefined();
    const shown = read.data.companies.edges.find((e: any) => e.node.contact).node.id;
    const owner = await hub.query(
      'query($id: ID!) { company(id: $id) { disclosures(first: 1) { totalCount edges { node { id recipient purpose requestId } } } } }',
      { id: shown },
      { token: t.vbDpo },
    );
    expect(owner.errors).toBeUndefined();
    const newest = owner.data.company.disclosures.edges[0].node;
    expect(newest).toMatchObject({ recipient: 'chengdu', purpose: 'MATCHMAKING', requestId: read.headers.get('x-request-id') });

    const out = join(dir, 'vlaams-brabant.evidence.json');
    const today = new Date().toISOString().slice(0, 10);
    const exported = await cli(['export', '--org', 'vlaams-brabant', '--from', today, '--to', today, '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.bundle.trails.map((s: any) => `${s.subgraph} ${s.trail}`)).toEqual(['companies audit_log', 'companies disclosure']);
    const disclosures = file.bundle.trails[1];
    expect(disclosures.records.some((l: any) => l.record.id === newest.id)).toBe(true);
    expect(disclosures.head).toEqual(disclosures.end);
    const line = file.bundle.register.find((l: any) => l.recipient === 'chengdu' && l.purpose === 'MATCHMAKING');
    expect(line).toMatchObject({
      crossBorder: true,
      recipientJurisdiction: 'CN',
      dataSet: 'COMPANY_CONTACTS',
      legalBasis: expect.stringContaining('GDPR'),
    });
    expect(file.bundle.register.find((l: any) => l.recipient === 'smart-hub')).toMatchObject({
      crossBorder: false,
      recipientJurisdiction: 'EU',
      purpose: 'EVENT_ORGANISATION',
      legalBasis: expect.stringContaining('6(1)(f)'),
    });
    expect(file.signature).toMatch(/^[\w-]+\.\.[\w-]+$/);

    const publicKey = join(dir, 'evidence', 'vlaams-brabant.public.jwk.json');
    const ok = await cli(['verify', out, '--key', publicKey]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('INTACT');
    expect(ok.stdout).toContain('companies disclosure');
    console.info(`evidence verify:\n${ok.stdout}`);

    // One byte of one record changed (the actor li.wei -> li.wej) in a copy.
    const text = readFileSync(out, 'utf8');
    const target = disclosures.records.find((l: any) => l.record.actor === 'li.wei');
    const at = text.indexOf(`"hash": "${target.hash}"`);
    const actorAt = text.lastIndexOf('"actor": "li.wei"', at);
    const changed = join(dir, 'changed.json');
    writeFileSync(changed, `${text.slice(0, actorAt)}"actor": "li.wej"${text.slice(actorAt + '"actor": "li.wei"'.length)}`);
    expect(Buffer.compare(readFileSync(changed), Buffer.from(text)) !== 0 && readFileSync(changed).length === Buffer.byteLength(text)).toBe(
      true,
    );
    const v1 = await cli(['verify', changed, '--key', publicKey]);
    expect(v1.code).toBe(1);
    expect(v1.stderr).toContain(`companies disclosure: record seq ${target.record.seq} was changed`);

    // One record removed in another copy (an audit entry in the middle).
    const audit = file.bundle.trails[0];
    expect(audit.records.length).toBeGreaterThan(3);
    const victim = audit.records[Math.floor(audit.records.length / 2)];
    const removed = structuredClone(file);
    removed.bundle.trails[0].records = audit.records.filter((l: any) => l !== victim);
    const removedFile = join(dir, 'removed.json');
    writeFileSync(removedFile, JSON.stringify(removed, null, 2));
    const v2 = await cli(['verify', removedFile, '--key', publicKey]);
    expect(v2.code).toBe(1);
    expect(v2.stderr).toContain(`companies audit_log: record seq ${victim.record.seq} is missing`);

    // The last record removed: the signed end of the period names it.
    const truncated = structuredClone(file);
    truncated.bundle.trails[1].records.pop();
    writeFileSync(removedFile, JSON.stringify(truncated));
    const v3 = await cli(['verify', removedFile]);
    expect(v3.code).toBe(1);
    expect(v3.stderr).toContain(`companies disclosure: record seq ${disclosures.end.seq} is missing`);

    // Two records swapped.
    const swapped = structuredClone(file);
    const recs = swapped.bundle.trails[0].records;
    [recs[1], recs[2]] = [recs[2], recs[1]];
    writeFileSync(removedFile, JSON.stringify(swapped));
    const v4 = await cli(['verify', removedFile]);
    expect(v4.code).toBe(1);
    expect(v4.stderr).toContain(`record seq ${recs[1].record.seq} is out of order`);

    // Outside the records: a legal basis rewritten breaks the signature; another key does not verify it.
    const rebased = structuredClone(file);
    rebased.bundle.register[0].legalBasis = 'none';
    writeFileSync(removedFile, JSON.stringify(rebased));
    const v5 = await cli(['verify', removedFile]);
    expect(v5.code).toBe(1);
    expect(v5.stderr).toContain('the signature does not verify');
    const other = join(dir, 'evidence', 'chengdu.public.jwk.json');
    const exportedOther = await cli(['export', '--org', 'chengdu', '--out', join(dir, 'chengdu.json')]);
    expect(exportedOther.code, exportedOther.stderr).toBe(0);
    const v6 = await cli(['verify', out, '--key', other]);
    expect(v6.code).toBe(1);
    expect(v6.stderr).toContain('the signature does not verify');
  });

  it('check walks the live chains of every database and names the first broken link', async () => {
    const res = await cli(['check']);
    // The partners audit log was changed behind the trigger above (seq 2 deleted, seq 3 edited).
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('partners audit_log: BROKEN: record seq 2 is missing');
    expect(res.stdout).toContain('companies audit_log:');
    expect(res.stdout).toMatch(/companies disclosure: \d+ records, head seq \d+: intact/);
    expect(res.stdout).toMatch(/registry audit_log: \d+ records, head seq \d+: intact/);
  });

  it('bad arguments are refused with the usage (exit 2), writing nothing', async () => {
    for (const args of [
      [],
      ['export', '--org', 'vlaams-brabant'],
      ['export', '--org', 'nobody', '--out', join(dir, 'x.json')],
      ['verify'],
      ['export', '--org', 'vlaams-brabant', '--from', 'yesterday', '--out', join(dir, 'x.json')],
    ]) {
      const res = await cli(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(/^evidence: /);
    }
  });
});

import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FatalImportError } from '../../scripts/import/client';
import { runImport, type ImportKind, type ImportResult } from '../../scripts/import/run';
import { SUBGRAPH_NAMES } from '../../platform/services';
import { startTestHub, token, type TestHub } from '../helpers/hub';
import { ROOT } from '../../platform/paths';

const EXAMPLES = join(__dirname, '..', '..', 'docs', 'examples');

let hub: TestHub;
let dir: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  hub = await startTestHub();
  dir = mkdtempSync(join(tmpdir(), 'partnerhub-import-'));
  for (const f of ['companies.csv', 'partners.csv', 'clusters.csv']) copyFileSync(join(EXAMPLES, f), join(dir, f));
  tokens.companies = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'importer' });
  tokens.partners = await token({ org: 'chengdu', roles: ['editor'], sub: 'importer' });
  tokens.clusters = await token({ org: 'smart-hub', roles: ['editor'], sub: 'importer' });
});

afterAll(async () => {
  await hub?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (kind: ImportKind) => runImport({ kind, file: join(dir, `${kind}.csv`), url: hub.gatewayUrl, token: tokens[kind] });

/** row → "fate" or "rejected:column". */
const fates = (r: ImportResult) =>
  Object.fromEntries(
    r.outcomes.map((o) => [o.row, o.fate === 'rejected' ? `rejected:${o.problems!.map((p) => p.column).join('+')}` : o.fate]),
  );

async function auditCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of SUBGRAPH_NAMES) {
    const c = new Client({ connectionString: hub.databaseUrls[name] });
    await c.connect();
    try {
      out[name] = Number((await c.query('SELECT count(*) AS n FROM audit_log')).rows[0].n);
    } finally {
      await c.end();
    }
  }
  return out;
}

const first: Partial<Record<ImportKind, ImportResult>> = {};

describe('npm run import', () => {
  it('imports docs/examples/companies.csv: every row has a fate, rejected rows name their column', async () => {
    const result = await run('companies');
    first.companies = result;
    expect(fates(result)).toEqual({
      2: 'unchanged', // AquaNova Filtration exactly as in the demo data
      3: 'updated', // Hagelandse Warmtenetten: employees and a Chinese description
      4: 'created', // "BE 0791.123.486"
      5: 'created', // no dots; quotes inside quoted cells
      6: 'created', // a description over two lines
      7: 'rejected:enterpriseNumber', // wrong check digits
      8: 'rejected:postalCode',
      9: 'rejected:municipality',
      10: 'rejected:employees',
      11: 'rejected:chinaStatus',
      12: 'rejected:contactEmail',
      13: 'rejected:enterpriseNumber', // same enterprise as row 4
      14: 'created', // lower-case enum values
    });
    expect(result.summary).toEqual({ created: 4, updated: 1, unchanged: 1, rejected: 7 });
    expect(result.outcomes.find((o) => o.row === 3)!.changed!.sort()).toEqual(['descriptionZh', 'employees']);

    const report = readFileSync(result.reportPath, 'utf8');
    expect(report.charCodeAt(0)).toBe(0xfeff);
    const lines = report.slice(1).trim().split(/\r\n/);
    expect(lines[0]).toBe('row;column;value;reason');
    expect(lines).toHaveLength(8);
    expect(lines[2]).toMatch(/^8;postalCode;2000;must be a Vlaams-Brabant postal code/);

    const { data } = await hub.query(
      `{ a: companyByEnterpriseNumber(enterpriseNumber: "0791.123.486") { name description(lang: ZH) descriptionNl: description(lang: NL) contact { email } }
         b: companyByEnterpriseNumber(enterpriseNumber: "0793.345.677") { description(lang: EN) }
         c: companyByEnterpriseNumber(enterpriseNumber: "0574.815.070") { employees description(lang: ZH) version } }`,
      {},
      { token: tokens.companies },
    );
    expect(data.a).toEqual({
      name: 'Zennevallei Waterlab',
      description: '监测地表水中的微污染物，并为水务公司开发传感器。',
      descriptionNl: 'Meet microverontreinigingen in oppervlaktewater; ontwikkelt sensoren voor waterbedrijven.',
      contact: { email: 'an.peeters@zennevallei-waterlab.be' },
    });
    expect(data.b.description).toBe('Fine-dust sensor networks for greenhouses.\nTwo pilots run with Chengdu agricultural parks.');
    expect(data.c).toEqual({
      employees: 26,
      description: '为住宅区和产业园区设计并运营低温区域供热网络，热源来自余热和热泵。',
      version: 2,
    });
  });

  it('imports partners (comma-separated, Chinese names, districts in Chinese)', async () => {
    const result = await run('partners');
    first.partners = result;
    expect(fates(result)).toEqual({
      2: 'unchanged',
      3: 'created',
      4: 'created',
      5: 'created',
      6: 'rejected:creditCode',
      7: 'rejected:district',
      8: 'rejected:kind',
    });
    const { data } = await hub.query('{ partnerByCreditCode(creditCode: "91510107MA6C7Q8X1W") { nameZh nameEn district } }');
    expect(data.partnerByCreditCode).toEqual({
      nameZh: '成都蓉西水处理设备有限公司',
      nameEn: 'Chengdu Rongxi Water Treatment Equipment Co., Ltd.',
      district: 'Wuhou',
    });
  });

  it('imports cluster memberships of the imported companies', async () => {
    const result = await run('clusters');
    first.clusters = result;
    expect(fates(result)).toEqual({
      2: 'created',
      3: 'created',
      4: 'created',
      5: 'unchanged', // AquaNova has been in CLEANTECH since 2017-02-11
      6: 'rejected:since', // in the future
      7: 'rejected:cluster',
      8: 'rejected:enterpriseNumber', // valid, but no such company
      9: 'rejected:enterpriseNumber', // wrong check digits
      10: 'rejected:since', // not YYYY-MM-DD
    });
    const { data } = await hub.query('{ cluster(code: CLEANTECH) { members { since company { enterpriseNumber } } } }');
    expect(data.cluster.members).toContainEqual({ since: '2024-03-01', company: { enterpriseNumber: '0791.123.486' } });
  });

  it('changes nothing when the same files are imported again', async () => {
    const versions = async () =>
      (
        await hub.query(
          '{ companies(first: 100) { edges { node { enterpriseNumber version } } } partners(first: 100) { edges { node { creditCode version } } } }',
        )
      ).data;
    const audits = await auditCounts();
    const before = await versions();
    for (const kind of ['companies', 'partners', 'clusters'] as const) {
      const again = await run(kind);
      const expected = Object.fromEntries(
        Object.entries(fates(first[kind]!)).map(([row, fate]) => [row, fate === 'created' || fate === 'updated' ? 'unchanged' : fate]),
      );
      expect(fates(again), kind).toEqual(expected);
      // Nothing was even sent: the importer saw that every value is already there.
      expect(
        again.outcomes.filter((o) => o.changed),
        kind,
      ).toEqual([]);
    }
    expect(await versions()).toEqual(before);
    expect(await auditCounts()).toEqual(audits);
  });

  it('stops at once with a token that may not write', async () => {
    await expect(
      runImport({ kind: 'companies', file: join(dir, 'companies.csv'), url: hub.gatewayUrl, token: tokens.partners }),
    ).rejects.toThrow(FatalImportError);
    await expect(
      runImport({ kind: 'companies', file: join(dir, 'companies.csv'), url: hub.gatewayUrl, token: tokens.partners }),
    ).rejects.toThrow(/FORBIDDEN/);
  });

  it('runs from the command line: npm run import -- companies FILE.csv', async () => {
    // Asynchronously: the hub runs in this process.
    const cli = (args: string[], env: Record<string, string> = {}) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['-r', '@swc-node/register', join(ROOT, 'scripts', 'import.ts'), ...args],
          { cwd: ROOT, env: { PATH: process.env.PATH ?? '', INIT_CWD: dir, ...env }, encoding: 'utf8', timeout: 60_000 },
          (err, stdout, stderr) => resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
        );
      });
    const ok = await cli(['companies', 'companies.csv', '--url', hub.gatewayUrl], { HUB_TOKEN: tokens.companies });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/created: +0\n +updated: +0\n +unchanged: +6\n +rejected: +7/);
    // Small files: every row's fate.
    expect(ok.stdout).toMatch(/\n +2 +unchanged +0832\.531\.697 *\n/);
    expect(ok.stdout).toMatch(/\n +8 +rejected +0795\.567\.868 +postalCode: must be a Vlaams-Brabant postal code/);
    expect(ok.stdout).toMatch(/\n +13 +rejected +BE0791123486 +enterpriseNumber: same enterpriseNumber as row 4/);
    expect(ok.stdout).toContain('Report of rejected rows: companies.report.csv');

    const noToken = await cli(['companies', 'companies.csv', '--url', hub.gatewayUrl]);
    expect(noToken.status).toBe(64);
    expect(noToken.stderr).toContain('npm run -s token -- --org vlaams-brabant --roles editor');
  });
});

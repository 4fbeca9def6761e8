import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../scripts/import/run';
import { enterpriseNumberFromBase } from '../../subgraphs/companies/validation/enterprise-number';
import { startTestHub, token, type TestHub } from '../helpers/hub';

/**
 * The figure in docs/import.md: 10,000 company rows through the gateway.
 * Skipped by default (a few minutes on 2 cores):
 *   IMPORT_BENCH=1 npx vitest run tests/integration/import-10k.test.ts
 */
const ROWS = 10_000;
const PLACES = [
  ['Leuven', '3000'],
  ['Halle', '1500'],
  ['Diest', '3290'],
  ['Tienen', '3300'],
  ['Vilvoorde', '1800'],
  ['Zaventem', '1930'],
  ['Pajottegem', '1570'],
];
const DOMAINS = [
  'WASTE_PROCESSING',
  'DRINKING_WATER',
  'WATER_TREATMENT',
  'ENERGY_PRODUCTION',
  'HEAT_PRODUCTION',
  'CIRCULAR_MATERIALS',
  'AIR_QUALITY',
  'SMART_GRIDS',
];
const STATUSES = ['NOT_ACTIVE', 'EXPLORING', 'ACTIVE'];

function generate(file: string, employeesOffset: number) {
  const header =
    'enterpriseNumber;name;municipality;postalCode;website;foundedYear;employees;cleantechDomains;chinaStatus;descriptionNl;descriptionEn;descriptionZh;contactName;contactEmail;contactPhone';
  const lines = [header];
  for (let i = 0; i < ROWS; i++) {
    const [municipality, postalCode] = PLACES[i % PLACES.length];
    const domains = [DOMAINS[i % 8], DOMAINS[(i * 3 + 1) % 8]].join('|');
    const contact = i % 2 === 0 ? `Contact ${i};contact${i}@bench-${i}.be;+32 16 ${String(100000 + i).slice(-6)}` : ';;';
    lines.push(
      [
        enterpriseNumberFromBase(18_000_000 + i),
        `Bench Cleantech ${i}`,
        municipality,
        postalCode,
        i % 3 === 0 ? `https://bench-${i}.be` : '',
        2000 + (i % 25),
        5 + ((i + employeesOffset) % 200),
        domains,
        STATUSES[i % 3],
        `Testbedrijf ${i} voor de importmeting.`,
        `Benchmark company ${i} for the import measurement.`,
        `导入性能测试企业 ${i}。`,
        contact,
      ].join(';'),
    );
  }
  writeFileSync(file, `\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

describe.skipIf(process.env.IMPORT_BENCH !== '1')(`import of ${ROWS} rows`, () => {
  let hub: TestHub;
  let dir: string;
  let jwt: string;
  beforeAll(async () => {
    hub = await startTestHub();
    dir = mkdtempSync(join(tmpdir(), 'partnerhub-import-bench-'));
    jwt = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'bench' });
  });
  afterAll(async () => {
    await hub?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates, re-imports and updates 10,000 companies', { timeout: 1_800_000 }, async () => {
    const file = join(dir, 'companies-10k.csv');
    const timed = async (label: string) => {
      const r = await runImport({ kind: 'companies', file, url: hub.gatewayUrl, token: jwt });
      const seconds = r.durationMs / 1000;
      console.info(`${label}: ${ROWS} rows in ${seconds.toFixed(1)} s (${Math.round(ROWS / seconds)} rows/s)`, r.summary);
      return { label, seconds: Number(seconds.toFixed(1)), rowsPerSecond: Math.round(ROWS / seconds), summary: r.summary };
    };
    generate(file, 0);
    const created = await timed('first import (create)');
    expect(created.summary).toEqual({ created: ROWS, updated: 0, unchanged: 0, rejected: 0 });
    const again = await timed('same file again (unchanged)');
    expect(again.summary).toEqual({ created: 0, updated: 0, unchanged: ROWS, rejected: 0 });
    generate(file, 1);
    const updated = await timed('employees changed in every row (update)');
    expect(updated.summary).toEqual({ created: 0, updated: ROWS, unchanged: 0, rejected: 0 });
    const out = join(__dirname, '..', '..', 'test-artifacts');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'import-10k.json'),
      JSON.stringify({ rows: ROWS, cpus: cpus().length, node: process.version, runs: [created, again, updated] }, null, 2),
    );
  });
});

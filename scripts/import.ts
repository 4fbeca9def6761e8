/**
 * Bulk import from spreadsheets, through the gateway's mutations (the same
 * validation, ownership and audit as any client):
 *
 *   npm run import -- companies FILE.csv [--token T] [--url U] [--report R] [--concurrency N]
 *   npm run import -- partners  FILE.csv
 *   npm run import -- clusters  FILE.csv     (memberships: cluster, enterpriseNumber, since)
 *
 * The token comes from --token or HUB_TOKEN, the endpoint from --url or HUB_URL
 * (default http://localhost:4000/graphql). Every rejected row is listed in
 * FILE.report.csv (row, column, value, reason). See docs/import.md.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { loadImportConfig } from './import/config';
import { FatalImportError } from './import/client';
import { CsvError, IMPORT_KINDS, runImport, type ImportKind } from './import/run';
import { OWNERS } from '../platform/organisations';

const USAGE = `usage: npm run import -- <companies|partners|clusters> FILE.csv [--token TOKEN] [--url URL] [--report FILE] [--concurrency N]`;

/** Files up to this many rows get every row's fate on the terminal. */
const ROWS_LISTED = 100;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      token: { type: 'string' },
      url: { type: 'string' },
      report: { type: 'string' },
      concurrency: { type: 'string', default: '4' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [kind, file] = positionals;
  if (!IMPORT_KINDS.includes(kind as ImportKind) || !file || positionals.length > 2) {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  const config = loadImportConfig();
  const token = values.token ?? config.token;
  if (!token) {
    process.stderr.write(
      `The import needs a token (--token or HUB_TOKEN) of an editor of ${OWNERS[kind as ImportKind]}:\n` +
        `  export HUB_TOKEN=$(npm run -s token -- --org ${OWNERS[kind as ImportKind]} --roles editor --sub importer)\n`,
    );
    return 64;
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    process.stderr.write('--concurrency must be a whole number from 1 to 32\n');
    return 64;
  }
  const at = (p: string) => (isAbsolute(p) ? p : resolve(config.workingDir, p));
  const shown = (p: string) => relative(config.workingDir, p) || p;

  const bar = new SingleBar(
    {
      format:
        ' {bar} {percentage}% | {value}/{total} rows | {created} created, {updated} updated, {unchanged} unchanged, {rejected} rejected | ETA {eta_formatted}',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const result = await runImport({
    kind: kind as ImportKind,
    file: at(file),
    url: values.url ?? config.url,
    token,
    reportPath: values.report ? at(values.report) : undefined,
    concurrency,
    onStart: (rows) => {
      process.stdout.write(`Importing ${rows} ${kind} rows from ${shown(at(file))} into ${values.url ?? config.url}\n`);
      bar.start(rows, 0, counts);
    },
    onRow: (o) => {
      counts[o.fate]++;
      bar.increment(1, counts);
    },
  }).finally(() => bar.stop());

  const s = result.summary;
  const seconds = result.durationMs / 1000;
  process.stdout.write(
    `\n${result.rows} rows in ${seconds.toFixed(1)} s (${Math.round(result.rows / Math.max(seconds, 0.001))} rows/s)\n` +
      `  created:   ${s.created}\n  updated:   ${s.updated}\n  unchanged: ${s.unchanged}\n  rejected:  ${s.rejected}\n`,
  );
  const rejected = result.outcomes.filter((o) => o.fate === 'rejected');
  const detail = (o: (typeof result.outcomes)[number]) =>
    o.fate === 'rejected'
      ? (o.problems ?? []).map((p) => `${p.column ? `${p.column}: ` : ''}${p.reason}`).join('; ')
      : (o.changed ?? []).join(', ');
  // Small files: every row's fate. Large ones: the first rejected rows (all of them are in the report).
  const listed = result.rows <= ROWS_LISTED ? result.outcomes : rejected.slice(0, 10);
  if (listed.length) {
    const keyWidth = Math.max(3, ...listed.map((o) => o.key.length));
    process.stdout.write(`\n  ${'row'.padStart(5)}  ${'fate'.padEnd(9)}  ${'key'.padEnd(keyWidth)}  detail\n`);
    for (const o of listed)
      process.stdout.write(`  ${String(o.row).padStart(5)}  ${o.fate.padEnd(9)}  ${o.key.padEnd(keyWidth)}  ${detail(o)}\n`);
  }
  if (result.rows > ROWS_LISTED && rejected.length > 10) process.stdout.write(`  … and ${rejected.length - 10} more rejected rows\n`);
  process.stdout.write(`Report of rejected rows: ${shown(result.reportPath)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof FatalImportError || err instanceof CsvError) process.stderr.write(`\nimport stopped: ${err.message}\n`);
    else process.stderr.write(`\nimport failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);

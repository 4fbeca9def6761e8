import { basename, dirname, extname, join } from 'node:path';
import { CsvError, readCsv, writeCsv } from '../../subgraphs/kit/sheets/csv';
import { MEMBERSHIP_SHEET } from '../../subgraphs/kit/sheets/formats';
import { checkColumns, splitDuplicates } from '../../subgraphs/kit/sheets/rows';
import { HubClient } from './client';
import { importMemberships, loadMemberships, MEMBERSHIP_BATCH } from './memberships';
import type { Fate, RowOutcome } from './outcome';
import { COMPANIES, importRecords, PARTNERS, type RecordKind } from './records';

export const IMPORT_KINDS = ['companies', 'partners', 'clusters'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportOptions {
  kind: ImportKind;
  file: string;
  url: string;
  token: string;
  /** Where the rejected rows go; default FILE.report.csv beside the file. */
  reportPath?: string;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Called once the file is read, then after every row. */
  onStart?: (rows: number) => void;
  onRow?: (outcome: RowOutcome) => void;
}

export type Summary = Record<Fate, number>;

export interface ImportResult {
  kind: ImportKind;
  rows: number;
  summary: Summary;
  /** One per data row, in file order. */
  outcomes: RowOutcome[];
  reportPath: string;
  durationMs: number;
}

export { CsvError };

export function defaultReportPath(file: string): string {
  const ext = extname(file);
  return join(dirname(file), `${basename(file, ext)}.report.csv`);
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Imports one CSV file through the gateway's mutations. Rows are independent:
 * a rejected row writes nothing and the others go on. Running the same file
 * twice changes nothing the second time.
 */
export async function runImport(opts: ImportOptions): Promise<ImportResult> {
  const started = Date.now();
  const csv = readCsv(opts.file);
  const kind: RecordKind | null = opts.kind === 'clusters' ? null : opts.kind === 'companies' ? COMPANIES : PARTNERS;
  const format = kind?.format ?? MEMBERSHIP_SHEET;
  checkColumns(opts.file, csv, format);
  const columns = new Set(csv.columns);

  const client = new HubClient(opts.url, opts.token);
  const outcomes = new Map<number, RowOutcome>();
  const done = (o: RowOutcome) => {
    outcomes.set(o.row, o);
    opts.onRow?.(o);
  };
  opts.onStart?.(csv.rows.length);

  // The same record twice in one file: the first row counts, the others are reported.
  const { unique, duplicates } = splitDuplicates(format, csv.rows);
  for (const d of duplicates) done({ row: d.row.row, key: d.shownKey, fate: 'rejected', problems: [d.problem] });

  const concurrency = Math.max(1, opts.concurrency ?? 4);
  if (!kind) {
    const memberships = await loadMemberships(client);
    await pool(chunks(unique, MEMBERSHIP_BATCH), concurrency, (batch) => importMemberships(client, memberships, batch, done));
  } else {
    await pool(chunks(unique, kind.lookupBatch), concurrency, (batch) => importRecords(client, kind, columns, batch, done));
  }

  const ordered = [...outcomes.values()].sort((a, b) => a.row - b.row);
  const summary: Summary = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const o of ordered) summary[o.fate]++;
  const reportPath = opts.reportPath ?? defaultReportPath(opts.file);
  const byRow = new Map(csv.rows.map((r) => [r.row, r.values]));
  const lines = ordered.flatMap((o) => (o.problems ?? []).map((p) => [o.row, p.column, byRow.get(o.row)?.[p.column] ?? '', p.reason]));
  writeCsv(reportPath, ['row', 'column', 'value', 'reason'], lines, csv.delimiter);
  return { kind: opts.kind, rows: csv.rows.length, summary, outcomes: ordered, reportPath, durationMs: Date.now() - started };
}

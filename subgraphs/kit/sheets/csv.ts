import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** One data row of a spreadsheet: its row number as a spreadsheet shows it (the header is row 1). */
export interface CsvRow {
  row: number;
  values: Record<string, string>;
}

export interface CsvFile {
  delimiter: ';' | ',' | '\t';
  /** Column names as written in the header, trimmed. */
  columns: string[];
  rows: CsvRow[];
}

export class CsvError extends Error {}

/** The delimiter of the header line: the most frequent of `;`, `,` and tab outside quotes. */
export function detectDelimiter(text: string): CsvFile['delimiter'] {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.entries(counts) as [CsvFile['delimiter'], number][]).sort((a, b) => b[1] - a[1])[0];
  return best[1] > 0 ? best[0] : ',';
}

/**
 * Reads a CSV export as spreadsheets write them: UTF-8 with or without a BOM,
 * `;` (Belgian Excel) or `,` or tab separated (detected from the header),
 * quoted fields with separators, quotes or line breaks inside.
 */
export function readCsv(path: string): CsvFile {
  const bytes = readFileSync(path);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) throw new CsvError(`${path} is UTF-16: save it as "CSV UTF-8" instead.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CsvError(`${path} is not UTF-8: save it as "CSV UTF-8 (comma delimited)" and try again.`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw new CsvError(`${path}: ${(err as Error).message}`);
  }
  if (records.length === 0) throw new CsvError(`${path} is empty: the first line must name the columns.`);
  const columns = records[0].map((c) => c.trim());
  const rows: CsvRow[] = [];
  records.forEach((record, i) => {
    if (i === 0 || record.every((v) => v.trim() === '')) return;
    const values: Record<string, string> = {};
    columns.forEach((c, j) => {
      values[c] = (record[j] ?? '').trim();
    });
    // The row number a spreadsheet shows (the header is row 1), also when a quoted cell spans lines.
    rows.push({ row: i + 1, values });
  });
  return { delimiter, columns, rows };
}

function quote(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes a small CSV with a BOM (so that Excel reads Chinese text as UTF-8). */
export function writeCsv(path: string, header: string[], rows: (string | number)[][], delimiter = ','): void {
  const lines = [header, ...rows].map((r) => r.map((v) => quote(String(v), delimiter)).join(delimiter));
  writeFileSync(path, `\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

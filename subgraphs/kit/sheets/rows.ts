/**
 * Spreadsheet rows as mutation inputs, shared by `npm run import` (which sends
 * them through the gateway) and the demo data (which hands them to the owning
 * subgraph's validator in-process): the header check, the cell parsing, the
 * "same record twice" rule and the mapping of an error back to its column.
 */
import { parseCell, type CellProblem, type FieldType } from './cells';
import { CsvError, type CsvFile, type CsvRow } from './csv';

export interface FieldSpec {
  /** Column name in the spreadsheet = the input field name. */
  column: string;
  type: FieldType;
  /** The column must be in the file (the mutation requires the field). */
  required?: boolean;
}

/** One kind of spreadsheet: its columns and what makes two rows the same record. */
export interface SheetFormat {
  fields: FieldSpec[];
  /** Whether contactName, contactEmail and contactPhone columns make the input's `contact`. */
  contact?: boolean;
  /** The column a repeated record is reported in. */
  keyColumn: string;
  /** The row's natural key as the owner stores it; '' when the row has none (then it is not compared). */
  keyOf(values: Record<string, string>): string;
  /** The key as reports show it; default: the key column's cell. */
  shownKey?(values: Record<string, string>): string;
}

export const CONTACT_COLUMNS = ['contactName', 'contactEmail', 'contactPhone'];

/** The columns a file of this format may have; the required ones must be there. */
export function columnsOf(format: SheetFormat): { required: string[]; known: string[] } {
  return {
    required: format.fields.filter((f) => f.required).map((f) => f.column),
    known: [...format.fields.map((f) => f.column), ...(format.contact ? CONTACT_COLUMNS : [])],
  };
}

/** Stops at a wrong header: a required column missing, or an unknown one (a typo would otherwise be ignored silently). */
export function checkColumns(file: string, csv: CsvFile, format: SheetFormat): void {
  const spec = columnsOf(format);
  const columns = new Set(csv.columns);
  const missing = spec.required.filter((c) => !columns.has(c));
  if (missing.length) {
    throw new CsvError(`${file}: missing column(s) ${missing.join(', ')}. The first row must name the columns: ${spec.known.join(', ')}.`);
  }
  const unknown = csv.columns.filter((c) => c && !spec.known.includes(c));
  if (unknown.length) throw new CsvError(`${file}: unknown column(s) ${unknown.join(', ')}. Known columns: ${spec.known.join(', ')}.`);
}

export interface ParsedRow {
  input: Record<string, unknown>;
  problems: CellProblem[];
}

/** The row as a mutation input, for the columns the file has. */
export function parseRow(format: SheetFormat, columns: Set<string>, row: CsvRow): ParsedRow {
  const input: Record<string, unknown> = {};
  const problems: CellProblem[] = [];
  for (const f of format.fields) {
    if (!columns.has(f.column)) continue;
    const parsed = parseCell(f.column, row.values[f.column] ?? '', f.type, f.required === true);
    if (parsed.ok) input[f.column] = parsed.value;
    else problems.push(parsed.problem);
  }
  if (format.contact && CONTACT_COLUMNS.some((c) => columns.has(c))) {
    const [name, email, phone] = CONTACT_COLUMNS.map((c) => (row.values[c] ?? '').trim());
    // No contact cells: no contact. Otherwise the subgraph checks name and e-mail.
    input.contact = name || email || phone ? { name, email, phone: phone || null } : null;
  }
  return { input, problems };
}

export interface Duplicate {
  row: CsvRow;
  /** The row the record was first on. */
  first: number;
  shownKey: string;
  problem: CellProblem;
}

/** The same record twice in one file: the first row counts, the others are problems. */
export function splitDuplicates(format: SheetFormat, rows: CsvRow[]): { unique: CsvRow[]; duplicates: Duplicate[] } {
  const firstRow = new Map<string, number>();
  const unique: CsvRow[] = [];
  const duplicates: Duplicate[] = [];
  for (const r of rows) {
    const key = format.keyOf(r.values);
    const first = firstRow.get(key);
    if (key !== '' && first !== undefined) {
      duplicates.push({
        row: r,
        first,
        shownKey: format.shownKey?.(r.values) ?? r.values[format.keyColumn] ?? '',
        problem: { column: format.keyColumn, reason: `same ${format.keyColumn} as row ${first}: one row per record` },
      });
    } else {
      if (key !== '') firstRow.set(key, r.row);
      unique.push(r);
    }
  }
  return { unique, duplicates };
}

/** A GraphQL error as the gateway answers it or as a validator throws it. */
export interface ReportedError {
  message: string;
  extensions?: { code?: unknown; field?: unknown; [k: string]: unknown };
}

/**
 * The spreadsheet column an error names: `extensions.field` is the input path
 * (`input.postalCode`, `input.contact.email`, `input.attendeeCompanyIds[2]`,
 * `companyId`), the column is the header of the file (`postalCode`,
 * `contactEmail`, `attendees`, `enterpriseNumber`).
 */
export function columnOf(field: string | undefined, fallback: string, aliases: Record<string, string> = {}): string {
  if (!field) return fallback;
  const path = field.replace(/^input\./, '').replace(/\[\d+\]/g, '');
  if (aliases[path]) return aliases[path];
  const contact = /^contact\.(name|email|phone)$/.exec(path);
  if (contact) return `contact${contact[1][0].toUpperCase()}${contact[1].slice(1)}`;
  if (path === 'contact') return 'contactName';
  return path.split('.')[0];
}

/** The message without the `input.field: ` prefix the subgraphs put in front. */
function reasonOf(e: ReportedError, field: string | undefined): string {
  return field && e.message.startsWith(`${field}: `) ? e.message.slice(field.length + 2) : e.message;
}

/** Errors of one row as problems in its columns: BAD_USER_INPUT as the reason alone, other codes in front of it. */
export function problemsFromErrors(errors: ReportedError[], fallbackColumn: string, aliases: Record<string, string> = {}): CellProblem[] {
  if (errors.length === 0) return [{ column: fallbackColumn, reason: 'the hub answered neither data nor an error' }];
  return errors.map((e) => {
    const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'ERROR';
    const field = typeof e.extensions?.field === 'string' ? e.extensions.field : undefined;
    const column = columnOf(field, code === 'CONFLICT' ? fallbackColumn : '', aliases);
    return { column, reason: code === 'BAD_USER_INPUT' ? reasonOf(e, field) : `${code}: ${reasonOf(e, field)}` };
  });
}

import type { GqlError } from './client';
import type { CellProblem } from './fields';

export type Fate = 'created' | 'updated' | 'unchanged' | 'rejected';

/** What happened to one row. */
export interface RowOutcome {
  /** Row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  /** The row's key cell (enterprise number, credit code, or cluster + number). */
  key: string;
  fate: Fate;
  id?: string;
  version?: number;
  /** Columns an update changed. */
  changed?: string[];
  problems?: CellProblem[];
}

/**
 * The spreadsheet column an error names: `extensions.field` is the input path
 * (`input.postalCode`, `input.contact.email`, `companyId`), the column is the
 * header of the file (`postalCode`, `contactEmail`, `enterpriseNumber`).
 */
export function columnOf(field: string | undefined, fallback: string, aliases: Record<string, string> = {}): string {
  if (!field) return fallback;
  const path = field.replace(/^input\./, '');
  if (aliases[path]) return aliases[path];
  const contact = /^contact\.(name|email|phone)$/.exec(path);
  if (contact) return `contact${contact[1][0].toUpperCase()}${contact[1].slice(1)}`;
  if (path === 'contact') return 'contactName';
  return path.split('.')[0];
}

/** The message without the `input.field: ` prefix the subgraphs put in front. */
function reasonOf(e: GqlError): string {
  const field = e.extensions?.field;
  return field && e.message.startsWith(`${field}: `) ? e.message.slice(field.length + 2) : e.message;
}

export function problemsFromErrors(errors: GqlError[], fallbackColumn: string, aliases: Record<string, string> = {}): CellProblem[] {
  if (errors.length === 0) return [{ column: fallbackColumn, reason: 'the hub answered neither data nor an error' }];
  return errors.map((e) => {
    const code = e.extensions?.code ?? 'ERROR';
    const column = columnOf(e.extensions?.field, code === 'CONFLICT' ? fallbackColumn : '', aliases);
    return { column, reason: code === 'BAD_USER_INPUT' ? reasonOf(e) : `${code}: ${reasonOf(e)}` };
  });
}

import { GraphQLError, type GraphQLScalarType } from 'graphql';

/**
 * How spreadsheet cells become GraphQL input values, for `npm run import` and
 * the demo data alike. Only types are checked here (a number where a number
 * goes, a known enum value, what a scalar accepts): every business rule
 * (enterprise number check digits, municipality, postal code, e-mail, …) is the
 * owning subgraph's validator's, which the import reaches through the
 * mutations and the demo data in-process.
 */

export type FieldType =
  | { kind: 'string' }
  | { kind: 'int' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'enumList'; values: readonly string[] }
  /** Several strings separated by `|` (natural keys), in the order written. */
  | { kind: 'list' }
  /** What the GraphQL scalar accepts (Date, DateTime); the value stays the text a variable would carry. */
  | { kind: 'scalar'; scalar: GraphQLScalarType };

/** A problem found in a cell before anything is sent. */
export interface CellProblem {
  column: string;
  reason: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: CellProblem };

/** "waste processing", "Waste-Processing" and "WASTE_PROCESSING" all mean WASTE_PROCESSING. */
export function enumValue(cell: string): string {
  return cell
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
}

/** Several values in one cell: separated by `|` (or `,`/`;` inside a quoted cell). */
export function splitList(cell: string): string[] {
  return cell
    .split(/[|,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A cell as the input value: empty → null (the mutation then reports a
 * missing required value itself, or clears an optional one).
 */
export function parseCell(column: string, cell: string, type: FieldType, required: boolean): Parsed<unknown> {
  const empty = cell.trim() === '';
  const bad = (reason: string): Parsed<unknown> => ({ ok: false, problem: { column, reason } });
  switch (type.kind) {
    case 'string':
      return { ok: true, value: empty ? (required ? '' : null) : cell.trim() };
    case 'int': {
      if (empty) return required ? bad('is required: a whole number') : { ok: true, value: null };
      const s = cell.trim().replace(/[\s.]/g, '');
      if (!/^-?\d+$/.test(s) || !Number.isSafeInteger(Number(s))) return bad(`must be a whole number, got "${cell}"`);
      return { ok: true, value: Number(s) };
    }
    case 'enum': {
      if (empty) return required ? bad(`is required: one of ${type.values.join(', ')}`) : { ok: true, value: null };
      const v = enumValue(cell);
      return type.values.includes(v) ? { ok: true, value: v } : bad(`must be one of ${type.values.join(', ')}, got "${cell}"`);
    }
    case 'enumList': {
      const values = splitList(cell).map(enumValue);
      const unknown = values.filter((v) => !type.values.includes(v));
      if (unknown.length)
        return bad(`unknown value ${unknown.map((u) => `"${u}"`).join(', ')}: use ${type.values.join(', ')} separated by |`);
      return { ok: true, value: [...new Set(values)].sort() };
    }
    case 'list':
      return { ok: true, value: splitList(cell) };
    case 'scalar': {
      if (empty) return required ? bad(`is required: a ${type.scalar.name}`) : { ok: true, value: null };
      try {
        type.scalar.parseValue(cell.trim());
      } catch (err) {
        // "Date must be a calendar date …" -> "must be a calendar date …"
        if (err instanceof GraphQLError) return bad(err.message.replace(new RegExp(`^${type.scalar.name} `), ''));
        throw err;
      }
      return { ok: true, value: cell.trim() };
    }
  }
}

/** Equal as the import compares them: lists as sets, missing as null. */
export function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => {
    if (v === undefined || v === '') return null;
    if (Array.isArray(v)) return [...v].map(String).sort().join('|');
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return JSON.stringify(
        Object.keys(o)
          .sort()
          .map((k) => [k, norm(o[k])]),
      );
    }
    return v;
  };
  return norm(a) === norm(b);
}

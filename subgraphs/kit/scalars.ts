import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

export { GraphQLJSON as JSONScalar } from 'graphql-scalars';

/**
 * The dates this API accepts: 1900-01-01 to 2100-12-31, for `Date` values and
 * for the instant of a `DateTime` (in UTC). Every date of this domain (cluster
 * memberships, project periods, panels, events) lies well inside; the bounds
 * keep every value a four-digit year that PostgreSQL, JavaScript and every
 * client read alike. A DateTime is answered in UTC, and its bound is on the
 * instant, not on the local time written, so that what the API answers it
 * always accepts again (2100-12-31T23:00:00-05:00 is 2101 in UTC: refused).
 */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2100-12-31';
const INSTANT_MIN = Date.UTC(1900, 0, 1);
const INSTANT_MAX = Date.UTC(2101, 0, 1) - 1;
/** Offsets in use run from -12:00 to +14:00. */
const OFFSET_MAX_MINUTES = 14 * 60;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (any year). */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  d.setUTCFullYear(+m[1]); // Date.UTC maps years 0-99 to 1900-1999
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** What a refusal echoes of the value: enough to recognise it, never a whole megabyte. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value) || value < DATE_MIN || value > DATE_MAX) {
    throw badInput(`Date must be a calendar date written YYYY-MM-DD, from ${DATE_MIN} to ${DATE_MAX}, got ${shown(value)}`);
  }
  return value;
}

/** `Date`: a calendar date, YYYY-MM-DD, carried as a string. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: `A calendar date, YYYY-MM-DD, from ${DATE_MIN} to ${DATE_MAX}.`,
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && isIsoDate(value)) return value;
    throw new TypeError(`not a calendar date: ${shown(value)}`);
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('Date must be a string written YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** An ISO-8601 date-time with an offset -> its instant in ms since 1970, or undefined when it is not one. */
export function parseInstant(value: string): number | undefined {
  const m = DATETIME_RE.exec(value);
  if (!m || !isIsoDate(m[1])) return undefined;
  const [hours, minutes, seconds] = [+m[2], +m[3], +(m[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const offset = m[6] ? (m[6] === '-' ? -1 : 1) * (+m[7] * 60 + +m[8]) : 0;
  if (+m[8] > 59 || Math.abs(offset) > OFFSET_MAX_MINUTES) return undefined;
  const [y, mo, d] = m[1].split('-').map(Number);
  const local = new Date(Date.UTC(2000, mo - 1, d, hours, minutes, seconds, +(m[5] ?? '0').padEnd(3, '0').slice(0, 3)));
  local.setUTCFullYear(y);
  return local.getTime() - offset * 60_000;
}

function parseDateTime(value: unknown): Date {
  const instant = typeof value === 'string' ? parseInstant(value) : undefined;
  if (instant === undefined) {
    throw badInput(`DateTime must be ISO-8601 with an offset, e.g. 2027-02-04T14:00:00+01:00, got ${shown(value)}`);
  }
  if (instant < INSTANT_MIN || instant > INSTANT_MAX) {
    throw badInput(`DateTime must lie from ${DATE_MIN}T00:00:00Z to ${DATE_MAX}T23:59:59.999Z (in UTC), got ${shown(value)}`);
  }
  return new Date(instant);
}

/** `DateTime`: an instant, ISO-8601 with offset; answered in UTC (`Z`). */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: `An instant, ISO-8601 with an offset, from ${DATE_MIN}T00:00:00Z to ${DATE_MAX}T23:59:59.999Z (answers are in UTC).`,
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    return parseDateTime(value).toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('DateTime must be a string');
    return parseDateTime(ast.value);
  },
});

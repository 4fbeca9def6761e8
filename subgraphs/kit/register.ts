/**
 * The cross-border register (issue 14, item 5): an owning subgraph's
 * disclosures of a period counted per recipient, purpose, agreement (whose
 * legal basis the registry holds) and data set, cross-border ones marked —
 * GDPR Art. 30(1)(d)/(e) "categories of recipients … transfers to a third
 * country", as far as the hub knows them.
 *
 * One grouping for both readers of it: the API's register (`readRegister`,
 * one GROUP BY statement per request) and the evidence bundle's
 * (scripts/evidence/bundle.ts, recounted offline from the bundle's records by
 * `verify`) group by REGISTER_KEY and order their lines by
 * compareRegisterLines, so a bundle and the dashboard show the same lines for
 * the same period.
 */
import type { DataSource } from 'typeorm';
import { BadUserInputError } from '../../platform/errors';
import { DATE_MIN } from './scalars';
import type { DataSet, Purpose } from '../../platform/organisations';

/** The disclosure columns a register line is one group of. */
export const REGISTER_KEY = ['data_set', 'recipient', 'purpose', 'agreement_id', 'cross_border'] as const;
export type RegisterKeyColumn = (typeof REGISTER_KEY)[number];

type LineOrder = Pick<RegisterKey, 'recipient' | 'purpose' | 'agreementId'>;

/** The order of a register's lines: recipient, purpose, agreement (as the bundle has always written them). */
export function compareRegisterLines(a: LineOrder, b: LineOrder): number {
  return a.recipient.localeCompare(b.recipient) || a.purpose.localeCompare(b.purpose) || a.agreementId.localeCompare(b.agreementId);
}

/** The period a register covers when none is given: the last 90 days. */
export const REGISTER_DEFAULT_DAYS = 90;
/** The longest period one request counts: a year (longer: ask year by year, or export an evidence bundle). */
export const REGISTER_MAX_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * What identifies a register line: the values of its REGISTER_KEY columns,
 * by the names both registers give them (the API's and the bundle's).
 */
export interface RegisterKey {
  dataSet: DataSet;
  recipient: string;
  purpose: Purpose;
  agreementId: string;
  crossBorder: boolean;
}

/** A line's key from a disclosure row: one of the database's, or a record of an evidence bundle (read back from JSON). */
export function registerKeyOf(row: Readonly<Record<string, unknown>>): RegisterKey {
  return {
    dataSet: row.data_set as DataSet,
    recipient: String(row.recipient),
    purpose: row.purpose as Purpose,
    agreementId: String(row.agreement_id),
    crossBorder: row.cross_border === true,
  };
}

/** What both registers count per line: disclosure records (one per record shown per answer), answers (requests), first and last instant. */
export interface RegisterCounts<Instant> {
  disclosures: number;
  requests: number;
  first: Instant;
  last: Instant;
}

/**
 * One line of an owner's register, as readRegister answers it (GraphQL:
 * DisclosureRegisterLine, kit/disclosure-resolver.ts, which implements it).
 * The evidence bundle's line (scripts/evidence/bundle.ts) has the same key
 * and counts, with its instants as ISO strings.
 */
export interface RegisterLine extends RegisterKey, RegisterCounts<Date> {
  /** The agreement as a reference: the registry answers its legal basis. */
  agreement: { id: string };
  /** Distinct records shown. */
  records: number;
}

export interface Register {
  dataSet: DataSet;
  from: Date;
  to: Date;
  lines: RegisterLine[];
}

/** [from, to) from the arguments: to defaults to now, from to 90 days before to (not before 1900); BAD_USER_INPUT names the argument at fault. */
export function registerPeriod(from: Date | null | undefined, to: Date | null | undefined, now = new Date()): { from: Date; to: Date } {
  const end = to ?? now;
  // The default start stays within the dates the API accepts, so that the answer's `from` is one it accepts again.
  const start = from ?? new Date(Math.max(end.getTime() - REGISTER_DEFAULT_DAYS * DAY_MS, Date.parse(`${DATE_MIN}T00:00:00Z`)));
  if (start.getTime() >= end.getTime()) {
    throw new BadUserInputError('from', `must be before to (${end.toISOString()}); the period is [from, to)`);
  }
  if (end.getTime() - start.getTime() > REGISTER_MAX_DAYS * DAY_MS) {
    throw new BadUserInputError(
      'from',
      `the period may span at most ${REGISTER_MAX_DAYS} days; ask year by year, or export an evidence bundle (docs/evidence.md)`,
    );
  }
  return { from: start, to: end };
}

/** A row of readRegister's statement: the key columns, then the line's counts. */
type RegisterRow = Record<RegisterKeyColumn, unknown> & RegisterCounts<Date> & { records: number };

const GROUP_BY = REGISTER_KEY.join(', ');

/** The register of one data set for [from, to): one statement, whatever the number of disclosures. */
export async function readRegister(ds: DataSource, dataSet: DataSet, period: { from: Date; to: Date }): Promise<Register> {
  const rows: RegisterRow[] = await ds.query(
    `SELECT ${GROUP_BY}, count(*)::int AS disclosures, count(DISTINCT record_id)::int AS records,
            count(DISTINCT request_id)::int AS requests, min(at) AS first, max(at) AS last
     FROM disclosure WHERE data_set = $1 AND at >= $2 AND at < $3
     GROUP BY ${GROUP_BY}`,
    [dataSet, period.from, period.to],
  );
  const lines = rows
    .map(({ disclosures, records, requests, first, last, ...key }): RegisterLine => {
      const line = registerKeyOf(key);
      return { ...line, agreement: { id: line.agreementId }, disclosures, records, requests, first, last };
    })
    .sort(compareRegisterLines);
  return { dataSet, ...period, lines };
}

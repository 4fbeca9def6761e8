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

/** The order of a register's lines: recipient, purpose, agreement (as the bundle has always written them). */
export function compareRegisterLines(
  a: { recipient: string; purpose: string; agreementId: string },
  b: { recipient: string; purpose: string; agreementId: string },
): number {
  return a.recipient.localeCompare(b.recipient) || a.purpose.localeCompare(b.purpose) || a.agreementId.localeCompare(b.agreementId);
}

/** The period a register covers when none is given: the last 90 days. */
export const REGISTER_DEFAULT_DAYS = 90;
/** The longest period one request counts: a year (longer: ask year by year, or export an evidence bundle). */
export const REGISTER_MAX_DAYS = 366;
const DAY_MS = 86_400_000;

/** One line of an owner's register, as readRegister answers it (GraphQL: DisclosureRegisterLine, kit/disclosure-resolver.ts). */
export interface RegisterLine {
  dataSet: DataSet;
  recipient: string;
  purpose: Purpose;
  agreementId: string;
  /** The agreement as a reference: the registry answers its legal basis. */
  agreement: { id: string };
  crossBorder: boolean;
  disclosures: number;
  records: number;
  requests: number;
  first: Date;
  last: Date;
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

interface RegisterRow {
  data_set: DataSet;
  recipient: string;
  purpose: Purpose;
  agreement_id: string;
  cross_border: boolean;
  disclosures: number;
  records: number;
  requests: number;
  first: Date;
  last: Date;
}

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
    .map((r) => ({
      dataSet: r.data_set,
      recipient: r.recipient,
      purpose: r.purpose,
      agreementId: r.agreement_id,
      agreement: { id: r.agreement_id },
      crossBorder: r.cross_border,
      disclosures: r.disclosures,
      records: r.records,
      requests: r.requests,
      first: r.first,
      last: r.last,
    }))
    .sort(compareRegisterLines);
  return { dataSet, ...period, lines };
}

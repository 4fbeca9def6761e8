/**
 * Disclosure records (issue 14): every answer that shows restricted data of a
 * record to an organisation other than its owner leaves one row per disclosed
 * record in the owning subgraph's own database, written before the answer
 * leaves the subgraph, in at most one INSERT per request (appended to the
 * database's disclosure chain, kit/trail.ts; concurrent requests share one,
 * see DisclosureWriter). When the row cannot be
 * written the answer's data is withheld (null, DISCLOSURE_NOT_RECORDED): no
 * disclosure without its record. The owner reading its own data records
 * nothing (SharingGuard decides, sharing.ts).
 *
 * The owner reads them back with `Company.disclosures` / `Partner.disclosures`:
 * newest first, keyset-paged on (at, id) descending, one statement for the
 * page of every record of an answer and one for their counts.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import DataLoader from 'dataloader';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { BadUserInputError, HubError } from '../../platform/errors';
import { uuidV7 } from '../../platform/ids';
import { DataSet, Purpose } from '../../platform/organisations';
import type { HubContext } from './context';
import type { SubgraphMetrics } from './metrics';
import { groupInKeyOrder } from './loaders';
import { checkFirst, ConnectionType, decodeCursor, encodeCursor, type ConnectionResult } from './pagination';
import { DateTimeScalar } from './scalars';
import type { DisclosureDecision } from './sharing';
import { TrailAppender } from './trail';

@Directive('@shareable')
@ObjectType({ description: 'One answer that showed restricted data of one record to another organisation.' })
export class Disclosure {
  @Field(() => ID)
  id: string;

  @Field(() => DateTimeScalar)
  at: Date;

  @Field()
  requestId: string;

  @Field(() => DataSet)
  dataSet: DataSet;

  @Field({ description: 'Organisation id of the recipient.' })
  recipient: string;

  @Field({ description: '`sub` of the recipient’s token.' })
  actor: string;

  @Field(() => Purpose)
  purpose: Purpose;

  @Field(() => ID)
  agreementId: string;

  @Field()
  crossBorder: boolean;

  @Field(() => [String], { description: 'The restricted fields shown, e.g. ["contact"].' })
  fields: string[];
}

export const DisclosureConnection = ConnectionType(Disclosure, 'Disclosure', { shareable: true });

/** One row to write: a record shown to one recipient under one agreement in one request. */
export interface NewDisclosure {
  requestId: string;
  dataSet: DataSet;
  recordId: string;
  recipient: string;
  actor: string;
  purpose: Purpose;
  agreementId: string;
  crossBorder: boolean;
  fields: string[];
}

/** Migration SQL for the disclosure table: the same in every subgraph that owns a data set. */
export async function createDisclosureTable(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE disclosure (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
      request_id text NOT NULL,
      data_set text NOT NULL,
      record_id uuid NOT NULL,
      recipient text NOT NULL,
      actor text NOT NULL,
      purpose text NOT NULL,
      agreement_id text NOT NULL,
      cross_border boolean NOT NULL,
      fields text[] NOT NULL
    )`);
  // The owner's question, per record, newest first (keyset on (at, id) descending).
  await q.query('CREATE INDEX disclosure_record_idx ON disclosure (record_id, at DESC, id DESC)');
  // The register and the evidence export: per period, per recipient.
  await q.query('CREATE INDEX disclosure_at_idx ON disclosure (at)');
  await q.query('CREATE INDEX disclosure_recipient_idx ON disclosure (recipient, at)');
}

/**
 * Migration, the same in every subgraph that owns a data set (issue 14, item
 * 6): the indexes every disclosure pays for on insert, cut to what is read.
 * `(recipient, at)` was read by nothing; `at` grows with `seq` (the chain's
 * writers never go back in time, kit/trail.ts), so the period scans of the
 * register and the evidence export are served by a BRIN index, a few pages
 * for the whole table and nearly free to maintain, instead of a B-tree entry
 * per row. PostgreSQL's CPU per batch of 20 disclosures 0.89 → 0.63–0.71 ms
 * (docs/performance.md).
 */
export class DisclosureIndexes1797033600000 implements MigrationInterface {
  name = 'DisclosureIndexes1797033600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX disclosure_recipient_idx');
    await q.query('DROP INDEX disclosure_at_idx');
    await q.query('CREATE INDEX disclosure_at_brin ON disclosure USING brin (at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX disclosure_at_brin');
    await q.query('CREATE INDEX disclosure_at_idx ON disclosure (at)');
    await q.query('CREATE INDEX disclosure_recipient_idx ON disclosure (recipient, at)');
  }
}

/** The decisions of one request as rows: one per (record, recipient, agreement, purpose), its fields together. */
export function disclosuresOf(requestId: string, decisions: readonly DisclosureDecision[]): NewDisclosure[] {
  const rows = new Map<string, NewDisclosure>();
  for (const d of decisions) {
    // NUL cannot occur in a data set, record id, organisation id, purpose or agreement id; the actor (a
    // token's `sub`, any text) comes last, so no two decisions share a key unless they share all six.
    const key = `${d.dataSet}\0${d.recordId}\0${d.recipient}\0${d.purpose}\0${d.agreementId}\0${d.actor}`;
    const row = rows.get(key);
    if (row) {
      if (!row.fields.includes(d.field)) row.fields.push(d.field);
      continue;
    }
    rows.set(key, {
      requestId,
      dataSet: d.dataSet,
      recordId: d.recordId,
      recipient: d.recipient,
      actor: d.actor,
      purpose: d.purpose,
      agreementId: d.agreementId,
      crossBorder: d.crossBorder,
      fields: [d.field],
    });
  }
  return [...rows.values()];
}

/** The chain's row of a disclosure. */
const trailRow = (r: NewDisclosure) => ({
  id: uuidV7(),
  request_id: r.requestId,
  data_set: r.dataSet,
  record_id: r.recordId,
  recipient: r.recipient,
  actor: r.actor,
  purpose: r.purpose,
  agreement_id: r.agreementId,
  cross_border: r.crossBorder,
  fields: r.fields,
});

/**
 * Group commit, per subgraph process: the chain takes one batch at a time
 * (each links to the one before), so while one INSERT is in flight the rows
 * of the requests that finish meanwhile wait and go together in the next —
 * one statement and one commit for all of them, instead of one each in a
 * queue. The INSERT is a single statement with no transaction around it
 * (it takes the trail's lock itself; TrailAppender, kit/trail.ts). Each
 * request's promise settles with the statement that holds its rows: its
 * answer leaves only once they are committed, and if it fails every request
 * in it withholds its data.
 */
class DisclosureWriter {
  private pending: { rows: readonly NewDisclosure[]; settle: (err?: unknown) => void }[] = [];
  private flushing = false;
  private readonly chain: TrailAppender;

  constructor(
    ds: DataSource,
    private readonly metrics: RecordingMetrics | undefined,
  ) {
    this.chain = new TrailAppender(ds, 'disclosure');
  }

  write(rows: readonly NewDisclosure[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ rows, settle: (err) => (err === undefined ? resolve() : reject(err)) });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length) {
      const batch = this.pending.splice(0);
      const rows = batch.flatMap((b) => b.rows.map(trailRow));
      const end = this.metrics?.disclosureWriteDuration.startTimer();
      const error = await this.chain.append(rows).then(
        () => undefined,
        (err: unknown) => err ?? new Error('disclosure not recorded'),
      );
      end?.({ outcome: error === undefined ? 'recorded' : 'failed' });
      if (error === undefined) {
        this.metrics?.disclosureWriteRequests.inc(batch.length);
        this.metrics?.disclosuresRecorded.inc(rows.length);
      }
      for (const b of batch) b.settle(error);
    }
    this.flushing = false;
  }
}

/** What the group commit reports (kit/metrics.ts): statements and their time, the requests and rows they carried. */
type RecordingMetrics = Pick<SubgraphMetrics, 'disclosureWriteDuration' | 'disclosureWriteRequests' | 'disclosuresRecorded'>;

const writers = new WeakMap<DataSource, DisclosureWriter>();

/** Records a request's disclosures; resolves once they are committed (with those of concurrent requests). */
export function writeDisclosures(ds: DataSource, rows: readonly NewDisclosure[], metrics?: RecordingMetrics): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  let writer = writers.get(ds);
  if (!writer) writers.set(ds, (writer = new DisclosureWriter(ds, metrics)));
  return writer.write(rows);
}

export const DISCLOSURE_NOT_RECORDED = 'DISCLOSURE_NOT_RECORDED';

/**
 * Apollo plugin: at `willSendResponse`, before the answer leaves, the
 * request's disclosures are written in one statement. If that fails the
 * answer's data is replaced by null and the only error is
 * DISCLOSURE_NOT_RECORDED: nothing restricted leaves unrecorded.
 */
export function disclosurePlugin<C extends Pick<HubContext, 'sharing' | 'ds' | 'requestId' | 'log'>>(
  metrics?: RecordingMetrics,
): ApolloServerPlugin<C> {
  const plugin: ApolloServerPlugin<C> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const decisions = contextValue?.sharing?.disclosed;
          if (!decisions?.length) return;
          try {
            await writeDisclosures(contextValue.ds, disclosuresOf(contextValue.requestId, decisions), metrics);
          } catch (err) {
            contextValue.log.error(
              { err: (err as Error).message, requestId: contextValue.requestId },
              'disclosure not recorded: data withheld',
            );
            if (response.body.kind !== 'single') return;
            const error = new HubError(
              'The answer showed restricted data whose disclosure could not be recorded, so it is withheld: retry in a moment.',
              DISCLOSURE_NOT_RECORDED,
            );
            response.body.singleResult = { data: null, errors: [{ message: error.message, extensions: error.extensions }] };
          }
        },
      };
    },
  };
  return plugin;
}

interface DisclosureRow {
  id: string;
  at: Date;
  request_id: string;
  data_set: DataSet;
  record_id: string;
  recipient: string;
  actor: string;
  purpose: Purpose;
  agreement_id: string;
  cross_border: boolean;
  fields: string[];
}

const toDisclosure = (r: DisclosureRow): Disclosure => ({
  id: r.id,
  at: r.at,
  requestId: r.request_id,
  dataSet: r.data_set,
  recipient: r.recipient,
  actor: r.actor,
  purpose: r.purpose,
  agreementId: r.agreement_id,
  crossBorder: r.cross_border,
  fields: r.fields,
});

/** A page of one record's disclosures, newest first. */
export type DisclosurePage = ConnectionResult<Disclosure>;

/**
 * `disclosures(first, after)` of many records of one data set: one statement
 * per distinct (first, after) of an answer for the pages (row_number over each
 * record, keyset `(at, id) < cursor`), one for the counts when asked.
 */
export function disclosuresLoader(ds: DataSource, dataSet: DataSet) {
  const counts = new DataLoader<string, number>(async (ids) => {
    const rows: { record_id: string; n: number }[] = await ds.query(
      'SELECT record_id, count(*)::int AS n FROM disclosure WHERE data_set = $1 AND record_id = ANY($2::uuid[]) GROUP BY record_id',
      [dataSet, [...ids]],
    );
    const byId = new Map(rows.map((r) => [r.record_id, r.n]));
    return ids.map((id) => byId.get(id) ?? 0);
  });

  const pageLoader = (first: number, after: [string, string] | undefined) =>
    new DataLoader<string, DisclosurePage>(async (ids) => {
      const params: unknown[] = [dataSet, [...ids], first + 1];
      if (after) params.push(after[0], after[1]);
      const rows: DisclosureRow[] = await ds.query(
        `SELECT * FROM (
           SELECT d.*, row_number() OVER (PARTITION BY record_id ORDER BY at DESC, id DESC) AS rn
           FROM disclosure d
           WHERE data_set = $1 AND record_id = ANY($2::uuid[]) ${after ? 'AND (at, id) < ($4::timestamptz, $5::uuid)' : ''}
         ) x WHERE rn <= $3 ORDER BY record_id, rn`,
        params,
      );
      const byRecord = groupInKeyOrder(ids, rows, (r) => r.record_id);
      return ids.map((id, i) => {
        const found = byRecord[i];
        const edges = found.slice(0, first).map((r) => ({ cursor: encodeCursor([r.at.toISOString(), r.id]), node: toDisclosure(r) }));
        return {
          edges,
          pageInfo: { hasNextPage: found.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
          get totalCount() {
            return counts.load(id);
          },
        };
      });
    });

  // A DataLoader batches every key of a tick together: one loader per page shape (first, after).
  const shapes = new Map<string, DataLoader<string, DisclosurePage>>();
  return {
    load(recordId: string, args: { first?: number | null; after?: string | null }): Promise<DisclosurePage> {
      const first = checkFirst(args.first);
      const after = args.after ? decodeCursor(args.after) : undefined;
      if (after && !isInstant(after[0])) {
        throw new BadUserInputError('after', 'is not a cursor of this list; pass an endCursor or edge cursor from a previous page');
      }
      const shape = JSON.stringify([first, after ?? null]);
      let loader = shapes.get(shape);
      if (!loader) shapes.set(shape, (loader = pageLoader(first, after)));
      return loader.load(recordId);
    },
  };
}

/** The sort value of a disclosure cursor: an instant exactly as `Date.toISOString` writes it. */
function isInstant(value: string): boolean {
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value;
}

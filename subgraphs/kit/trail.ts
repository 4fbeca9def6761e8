/**
 * Append-only, hash-chained trails (issue 14): `audit_log` in every database
 * and `disclosure` where a subgraph owns a data set. Every row carries a
 * gapless `seq`, the hash of the row before it (`prev_hash`) and its own
 * `hash` = SHA-256(prev_hash || RFC 8785 canonical JSON of the row)
 * (platform/chain.ts).
 *
 * Two ways to append, one INSERT either way (linkedInsert): inside a write's
 * transaction, `appendToTrail` takes a transaction-scoped advisory lock per
 * trail (pg_advisory_xact_lock), reads the head after it and inserts the
 * batch; the disclosures, written on every restricted read, go through a
 * `TrailAppender`, which keeps the head in memory and writes with one
 * statement (it takes the lock itself) that fails if another writer moved
 * the head (optimistic). Either way one writer at a time, and `seq` is
 * unique, so the chain never forks. The table
 * refuses UPDATE, DELETE and TRUNCATE (a trigger, and the privileges are
 * revoked from every role: from its owner by `chainTrail`, from the others by
 * `sealTrails` after every migration run); the
 * service's own role does not own it, so it can neither drop the trigger nor
 * grant itself the privileges back (kit/database.ts `grantServiceRole`).
 */
import type { ClientBase } from 'pg';
import type { EntityManager, QueryRunner } from 'typeorm';
import {
  canonicalRecord,
  chainHash,
  GENESIS,
  linkHash,
  sameJson,
  verifyChain,
  type ChainBreak,
  type ChainLink,
  type ChainRecord,
} from '../../platform/chain';

/** A column of a trail as written and as hashed. */
interface TrailColumn {
  name: string;
  /** Its type as json_to_recordset reads it from the batch's JSON. */
  sqlType: 'text' | 'uuid' | 'boolean' | 'jsonb' | 'text[]';
}

export interface TrailDefinition {
  table: 'audit_log' | 'disclosure';
  /** The columns besides seq, at, prev_hash and hash, in hashing and insert order. */
  columns: readonly TrailColumn[];
  /**
   * Columns whose values the rows of one request share (a disclosure's
   * request, recipient, agreement, …): a batch sends each distinct
   * combination of them once, and its rows only their own columns and the
   * combination's number, so PostgreSQL parses a fraction of the JSON per
   * row (see linkedInsert).
   */
  shared: readonly string[];
}

export const TRAILS = {
  audit_log: {
    table: 'audit_log',
    columns: [
      { name: 'entity_type', sqlType: 'text' },
      { name: 'entity_id', sqlType: 'text' },
      { name: 'organisation', sqlType: 'text' },
      { name: 'actor', sqlType: 'text' },
      { name: 'action', sqlType: 'text' },
      { name: 'changes', sqlType: 'jsonb' },
    ],
    shared: [],
  },
  disclosure: {
    table: 'disclosure',
    columns: [
      { name: 'id', sqlType: 'uuid' },
      { name: 'request_id', sqlType: 'text' },
      { name: 'data_set', sqlType: 'text' },
      { name: 'record_id', sqlType: 'uuid' },
      { name: 'recipient', sqlType: 'text' },
      { name: 'actor', sqlType: 'text' },
      { name: 'purpose', sqlType: 'text' },
      { name: 'agreement_id', sqlType: 'text' },
      { name: 'cross_border', sqlType: 'boolean' },
      { name: 'fields', sqlType: 'text[]' },
    ],
    shared: ['request_id', 'data_set', 'recipient', 'actor', 'purpose', 'agreement_id', 'cross_border', 'fields'],
  },
} as const satisfies Record<string, TrailDefinition>;
export type TrailName = keyof typeof TRAILS;

/** A row to append: a value per column of the trail (seq, at and the hashes are the trail's). */
export type TrailRow = Record<string, unknown>;

/** `at` as hashed and exported: UTC, microseconds, as PostgreSQL stores it. */
const AT_TEXT = `to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The advisory lock key of a trail (per database: advisory locks are). */
const lockKey = (trail: TrailName) => `partnerhub:trail:${trail}`;

/** Anything that runs SQL and answers rows: a typeorm EntityManager, QueryRunner or DataSource, or a pg client or pool. */
type Sql = Pick<EntityManager, 'query'> | Pick<ClientBase, 'query'>;
async function rows<T>(sql: Sql, text: string, params: unknown[] = []): Promise<T[]> {
  const result = (await (sql as Pick<EntityManager, 'query'>).query(text, params)) as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Takes the trail's lock for the rest of the transaction. The write path takes
 * it first thing, so that a write never holds a row lock while it waits for
 * the trail (no deadlock between writers); `append` takes it again (the lock
 * is re-entrant within a transaction).
 */
export async function lockTrail(sql: Sql, trail: TrailName): Promise<void> {
  await rows(sql, 'SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey(trail)]);
}

/** The record a row is hashed as: seq, at, then every column, JSON values only. */
export function trailRecord(trail: TrailName, seq: number, at: string, row: TrailRow): ChainRecord {
  const record: ChainRecord = { seq, at };
  for (const c of TRAILS[trail].columns) record[c.name] = row[c.name] ?? null;
  return record;
}

/** Whether a column's values come once per combination in a batch (TrailDefinition.shared). */
const isShared = (trail: TrailName, c: TrailColumn) => (TRAILS[trail].shared as readonly string[]).includes(c.name);

/** The canonical JSON of each trail's records (seq, at and its columns: trailRecord's keys). */
const CANONICAL = Object.fromEntries(
  (Object.keys(TRAILS) as TrailName[]).map((trail) => [trail, canonicalRecord(['seq', 'at', ...TRAILS[trail].columns.map((c) => c.name)])]),
) as Record<TrailName, (record: ChainRecord) => string>;

/** The last link of a trail as a writer continues from it: seq 0 and GENESIS when the trail is empty. */
export interface TrailHead {
  seq: number;
  hash: string;
  /** As hashed (AT_TEXT); the next rows' `at` is never earlier. */
  at: string;
}

/** `SELECT` of the head; `now` is the database clock to the millisecond (disclosure cursors are JavaScript instants). */
const headSql = (trail: TrailName) => `
  SELECT h.seq, h.hash, h.at, to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS now
  FROM (SELECT 1) one LEFT JOIN LATERAL (
    SELECT t.seq::text AS seq, t.hash, ${AT_TEXT} AS at FROM ${TRAILS[trail].table} t ORDER BY t.seq DESC LIMIT 1
  ) h ON true`;

async function readHead(sql: Sql, trail: TrailName): Promise<TrailHead & { now: string }> {
  const [h] = await rows<{ seq: string | null; hash: string | null; at: string | null; now: string }>(sql, headSql(trail));
  return { seq: h.seq === null ? 0 : Number(h.seq), hash: h.hash ?? GENESIS, at: h.at ?? h.now, now: h.now };
}

/**
 * The INSERT of a batch after `head`, as one statement that answers how many
 * rows it wrote: every row linked (seq, prev_hash, hash) and hashed here; the
 * statement takes the trail's lock (one writer at a time, whichever way it
 * appends) and writes only if `head` is still the trail's last link (`seq`
 * is unique: a row another writer already holds at head.seq + 1 makes it fail
 * with 23505; the guard: a head that is not the stored one writes nothing).
 * The batch travels as two JSON parameters: the rows with their own columns
 * and links, each naming its combination `g` of the trail's shared columns,
 * and those combinations once each.
 */
function linkedInsert(
  trail: TrailName,
  head: TrailHead,
  now: string,
  batch: readonly TrailRow[],
): { statement: { name: string; text: string }; params: unknown[]; next: TrailHead } {
  const { columns, shared } = TRAILS[trail];
  // The batch's time: `now` (AT_TEXT form, so comparable as text), never earlier than the head's.
  const at = now > head.at ? now : head.at;
  // Values as the database will give them back: a jsonb value through JSON (a Date in a change becomes
  // its ISO string), a text[] as strings.
  const json = columns.filter((c) => c.sqlType === 'jsonb');
  const texts = columns.filter((c) => c.sqlType === 'text[]');
  const own = columns.filter((c) => !isShared(trail, c));
  let seq = head.seq;
  let prevHash = head.hash;
  const links: string[] = [];
  // Each distinct combination of the shared columns' values (by its JSON), numbered from 1.
  const groups = new Map<string, { g: number; values: unknown[] }>();
  let group: { g: number; values: unknown[] } | undefined;
  for (const r of batch) {
    const row = { ...r };
    for (const c of json) row[c.name] = r[c.name] === undefined || r[c.name] === null ? null : JSON.parse(JSON.stringify(r[c.name]));
    for (const c of texts) row[c.name] = Array.isArray(r[c.name]) ? (r[c.name] as unknown[]).map(String) : null;
    seq++;
    const hash = linkHash(prevHash, CANONICAL[trail](trailRecord(trail, seq, at, row)));
    const values = shared.map((name) => row[name] ?? null);
    // A request's rows come one after the other and share these values: compared with the last row's
    // group first, and by their JSON only when they differ from it.
    if (group === undefined || !values.every((v, i) => sameJson(v, group!.values[i]))) {
      const key = JSON.stringify(values);
      group = groups.get(key);
      if (group === undefined) groups.set(key, (group = { g: groups.size + 1, values }));
    }
    const link: Record<string, unknown> = { seq, prev_hash: prevHash, hash, g: group.g };
    for (const c of own) link[c.name] = row[c.name] ?? null;
    links.push(JSON.stringify(link));
    prevHash = hash;
  }
  const combinations = [...groups.values()].map(({ g, values }) =>
    JSON.stringify(Object.fromEntries([['g', g], ...shared.map((name, i) => [name, values[i]])])),
  );
  const params = [String(head.seq), head.hash, at, lockKey(trail), `[${links.join(',')}]`, `[${combinations.join(',')}]`];
  return { statement: INSERTS[trail], params, next: { seq, hash: prevHash, at } };
}

/**
 * The INSERT of each trail, written once: a named prepared statement (the
 * same text for every batch), so PostgreSQL parses and plans it once per
 * connection instead of on every batch — a quarter of its CPU for a batch of
 * 20 disclosures. The batch travels as JSON (json_to_recordset): cheaper on
 * both sides than an array per column, and cheaper still when the columns the
 * rows share come once per combination (a fifth of PostgreSQL's CPU per batch
 * of disclosures, docs/performance.md). The lock (a volatile CTE, so evaluated
 * first and once) is held until the statement's transaction ends.
 */
const INSERTS = Object.fromEntries(
  (Object.keys(TRAILS) as TrailName[]).map((trail) => {
    const { table, columns } = TRAILS[trail];
    const defs = (cs: readonly TrailColumn[]) => cs.map((c) => `, ${c.name} ${c.sqlType}`).join('');
    const text = `
    WITH locked AS (SELECT pg_advisory_xact_lock(hashtext($4))),
    written AS (
      INSERT INTO ${table} (seq, at, prev_hash, hash, ${columns.map((c) => c.name).join(', ')})
      SELECT t.seq, $3::timestamptz, t.prev_hash, t.hash, ${columns.map((c) => `${isShared(trail, c) ? 's' : 't'}.${c.name}`).join(', ')}
      FROM locked,
        json_to_recordset($5::json) AS t(seq bigint, prev_hash text, hash text, g int${defs(columns.filter((c) => !isShared(trail, c)))})
        JOIN json_to_recordset($6::json) AS s(g int${defs(columns.filter((c) => isShared(trail, c)))}) ON s.g = t.g
      WHERE $1::bigint = 0 OR EXISTS (SELECT 1 FROM ${table} p WHERE p.seq = $1::bigint AND p.hash = $2)
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM written`;
    return [trail, { name: `partnerhub_append_${trail}`, text }];
  }),
) as Record<TrailName, { name: string; text: string }>;

/**
 * Writes a linked batch; answers whether its head was still the trail's
 * (false: nothing written). pg takes the statement's `{ name, text }` config
 * wherever a query text goes, and typeorm's `query` passes it through to pg
 * unchanged (so the statement is still counted and timed by the subgraph's
 * metrics).
 */
async function insertLinked(sql: Sql, insert: ReturnType<typeof linkedInsert>, size: number): Promise<boolean> {
  const [{ n }] = await rows<{ n: number }>(sql, insert.statement as unknown as string, insert.params);
  return n === size;
}

/**
 * Appends `batch` to the trail inside the caller's transaction (`sql` must be
 * in one: the lock lasts until it ends): lock, head, one INSERT. The write
 * path's audit entries go this way (their transaction holds the lock anyway);
 * the disclosures go through a TrailAppender.
 */
export async function appendToTrail(sql: Sql, trail: TrailName, batch: readonly TrailRow[]): Promise<void> {
  if (batch.length === 0) return;
  await lockTrail(sql, trail);
  // After the lock (a new snapshot in READ COMMITTED): the head no other writer can move until we commit.
  const head = await readHead(sql, trail);
  // The database's clock (a disclosure's time is its subgraph's clock: linkedInsert keeps `at` from going back).
  if (!(await insertLinked(sql, linkedInsert(trail, head, head.now, batch), batch.length))) {
    throw new Error(`${trail}: the head moved under the trail's lock`);
  }
}

/** A row of the same seq already written by another writer (the trail's only unique key a writer can hit). */
const isSeqTaken = (err: unknown) => (err as { code?: string } | null)?.code === '23505';

/** `at` as hashed, from a JavaScript instant (milliseconds; PostgreSQL keeps microseconds). */
const atText = (ms: number) => `${new Date(ms).toISOString().slice(0, -1)}000Z`;

/**
 * Appends batches to one trail of one database, one statement each, with no
 * transaction around it: the appender keeps the head it last wrote or read,
 * links the batch to it, and the INSERT (atomic on its own; it takes the
 * trail's lock for its own short transaction) writes it only if that head is
 * still the last link. Another writer of the same trail (a second replica of
 * the subgraph, or appendToTrail) makes it fail — seq taken, or the guard —
 * and the appender reads the head again and retries: optimistic concurrency
 * on a gapless sequence, as event stores append to a stream at an expected
 * version. One round trip instead of five (begin, lock, head, INSERT,
 * commit), and the lock is held for the INSERT and its commit only. `at` is
 * this process's clock, never earlier than the head's (so `at` never goes
 * backwards along the chain).
 *
 * Callers must not append concurrently on one appender (DisclosureWriter
 * sends one batch at a time).
 */
export class TrailAppender {
  private head: TrailHead | undefined;

  constructor(
    private readonly sql: Sql,
    readonly trail: TrailName,
    private readonly attempts = 8,
  ) {}

  async append(batch: readonly TrailRow[]): Promise<void> {
    if (batch.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      const head = (this.head ??= await readHead(this.sql, this.trail));
      const insert = linkedInsert(this.trail, head, atText(Date.now()), batch);
      this.head = undefined; // until the INSERT is known to have committed
      let written: boolean;
      try {
        written = await insertLinked(this.sql, insert, batch.length);
      } catch (err) {
        if (isSeqTaken(err) && attempt < this.attempts) continue;
        throw err;
      }
      if (written) {
        this.head = insert.next;
        return;
      }
      if (attempt >= this.attempts) throw new Error(`${this.trail}: other writers kept moving the head (${attempt} attempts)`);
    }
  }
}

/** The stored form of a row, as read back for checking and export. */
export interface StoredLink extends ChainLink {
  table: TrailName;
}

/**
 * Rows of a trail in seq order, as links (record, prev_hash, hash);
 * `where` narrows them (with `params`, numbered from $1), e.g. a period.
 */
export async function readTrail(sql: Sql, trail: TrailName, where = 'true', params: unknown[] = []): Promise<StoredLink[]> {
  const { table, columns } = TRAILS[trail];
  const found = await rows<Record<string, unknown>>(
    sql,
    `SELECT t.seq::text AS seq_text, ${AT_TEXT} AS at_text, prev_hash, hash, ${columns.map((c) => c.name).join(', ')}
     FROM ${table} t WHERE ${where} ORDER BY t.seq`,
    params,
  );
  return found.map((r) => ({
    table: trail,
    record: trailRecord(trail, Number(r.seq_text), String(r.at_text), r),
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  }));
}

/** The last record of a trail (null when empty). */
export async function trailHead(sql: Sql, trail: TrailName): Promise<{ seq: number; hash: string } | null> {
  const [head] = await rows<{ seq: string; hash: string }>(
    sql,
    `SELECT t.seq::text AS seq, t.hash FROM ${TRAILS[trail].table} t ORDER BY t.seq DESC LIMIT 1`,
  );
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

/** The first break of each trail of a database (null: intact), with its length and head. */
export interface TrailCheck {
  trail: TrailName;
  records: number;
  head: { seq: number; hash: string } | null;
  broken: ChainBreak | null;
}

/** Walks every trail of the database behind `sql` from its first record. */
export async function checkTrails(sql: Sql): Promise<TrailCheck[]> {
  const out: TrailCheck[] = [];
  for (const trail of await trailsOf(sql)) {
    const links = await readTrail(sql, trail);
    const last = links[links.length - 1];
    out.push({
      trail,
      records: links.length,
      head: last ? { seq: last.record.seq, hash: last.hash } : null,
      broken: verifyChain(links),
    });
  }
  return out;
}

/** The trails a database has (audit_log everywhere, disclosure where a data set is owned). */
export async function trailsOf(sql: Sql): Promise<TrailName[]> {
  const found = await rows<{ table_name: string }>(
    sql,
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1)`,
    [Object.keys(TRAILS)],
  );
  return (Object.keys(TRAILS) as TrailName[]).filter((t) => found.some((f) => f.table_name === t));
}

/**
 * Migration: makes `trail` a chain. Adds seq (when missing), prev_hash and
 * hash; numbers the existing rows gaplessly in their order and hashes them;
 * then installs the append-only trigger and revokes UPDATE, DELETE and
 * TRUNCATE from PUBLIC and from the role running the migration (its owner);
 * `sealTrails` revokes them from every other role after the run.
 */
export async function chainTrail(q: QueryRunner, trail: TrailName, order: string): Promise<void> {
  const { table } = TRAILS[trail];
  if (trail === 'audit_log') await q.query('ALTER TABLE audit_log ALTER COLUMN seq DROP IDENTITY IF EXISTS');
  else await q.query(`ALTER TABLE ${table} ADD COLUMN seq bigint`);
  await q.query(`ALTER TABLE ${table} ADD COLUMN prev_hash text, ADD COLUMN hash text`);
  // Gapless numbering in the existing order (an identity leaves gaps where transactions rolled back);
  // through negative numbers, so that no two rows ever hold the same seq on the way.
  await q.query(
    `UPDATE ${table} t SET seq = -n.rn FROM (SELECT ctid AS c, row_number() OVER (ORDER BY ${order}) AS rn FROM ${table}) n WHERE t.ctid = n.c`,
  );
  await q.query(`UPDATE ${table} SET seq = -seq`);
  const existing = await readTrail(q, trail);
  let prevHash = GENESIS;
  const prevs: string[] = [];
  const hashes: string[] = [];
  for (const link of existing) {
    const hash = chainHash(prevHash, link.record);
    prevs.push(prevHash);
    hashes.push(hash);
    prevHash = hash;
  }
  if (existing.length) {
    await q.query(
      `UPDATE ${table} t SET prev_hash = u.ph, hash = u.h FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(s, ph, h) WHERE t.seq = u.s`,
      [existing.map((l) => String(l.record.seq)), prevs, hashes],
    );
  }
  await q.query(`ALTER TABLE ${table} ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
  if (trail !== 'audit_log') await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_seq_key UNIQUE (seq)`);
  await q.query(`
    CREATE OR REPLACE FUNCTION partnerhub_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await q.query(
    `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION partnerhub_append_only()`,
  );
  await q.query(
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION partnerhub_append_only()`,
  );
  await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC, CURRENT_USER`);
}

/**
 * Revokes UPDATE, DELETE and TRUNCATE of every trail of the database from
 * PUBLIC and from every role but the trail's owner that holds them, on the
 * table or (UPDATE) on any of its columns, on the
 * trails the role running this owns (or may act as). Run after every
 * migration run, under its lock (kit/database.ts `migrate`), so that no grant
 * of a later migration or an operator gives the service's role the trails'
 * UPDATE, DELETE or TRUNCATE back; idempotent. The owner is left as the
 * migrations made it (`chainTrail` revokes them from it; a migration before
 * that one, on a database that is catching up, still numbers the rows), and
 * may grant itself anything anyway.
 */
export async function sealTrails(sql: Sql): Promise<void> {
  const revokes = await rows<{ sql: string }>(
    sql,
    `SELECT DISTINCT format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM %s', c.oid::regclass,
              CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END) AS sql
       FROM pg_class c CROSS JOIN LATERAL aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname = ANY($1)
        AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE') AND a.grantee <> c.relowner AND pg_has_role(c.relowner, 'USAGE')
     UNION
     -- UPDATE granted on columns only (pg_attribute.attacl): revoking the table's UPDATE revokes it on every column too.
     SELECT DISTINCT format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM %s', c.oid::regclass,
              CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END) AS sql
       FROM pg_class c JOIN pg_attribute att ON att.attrelid = c.oid AND att.attacl IS NOT NULL
            CROSS JOIN LATERAL aclexplode(att.attacl) a
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname = ANY($1)
        AND a.privilege_type = 'UPDATE' AND a.grantee <> c.relowner AND pg_has_role(c.relowner, 'USAGE')`,
    [Object.keys(TRAILS)],
  );
  for (const r of revokes) await rows(sql, r.sql);
}

/** Undoes `chainTrail` (a migration's down): the trigger and the hashes go, seq stays. */
export async function unchainTrail(q: QueryRunner, trail: TrailName): Promise<void> {
  const { table } = TRAILS[trail];
  await q.query(`DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`);
  await q.query(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`);
  await q.query(`GRANT UPDATE, DELETE, TRUNCATE ON ${table} TO CURRENT_USER`);
  await q.query(`ALTER TABLE ${table} DROP COLUMN prev_hash, DROP COLUMN hash`);
}

/**
 * Demo data as data: each subgraph's `seed/` folder holds CSV files that are
 * read like `npm run import` reads a spreadsheet (the same CSV reader, header
 * check, cell parsing and "same record twice" rule), then handed to the owning
 * subgraph's own validator (the function its mutation calls), then inserted.
 * A wrong file stops the start with the import's row-level problems (file,
 * row, column, value, reason) and writes nothing.
 */
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { BadUserInputError, HubError, NotFoundError } from '../../platform/errors';
import { demoCompanyId, demoPartnerId } from '../../platform/ids';
import { resolve } from 'node:path';
import { ROOT } from '../../platform/paths';
import { seedAuditEntry, writeAuditEntries } from './audit';

export { SEED_ACTOR } from './audit';
import { readCsv } from './sheets/csv';
import { checkColumns, parseRow, problemsFromErrors, splitDuplicates, type SheetFormat } from './sheets/rows';

/**
 * The demo files other subgraphs' demo data refers to, from the repository
 * root. A subgraph never reads another's database: its demo data names a
 * company or partner by natural key, which must be in the owner's demo file,
 * and derives the owner's stable id from it.
 */
export const DEMO_FILES = {
  companies: 'subgraphs/companies/seed/companies.csv',
  partners: 'subgraphs/partners/seed/partners.csv',
} as const;

/** One problem in a demo file, in the import report's terms. */
export interface SeedProblem {
  /** From the repository root. */
  file: string;
  /** As a spreadsheet shows it (the header is row 1). */
  row: number;
  column: string;
  value: string;
  reason: string;
}

export class SeedError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(
      `The demo data holds records the API would refuse; nothing was written. Fix these rows:\n${problems
        .map((p) => `  ${p.file} row ${p.row}, ${p.column || '(row)'} "${p.value}": ${p.reason}`)
        .join('\n')}`,
    );
    this.name = 'SeedError';
  }
}

/** One demo file: its format and the validator each row goes through. */
export interface SeedSheet<I, V> {
  /** From the repository root: subgraphs/<name>/seed/<file>.csv. */
  file: string;
  format: SheetFormat;
  /** Input paths in errors that are not named like their column (`attendeeCompanyIds` → `attendees`). */
  aliases?: Record<string, string>;
  /**
   * The row's input (its cells parsed as the import parses them) → the row to
   * insert, through the owning subgraph's validator. Throws what the mutation
   * would answer: BAD_USER_INPUT naming `input.<field>`, NOT_FOUND, …
   */
  validate(input: I): V;
}

export interface SeedRow<I, V> {
  row: number;
  /** The row as the file says it (the mutation's input). */
  input: I;
  /** The row as it is stored. */
  value: V;
}

/**
 * Reads demo files under `root` (the repository root; tests pass a copy),
 * collecting every problem of every file before anything is written.
 */
export class SeedReader {
  private readonly problems: SeedProblem[] = [];

  constructor(readonly root = ROOT) {}

  read<I, V>(sheet: SeedSheet<I, V>): SeedRow<I, V>[] {
    const csv = readCsv(resolve(this.root, sheet.file));
    checkColumns(sheet.file, csv, sheet.format);
    const columns = new Set(csv.columns);
    const { unique, duplicates } = splitDuplicates(sheet.format, csv.rows);
    const problems: SeedProblem[] = [];
    const report = (row: number, values: Record<string, string>, column: string, reason: string) =>
      problems.push({ file: sheet.file, row, column, value: values[column] ?? '', reason });
    for (const d of duplicates) report(d.row.row, d.row.values, d.problem.column, d.problem.reason);
    const rows: SeedRow<I, V>[] = [];
    for (const r of unique) {
      const parsed = parseRow(sheet.format, columns, r);
      for (const p of parsed.problems) report(r.row, r.values, p.column, p.reason);
      if (parsed.problems.length) continue;
      const input = parsed.input;
      try {
        rows.push({ row: r.row, input: input as I, value: sheet.validate(input as I) });
      } catch (err) {
        if (!(err instanceof HubError)) throw err;
        for (const p of problemsFromErrors([err], sheet.format.keyColumn, sheet.aliases)) report(r.row, r.values, p.column, p.reason);
      }
    }
    this.problems.push(...problems.sort((a, b) => a.row - b.row));
    return rows;
  }

  /** Throws SeedError when any file read so far had a problem. */
  check(): void {
    if (this.problems.length) throw new SeedError(this.problems);
  }
}

/** Reads one set of demo files under `root` and returns what `read` answers, or throws SeedError. */
export function readSeed<T>(root: string, read: (reader: SeedReader) => T): T {
  const reader = new SeedReader(root);
  const result = read(reader);
  reader.check();
  return result;
}

/**
 * A record's natural key must be written as the hub stores it (`0832.531.697`,
 * not `BE0832531697`): other subgraphs' demo files refer to the record by this
 * text. Answers the key.
 */
export function storedKey(field: string, written: string, stored: string): string {
  if (written !== stored) {
    throw new BadUserInputError(field, `write it as the hub stores it, ${stored}: other demo files refer to the record by this text`);
  }
  return stored;
}

/** The natural keys in one column of a demo file under `root`, as written (whether or not their rows are right). */
export function demoKeys(root: string, file: string, column: string): Set<string> {
  return new Set(readCsv(resolve(root, file)).rows.map((r) => r.values[column] ?? ''));
}

/**
 * References to other organisations' demo records by natural key, answered
 * with the owner's stable id; a key missing from the owner's demo file is
 * NOT_FOUND naming `field`, as the API answers a company or partner that does
 * not exist.
 */
export function demoReferences(root = ROOT) {
  let companies: Set<string> | undefined;
  let partners: Set<string> | undefined;
  return {
    company(enterpriseNumber: string, field: string): string {
      companies ??= demoKeys(root, DEMO_FILES.companies, 'enterpriseNumber');
      if (!companies.has(enterpriseNumber)) throw new NotFoundError('Company', enterpriseNumber, field);
      return demoCompanyId(enterpriseNumber);
    },
    partner(creditCode: string, field: string): string {
      partners ??= demoKeys(root, DEMO_FILES.partners, 'creditCode');
      if (!partners.has(creditCode)) throw new NotFoundError('Partner', creditCode, field);
      return demoPartnerId(creditCode);
    },
  };
}

/**
 * In one transaction: nothing when `entity`'s table already has rows (answers
 * false); else `load` reads the demo files and inserts. A SeedError from `load`
 * rolls everything back.
 */
export function seedIfEmpty(
  ds: DataSource,
  entity: EntityTarget<ObjectLiteral>,
  load: (em: EntityManager) => Promise<void>,
): Promise<boolean> {
  return ds.transaction(async (em) => {
    if ((await em.getRepository(entity).count()) > 0) return false;
    await load(em);
    return true;
  });
}

const BATCH = 500;

/** Inserts rows in batches. */
export async function insertRows(em: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await em.insert(entity, rows.slice(i, i + BATCH) as never);
}

/** How seeded records of one type are audited: for the organisation that owns (or leads) each. */
export interface SeedAudit<T> {
  type: string;
  organisation: string | ((row: T) => string);
  id: (row: T) => string;
}

/** Inserts seeded records, each with its SEED audit entry when `audit` is given. */
export async function insertSeeded<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  rows: T[],
  audit?: SeedAudit<T>,
): Promise<void> {
  await insertRows(em, entity, rows);
  if (!audit) return;
  const { type, organisation, id } = audit;
  await recordSeedAudit(
    em,
    rows.map((r) => ({
      entityType: type,
      entityId: id(r),
      organisation: typeof organisation === 'string' ? organisation : organisation(r),
    })),
  );
}

/**
 * The demo data of a subgraph that keeps one kind of record in one file:
 * `read` validates the file (under `root`), `seed` inserts it into an empty
 * table, each record with its SEED audit entry when `audit` is given.
 */
export function fileSeed<I, V extends ObjectLiteral>(opts: {
  entity: EntityTarget<ObjectLiteral>;
  sheet: (root: string) => SeedSheet<I, V>;
  audit?: SeedAudit<V>;
}) {
  const read = (root: string = ROOT): SeedRow<I, V>[] => readSeed(root, (reader) => reader.read(opts.sheet(root)));
  const seed = (ds: DataSource, root: string = ROOT): Promise<boolean> =>
    seedIfEmpty(ds, opts.entity, (em) =>
      insertSeeded(
        em,
        opts.entity,
        read(root).map((r) => r.value),
        opts.audit,
      ),
    );
  return { read, seed };
}

export interface SeedAuditEntry {
  entityType: string;
  entityId: string;
  /** The organisation that owns (or leads) the record. */
  organisation: string;
}

/**
 * The audit entries of seeded records (action SEED, actor demo-seed), so that
 * `history` tells where a record came from. Every seed writes the audit trail
 * through this one function.
 */
export async function recordSeedAudit(em: EntityManager, entries: SeedAuditEntry[]): Promise<void> {
  await writeAuditEntries(
    em,
    entries.map((e) => seedAuditEntry(e.entityType, e.entityId, e.organisation)),
  );
}

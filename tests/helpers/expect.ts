import type { Client } from 'pg';
import { expect } from 'vitest';
import type { Check } from '../../subgraphs/kit/validation';
import type { GraphQLResponse, TestHub } from './hub';
import type { SubgraphName } from '../../platform/services';

/**
 * What must never reach a client in an error: stack traces and frames, source
 * paths, driver errors and SQL, HTML error pages.
 */
export const LEAK =
  /stacktrace|(?:\\n|\n)\s+at |QueryFailedError|SELECT |INSERT |UPDATE |DELETE |invalid input syntax|invalid byte sequence|violates .*constraint|relation "|\/(?:work|home|usr|root|tmp)\/[\w.-]+\/|node_modules|\.(?:ts|js):\d+|<!DOCTYPE|<html|TypeError|ReferenceError/i;

/**
 * The response carries an error with `code`; with `field`, the error names
 * that argument or input field (extensions.field and the message); with
 * `mentions`, the message contains it. Nothing internal leaks. Returns the error.
 */
export function expectError(res: GraphQLResponse, code: string, expected: string | { field?: string; mentions?: string } = {}) {
  const { field, mentions } = typeof expected === 'string' ? { field: undefined, mentions: expected } : expected;
  expect(res.errors?.length, JSON.stringify(res)).toBeGreaterThan(0);
  const err = res.errors!.find((e) => e.extensions?.code === code);
  expect(err, `no ${code} error in ${JSON.stringify(res.errors)}`).toBeDefined();
  if (field) {
    expect(err!.extensions?.field).toBe(field);
    expect(err!.message).toContain(field);
  }
  if (mentions) expect(err!.message).toContain(mentions);
  expect(JSON.stringify(res.errors)).not.toMatch(LEAK);
  return err!;
}

/** The reason a validator gives for refusing `input`; fails the test when it accepts it. */
export function refusal<T>(check: (input: string) => Check<T>, input: string): string {
  const r = check(input);
  if (r.ok) throw new Error(`expected "${input}" to be refused, got ${JSON.stringify(r.value)}`);
  return r.reason;
}

/**
 * Every table of the given subgraphs' databases: row count and a checksum of
 * the rows. Equal before and after a request means it wrote nothing at all
 * (records, memberships, audit entries alike).
 */
export async function databaseState(hub: Pick<TestHub, 'subgraphs'>, names?: SubgraphName[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of names ?? (Object.keys(hub.subgraphs) as SubgraphName[])) {
    const ds = hub.subgraphs[name].ds;
    const tables: { table: string }[] = await ds.query(
      `SELECT table_name AS table FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY table_name`,
    );
    // One statement per database (the fuzz suite takes this before and after every batch).
    const rows: { table: string; n: number; checksum: string }[] = await ds.query(
      tables
        .map(
          ({ table }) =>
            `SELECT '${table}' AS table, count(*)::int AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS checksum FROM "${table}" t`,
        )
        .join(' UNION ALL '),
    );
    for (const { table, n, checksum } of rows) out[`${name}.${table}`] = { n, checksum };
  }
  return out;
}

/**
 * Reads again until `done(answer)` or `withinMs` have passed since `since`
 * (an owning subgraph hears of a grant or revocation through the registry's
 * change feed, one second at most): the last answer and when it came. The
 * caller asserts on the answer, so a read that never gets there fails.
 */
export async function readUntil<T>(
  read: () => Promise<T>,
  done: (answer: T) => boolean,
  since = Date.now(),
  withinMs = 1_000,
): Promise<{ answer: T; afterMs: number }> {
  let answer = await read();
  while (!done(answer) && Date.now() - since < withinMs) {
    await new Promise((r) => setTimeout(r, 5));
    answer = await read();
  }
  return { answer, afterMs: Date.now() - since };
}

/** Every edit of the trails a service's own role must be refused: UPDATE, DELETE and TRUNCATE of the audit log and the disclosures. */
export const TRAIL_EDITS = [
  "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1",
  'DELETE FROM audit_log WHERE seq = 1',
  'TRUNCATE audit_log',
  "UPDATE disclosure SET recipient = 'nobody'",
  'DELETE FROM disclosure',
  'TRUNCATE disclosure',
];

/** Each of TRAIL_EDITS on `c` is refused by privilege (42501, permission denied for the table), before any trigger. */
export async function expectTrailEditsRefusedByPrivilege(c: Pick<Client, 'query'>, label = ''): Promise<void> {
  for (const sql of TRAIL_EDITS) {
    await expect(c.query(sql), `${label}${sql}`).rejects.toMatchObject({
      code: '42501',
      message: expect.stringMatching(/^permission denied for table (audit_log|disclosure)$/),
    });
  }
}

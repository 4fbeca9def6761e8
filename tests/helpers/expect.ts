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

/**
 * `c` is connected as a service's own role, not its database's owner: on top
 * of TRAIL_EDITS it is refused what an owner could do to rewrite a trail and
 * cover it up (disable the trigger, drop the table, grant itself UPDATE)
 * and any CREATE in the schema; it still reads and appends to the trails
 * (an INSERT, rolled back so that the chain stays as the services wrote it).
 */
export async function expectServiceLockedOut(c: Pick<Client, 'query' | 'on' | 'off'>, label = ''): Promise<void> {
  await expectTrailEditsRefusedByPrivilege(c, label);
  const refused = {
    'ALTER TABLE audit_log DISABLE TRIGGER ALL': /^must be owner of table audit_log$/,
    'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only': /^must be owner of table audit_log$/,
    'DROP TABLE audit_log': /^must be owner of table audit_log$/,
    'CREATE TABLE service_made (x int)': /^permission denied for schema public$/,
    'CREATE FUNCTION service_made() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$': /^permission denied for schema public$/,
  };
  for (const [sql, message] of Object.entries(refused)) {
    await expect(c.query(sql), `${label}${sql}`).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(message) });
  }
  // A GRANT by a role that holds some privileges without the grant option is a warning, not an error: nothing is granted.
  const notices: string[] = [];
  const onNotice = (n: { message?: string }) => notices.push(String(n.message));
  c.on('notice', onNotice);
  try {
    for (const sql of ['GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO CURRENT_USER', 'GRANT ALL ON audit_log TO PUBLIC']) {
      await c.query(sql);
    }
  } finally {
    c.off('notice', onNotice);
  }
  expect(notices, `${label}the GRANTs`).toEqual([
    'no privileges were granted for "audit_log"',
    'no privileges were granted for "audit_log"',
  ]);
  await expectTrailEditsRefusedByPrivilege(c, `${label}after the GRANTs: `);
  const { rows } = await c.query(
    `SELECT has_table_privilege('audit_log', 'SELECT') AS s, has_table_privilege('audit_log', 'INSERT') AS i,
            has_table_privilege('audit_log', 'UPDATE') AS u, has_table_privilege('audit_log', 'DELETE') AS d,
            has_schema_privilege('public', 'CREATE') AS create_in_schema,
            (SELECT count(*)::int FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)) AS owned`,
  );
  expect(rows[0], label).toEqual({ s: true, i: true, u: false, d: false, create_in_schema: false, owned: 0 });
  await c.query('BEGIN');
  try {
    await c.query(
      "INSERT INTO audit_log (seq, entity_type, entity_id, organisation, actor, action, prev_hash, hash) VALUES (-1, 'Test', 'x', 'test', 'test', 'TEST', 'x', 'x')",
    );
  } finally {
    await c.query('ROLLBACK');
  }
}

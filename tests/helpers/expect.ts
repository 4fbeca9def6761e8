import { expect } from 'vitest';
import type { Check } from '../../subgraphs/kit/validation';
import type { GraphQLResponse, TestHub } from './hub';
import type { SubgraphName } from '../../platform/services';

/** What must never reach a client: stack traces, driver errors, SQL. */
const LEAK = /stacktrace|QueryFailedError|SELECT |INSERT |UPDATE |DELETE |\/work\/|node_modules/;

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
    for (const { table } of tables) {
      const [row] = await ds.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS checksum FROM "${table}" t`,
      );
      out[`${name}.${table}`] = row;
    }
  }
  return out;
}

/**
 * What the bad-input tests (tests/integration/bad-input.test.ts and the fuzz
 * suite, tests/integration/fuzz.test.ts) share: raw HTTP posts, the
 * "well-formed client error" check, and exact row counts of every table.
 */
import { expect } from 'vitest';
import { SUBGRAPH_NAMES } from '../../platform/services';
import type { TestHub } from './hub';

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  body?: { data?: any; errors?: { message: string; path?: unknown[]; extensions?: Record<string, any> }[] };
}

/** POSTs `body` as is (no JSON.stringify), with the given headers. */
export async function post(
  url: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<RawResponse> {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: RawResponse['body'];
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body: parsed };
}

export const postJson = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  post(url, JSON.stringify(payload), { 'content-type': 'application/json', ...headers });

/** Codes a client may get for a request it got wrong (docs/trust.md). */
export const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
]);

/** What must never reach a client: stack frames, source paths, HTML error pages, database messages. */
export const LEAK =
  /\n\s+at |node_modules|\/(?:work|home|usr|root|tmp)\/[\w.-]+\/|\.(?:ts|js):\d+|<!DOCTYPE|<html|stacktrace|invalid input syntax|invalid byte sequence|violates .*constraint|relation "|QueryFailedError|TypeError|ReferenceError/i;

/** Why `res` is not a well-formed client error, or undefined when it is one. */
export function clientErrorProblem(res: RawResponse): string | undefined {
  if (res.status >= 500) return `HTTP ${res.status}`;
  if (!res.contentType.includes('json')) return `content-type ${res.contentType || '(none)'}`;
  if (LEAK.test(res.text)) return 'leaks internals';
  const errors = res.body?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return 'no errors';
  for (const e of errors) {
    const code = e.extensions?.code;
    if (typeof e.message !== 'string' || e.message === '') return 'an error without a message';
    if (!CLIENT_ERROR_CODES.has(code)) return `code ${String(code)}`;
  }
  return undefined;
}

/** `res` is a JSON GraphQL error response with a client code (and, when given, this code, status and field). */
export function expectClientError(res: RawResponse, expected: { code?: string; status?: number; field?: string | RegExp } = {}) {
  const detail = `${res.status} ${res.text.slice(0, 600)}`;
  expect(clientErrorProblem(res), detail).toBeUndefined();
  if (expected.status !== undefined) expect(res.status, detail).toBe(expected.status);
  else expect(res.status, detail).toBeLessThan(500);
  const first = res.body!.errors![0];
  if (expected.code) expect(first.extensions?.code, detail).toBe(expected.code);
  if (expected.field !== undefined) {
    const field = first.extensions?.field;
    if (expected.field instanceof RegExp) expect(field, detail).toMatch(expected.field);
    else expect(field, detail).toBe(expected.field);
  }
}

/** Exact row count of every table of every subgraph database ("nothing was written"). */
export async function rowCounts(hub: TestHub): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of SUBGRAPH_NAMES) {
    const ds = hub.subgraphs[name].ds;
    const tables: { table_name: string }[] = await ds.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const counts: { t: string; n: number }[] = await ds.query(
      tables.map((t) => `SELECT '${t.table_name}' AS t, count(*)::int AS n FROM "${t.table_name}"`).join(' UNION ALL '),
    );
    for (const c of counts) out[`${name}.${c.t}`] = c.n;
  }
  return out;
}

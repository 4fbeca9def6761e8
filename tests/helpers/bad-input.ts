/**
 * What the bad-input tests (tests/integration/bad-input.test.ts and the fuzz
 * suite, tests/integration/fuzz-*.test.ts) share: raw HTTP posts and the
 * "well-formed client error" check.
 */
import { expect } from 'vitest';
import { LEAK } from './expect';

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
  // Demand control (platform/limits.ts, platform/http.ts).
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'QUERY_TOO_COMPLEX',
  'RESPONSE_TOO_LARGE',
  'RATE_LIMITED',
]);

/** Why `res` is not a well-formed client error, or undefined when it is one. */
export function clientErrorProblem(res: RawResponse): string | undefined {
  if (res.status >= 500) return `HTTP ${res.status}`;
  if (!res.contentType.includes('json')) return `content-type ${res.contentType || '(none)'}`;
  // Errors only: data may hold what callers wrote.
  if (LEAK.test(res.body ? JSON.stringify(res.body.errors ?? []) : res.text)) return 'leaks internals';
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

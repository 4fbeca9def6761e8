import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * Errors that reach clients. Each has a stable `extensions.code`; the message
 * says what to do. Anything else thrown inside a resolver is an internal error:
 * it is logged in full and masked for clients in production.
 */
export class HubError extends GraphQLError {
  constructor(message: string, code: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

/** Bad input: names the argument or input field at fault in `extensions.field`. */
export class BadUserInputError extends HubError {
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`, 'BAD_USER_INPUT', { field });
  }
}

export class UnauthenticatedError extends HubError {
  constructor(message = 'Sign in: this needs a valid bearer token.') {
    super(message, 'UNAUTHENTICATED');
  }
}

/** Not allowed. `extensions.reason` says why when there is more than one way to be refused (sharing agreements). */
export class ForbiddenError extends HubError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, 'FORBIDDEN', extensions);
  }
}

export class NotFoundError extends HubError {
  constructor(what: string, id: string, field?: string) {
    super(`${field ? `${field}: ` : ''}${what} ${id} does not exist.`, 'NOT_FOUND', field ? { field } : {});
  }
}

export class ConflictError extends HubError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, 'CONFLICT', extensions);
  }
}

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
  'TOO_MANY_ALIASES',
  'TOO_MANY_TOKENS',
  'TOO_MANY_DIRECTIVES',
  'SUBGRAPH_UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
]);

/**
 * Node and PostgreSQL error codes, and pg driver
 * messages, that mean "the database cannot be reached right now" rather than
 * "this statement is wrong".
 */
const DATABASE_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006', // connection exceptions
  '57P01',
  '57P02',
  '57P03', // admin/crash shutdown, cannot connect now
  '53300', // too many connections
]);
const DATABASE_UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connection timeout|Query read timeout|not currently accepting connections|Client has encountered a connection error/i;

/** True when `err` (or what it wraps) says the database is unreachable. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e = err as { code?: unknown; message?: unknown; originalError?: unknown; driverError?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    if (typeof e.code === 'string' && DATABASE_UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && DATABASE_UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = (e.originalError ?? e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

export const UNKNOWN_OPERATION = /^Unknown operation named/;

/**
 * Apollo `formatError`: client errors pass; anything else becomes a generic
 * INTERNAL_SERVER_ERROR in production (no stack, no SQL). In development the
 * message stays but stack traces are still stripped from the wire.
 */
export function formatError(production: boolean, service?: string /* a subgraph: its database errors become DATABASE_UNAVAILABLE */) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let code = (formatted.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
    // The gateway's executor reports an operationName missing from the document this way.
    if (code === 'INVALID_GRAPHQL' && UNKNOWN_OPERATION.test(formatted.message)) code = 'OPERATION_RESOLUTION_FAILURE';
    // A database outage is a stable, retryable code, not an internal error.
    if (service && code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(error)) {
      return {
        message: `The ${service} database is unavailable right now: retry in a moment.`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'DATABASE_UNAVAILABLE', serviceName: service },
      };
    }
    const { stacktrace: _s, exception: _e, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (CLIENT_CODES.has(code)) return { ...formatted, extensions: { ...extensions, code } };
    if (!production) return { ...formatted, extensions: { ...extensions, code } };
    return {
      message: 'Internal server error. The incident was logged.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger';

/** What a client sees of an internal error; the error itself goes to the log with the request id. */
export const INTERNAL_MESSAGE = 'Internal server error. The incident was logged.';

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
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
  'TOO_MANY_ALIASES',
  'TOO_MANY_TOKENS',
  'TOO_MANY_DIRECTIVES',
  'RESPONSE_TOO_LARGE',
  'RATE_LIMITED',
  'SUBGRAPH_UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'DISCLOSURE_NOT_RECORDED', // restricted data withheld: its disclosure record could not be written (subgraphs/kit/disclosures.ts)
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

/** The HTTP status an error asks for (Apollo's `extensions.http`), if any. */
function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { extensions?: { http?: { status?: unknown } } } | undefined)?.extensions?.http?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Apollo's own request errors that carry a 4xx status but no code (a persisted-query hash mismatch, say). */
function isUncodedRequestError(error: unknown): boolean {
  const status = httpStatusOf(error);
  const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return code === undefined && status !== undefined && status >= 400 && status < 500;
}

const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;

/** `Variable "$input" got invalid value … at "input.startsAt"; …` -> `input.startsAt` (or the variable's name). */
const VARIABLE_ERROR = /^Variable "\$([\w]+)" got invalid value .*?(?: at "([\w.[\]]+)")?;/s;

/**
 * Apollo `formatError`: client errors pass (a variable that failed its type
 * gets `extensions.field`, like every other BAD_USER_INPUT); anything else
 * becomes a generic INTERNAL_SERVER_ERROR, in development as in production:
 * no message, stack, path or SQL of an internal error reaches a client.
 * `requestErrorsPlugin` logs it in full with the request id.
 */
export function formatError(service?: string /* a subgraph: its database errors become DATABASE_UNAVAILABLE */) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = codeOf(error, formatted);
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
    if (code === 'BAD_USER_INPUT' && extensions.field === undefined) {
      const m = VARIABLE_ERROR.exec(formatted.message);
      if (m) extensions.field = m[2] ?? m[1];
    }
    if (CLIENT_CODES.has(code)) return { ...formatted, extensions: { ...extensions, code } };
    return {
      message: INTERNAL_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * The code an error answers with: its own, BAD_REQUEST for Apollo's uncoded
 * 4xx request errors, BAD_USER_INPUT for graphql-js's "too many errors
 * processing variables" (it stops coercing after 50 and says so without a
 * code), else INTERNAL_SERVER_ERROR.
 */
function codeOf(error: unknown, formatted: { message: string; extensions?: Record<string, unknown> }): string {
  const code = formatted.extensions?.code;
  if (isUncodedRequestError(error)) return 'BAD_REQUEST';
  if ((code === undefined || code === 'INTERNAL_SERVER_ERROR') && TOO_MANY_VARIABLE_ERRORS.test(formatted.message)) return 'BAD_USER_INPUT';
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** True for an error a client caused or may retry, false for an internal error. */
export function isClientError(error: GraphQLError): boolean {
  return CLIENT_CODES.has(codeOf(error, error));
}

/**
 * The GraphQL-level half of the error layer, shared by the gateway and every
 * subgraph (the HTTP half is `serveGraphql` in http.ts):
 * - a document whose operation cannot be chosen (two operations and no
 *   operationName, or a name that is not in it) is OPERATION_RESOLUTION_FAILURE,
 *   HTTP 400, before anything is planned or executed;
 * - a subscription is GRAPHQL_VALIDATION_FAILED, HTTP 400: this hub has no
 *   Subscription type (the gateway would otherwise fail planning it);
 * - every internal error is logged with the request id (clients get it masked).
 */
export function requestErrorsPlugin(log: Logger): ApolloServerPlugin<{ requestId?: string }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            const message = request.operationName
              ? `Unknown operation named "${request.operationName.slice(0, 100)}": name one of the document's operations.`
              : 'The document has several operations: say which to run with operationName.';
            throw new HubError(message, 'OPERATION_RESOLUTION_FAILURE', { http: { status: 400 } });
          }
          if (operation.operation === 'subscription') {
            throw new HubError('This hub answers queries and mutations: it has no subscriptions.', 'GRAPHQL_VALIDATION_FAILED', {
              http: { status: 400 },
            });
          }
        },
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isClientError(error)) continue;
            const code = error.extensions?.code;
            if (code === 'DATABASE_UNAVAILABLE' || code === 'SUBGRAPH_UNAVAILABLE') continue; // logged where they happen
            log.error({ err: error.originalError ?? error, path: error.path, requestId: contextValue.requestId }, 'internal error');
          }
        },
      };
    },
  };
}

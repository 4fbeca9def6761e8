import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { TokenVerifier } from './auth';
import { BadUserInputError, INTERNAL_MESSAGE } from './errors';
import { isPurpose, PURPOSE_HEADER, PURPOSES, type Purpose } from './organisations';
import type { CommonConfig, HttpTimeouts } from './config';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';
import { setTraceResponse, tagGraphqlRequest, traceFields } from './tracing';

export const REQUEST_ID_HEADER = 'x-request-id';

export interface ReadyReport {
  ready: boolean;
  [detail: string]: unknown;
}

export interface HttpAppOptions {
  service: string;
  log: Logger;
  metrics: ServiceMetrics;
  ready: () => Promise<ReadyReport>;
  /** Who may read `/metrics` and the detailed `/ready`; open to everybody when not given. */
  ops?: OpsAccess;
}

/**
 * The operational endpoints' guard. With a token, `/metrics` and the detailed
 * `/ready` need `Authorization: Bearer <token>` (as a Prometheus scrape job's
 * `authorization` / `bearer_token` sends it); a plain `/ready` without one
 * answers its status only, for load balancers and health checks. Without a
 * token they are open in development and test, and refused in production.
 */
export interface OpsAccess {
  token?: string;
  production: boolean;
}

type OpsCaller = 'open' | 'granted' | 'anonymous' | 'refused';

const digest = (value: string) => createHash('sha256').update(value).digest();

function opsCaller(req: Request, access: OpsAccess | undefined): OpsCaller {
  if (!access || (access.token === undefined && !access.production)) return 'open';
  const header = req.get('authorization');
  if (header === undefined) return 'anonymous';
  if (access.token === undefined) return 'refused';
  // Compared in constant time (both sides hashed to the same length).
  return timingSafeEqual(digest(header), digest(`Bearer ${access.token}`)) ? 'granted' : 'refused';
}

function refuseOps(res: Response, access: OpsAccess | undefined): void {
  res.setHeader('www-authenticate', 'Bearer realm="partnerhub-ops"');
  sendError(
    res,
    401,
    'UNAUTHENTICATED',
    access?.token === undefined
      ? 'The operational endpoints are closed: set OPS_TOKEN on this service and send it as "Authorization: Bearer <OPS_TOKEN>".'
      : 'Send the operations token: "Authorization: Bearer <OPS_TOKEN>".',
  );
}

export function opsAccessOf(config: Pick<CommonConfig, 'env' | 'opsToken'>): OpsAccess {
  return { token: config.opsToken, production: config.env === 'production' };
}

/** The start-up warning for a production service whose operational endpoints are closed for want of OPS_TOKEN. */
function warnClosedOps(log: Logger, access: OpsAccess): void {
  if (access.production && access.token === undefined) {
    log.warn('OPS_TOKEN is not set: /metrics and the detailed /ready answer 401 (a plain /ready still answers its status)');
  }
}

/** What the per-request access log line reports; filled in as the request goes. */
export interface RequestLocals {
  requestId: string;
  organisation?: string;
  operation?: string;
}

export function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

/**
 * The HTTP shell every service shares: request ids (taken from the caller's
 * `x-request-id` when it looks sane, echoed back), the trace in a
 * `traceresponse` header when tracing is on, one JSON access-log line per
 * request, `/health`, `/ready` and `/metrics`.
 */
export function createHttpApp(opts: HttpAppOptions): express.Express {
  if (opts.ops) warnClosedOps(opts.log, opts.ops);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // For `listen`, which counts accepted connections.
  (app.locals as { hubMetrics?: ServiceMetrics }).hubMetrics = opts.metrics;
  app.use((req: Request, res: Response, next) => {
    const incoming = req.get(REQUEST_ID_HEADER);
    const requestId = incoming && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    locals(res).requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    setTraceResponse(res);
    // Decided now: by the time the response finishes, express has stripped the
    // '/graphql' mount path from req.path and the line would never be written.
    // Nothing to prepare when the line would not be written anyway (LOG_LEVEL above info, as in production).
    if (req.path !== '/graphql' || !opts.log.isLevelEnabled('info')) return next();
    // Taken now: 'close' may fire outside the request's trace context.
    const traceIds = traceFields();
    const started = process.hrtime.bigint();
    // 'close' fires for finished and for aborted requests alike (499: the client went away first).
    res.on('close', () => {
      const l = locals(res);
      const bodyOperation = (req.body as { operationName?: unknown } | undefined)?.operationName;
      opts.log.info(
        {
          ...traceIds,
          requestId,
          operation: l.operation ?? (typeof bodyOperation === 'string' ? bodyOperation : null),
          organisation: l.organisation ?? null,
          status: res.writableFinished ? res.statusCode : 499,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: opts.service, uptimeSeconds: Math.round(process.uptime()) });
  });
  app.get('/ready', async (req, res) => {
    const caller = opsCaller(req, opts.ops);
    if (caller === 'refused') return refuseOps(res, opts.ops);
    let report: ReadyReport;
    try {
      report = await opts.ready();
    } catch (err) {
      report = { ready: false, error: (err as Error).message };
    }
    // Without the token: the status only (no latencies, no addresses, no errors).
    const body = caller === 'anonymous' ? { ready: report.ready } : report;
    res.status(report.ready ? 200 : 503).json({ service: opts.service, ...body });
  });
  app.get('/metrics', async (req, res) => {
    const caller = opsCaller(req, opts.ops);
    if (caller !== 'open' && caller !== 'granted') return refuseOps(res, opts.ops);
    res.type(opts.metrics.registry.contentType).send(await opts.metrics.registry.metrics());
  });
  return app;
}

/** Apollo plugin: request count and duration per operation, errors per code. */
export function metricsPlugin(metrics: ServiceMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(ctx) {
          const name = ctx.operationName ?? ctx.request.operationName;
          // Callers choose operation names: the label is bounded (see LabelCap), the log line is not.
          const operation = metrics.operationLabels.label(name);
          metrics.requests.inc({ operation });
          metrics.requestDuration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          for (const e of ctx.errors ?? []) {
            const code = e.extensions?.code;
            metrics.errors.inc({ code: metrics.codeLabels.label(typeof code === 'string' ? code : undefined) });
          }
          const res = (ctx.contextValue as { res?: Response }).res;
          if (res) {
            locals(res).operation = typeof name === 'string' ? name.slice(0, 200) : 'anonymous';
            tagGraphqlRequest(res, locals(res).operation!);
          }
        },
      };
    },
  };
}

/** A GraphQL-shaped error answer from the HTTP shell: `{ "errors": [{ message, extensions: { code } }] }`. */
export function sendError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  if (res.headersSent) return;
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

/** body-parser's error types -> what the client got wrong (status, code, message). */
function bodyErrorAnswer(err: { type?: unknown; limit?: unknown; status?: unknown }): [number, string, string] | undefined {
  switch (err.type) {
    case 'entity.too.large':
      return [413, 'PAYLOAD_TOO_LARGE', `The request body is larger than this server accepts (${String(err.limit)} bytes).`];
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return [415, 'UNSUPPORTED_MEDIA_TYPE', UTF8_ONLY];
    case 'entity.parse.failed':
      return [
        400,
        'BAD_REQUEST',
        'The request body must be a JSON object such as {"query": "{ __typename }"}: it is not valid JSON, or not an object.',
      ];
    case 'request.aborted':
    case 'request.size.invalid':
    case 'entity.verify.failed':
      return [400, 'BAD_REQUEST', 'The request body was cut short or does not match its Content-Length.'];
    default: {
      // Any other error body-parser raises for the request (a Content-Encoding that does not match the body, say) is 4xx.
      const status = err.status;
      if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      return [status, code, 'The request body could not be read: check that its Content-Encoding and Content-Length match it.'];
    }
  }
}

const UTF8_ONLY = 'Send the request body as JSON in UTF-8 (Content-Type: application/json, with no charset or charset=utf-8).';

/** A charset parameter other than UTF-8 is refused before the body is read (GraphQL over HTTP: UTF-8 only). */
const utf8Only: RequestHandler = (req, res, next) => {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', UTF8_ONLY);
  next();
};

/**
 * An answer larger than `limit` bytes is not sent: the client gets HTTP 400,
 * RESPONSE_TOO_LARGE with the limit and the size, instead of megabytes it
 * would have to hold (and, behind the gateway, instead of a subgraph's answer
 * the gateway would have to hold). The query has run by then; this bounds
 * what one answer costs the network and the caller, while the cost limit
 * (platform/limits.ts) bounds what it costs to compute.
 */
function responseLimit(limit: number): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      // The GraphQL handler sends one string; a string is at least as many bytes as characters, at most 3 × as many.
      if (typeof body === 'string' && body.length * 3 > limit) {
        const bytes = Buffer.byteLength(body);
        if (bytes > limit) {
          res.status(400).type('application/json');
          const message =
            `The answer is ${bytes.toLocaleString('en-US')} bytes, more than this server sends (${limit.toLocaleString('en-US')}): ` +
            'ask for smaller pages (first) or fewer fields.';
          return send(JSON.stringify({ errors: [{ message, extensions: { code: 'RESPONSE_TOO_LARGE', limit, actual: bytes } }] }));
        }
      }
      return send(body);
    };
    next();
  };
}

/**
 * Serves a GraphQL handler at `/graphql` behind the one error-handling layer
 * that the gateway and every subgraph share: the JSON body (UTF-8 only, at
 * most `bodyLimit`), and for anything the client got wrong before GraphQL
 * runs (malformed JSON, a body of `null` or a bare string, another charset, a
 * body over the limit) a JSON GraphQL error with a stable code and a 4xx
 * status, never express's HTML page; an answer over `responseLimit` bytes is
 * RESPONSE_TOO_LARGE. Anything else that escapes a handler is
 * logged with the request id and answered as a masked internal error. Other
 * paths answer a JSON 404. Mount every other route before calling this.
 */
export function serveGraphql(
  app: express.Express,
  handler: RequestHandler,
  opts: { bodyLimit: string | number; responseLimit: number; log: Logger },
): void {
  app.use('/graphql', utf8Only, express.json({ limit: opts.bodyLimit }), responseLimit(opts.responseLimit), handler);
  app.use((_req: Request, res: Response) => sendError(res, 404, 'NOT_FOUND', 'Nothing here: GraphQL is served at /graphql.'));
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const answer = bodyErrorAnswer((err ?? {}) as Parameters<typeof bodyErrorAnswer>[0]);
    if (answer) return sendError(res, ...answer);
    opts.log.error({ err, requestId: locals(res).requestId }, 'internal error');
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE);
  });
}

/**
 * What Node's HTTP parser refuses before any handler runs (headers or URL
 * over 16 KB, a malformed request line) is answered in JSON too, instead of
 * Node's bare "431" or "400" without a body.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          'HEADERS_TOO_LARGE',
          'The request line or headers are larger than this server accepts (16 KB): send the query in a POST body.',
        ]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'BAD_REQUEST', 'The request took too long to arrive.']
        : [400, 'Bad Request', 'BAD_REQUEST', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export interface Listening {
  server: http.Server;
  port: number;
  url: string;
}

/** Node's own defaults are 60 s for the headers and 300 s for a request: a slow client holds a connection that long. */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersTimeoutMs: 5_000, requestTimeoutMs: 10_000 };

/**
 * Listens with the HTTP server every service shares. A client that takes
 * longer than `headersTimeoutMs` to send its headers, or `requestTimeoutMs`
 * to send the whole request (headers and body), gets 408 and the connection
 * is closed (checked every second, not Node's default 30 s). An idle
 * kept-alive connection is not a slow request: it is closed after 65 s
 * (longer than the usual load balancers' idle timeouts).
 */
export async function listen(app: express.Express, host: string, port: number, timeouts = DEFAULT_HTTP_TIMEOUTS): Promise<Listening> {
  const server = http.createServer({ connectionsCheckingInterval: 1_000 }, app);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = timeouts.requestTimeoutMs;
  const metrics = (app.locals as { hubMetrics?: ServiceMetrics }).hubMetrics;
  if (metrics) server.on('connection', () => metrics.httpConnections.inc());
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return { server, port: actual, url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}` };
}

export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Entry-point helper: start a service, stop it gracefully on SIGTERM/SIGINT
 * (drain in-flight requests, close pools) and exit 0, or exit 1 when draining
 * takes longer than `graceMs`.
 */
export async function runUntilSignal(log: Logger, start: () => Promise<Stoppable>, graceMs = 10_000): Promise<void> {
  let service: Stoppable;
  try {
    service = await start();
  } catch (err) {
    log.fatal({ err }, 'failed to start');
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error('graceful shutdown timed out');
      process.exit(1);
    }, graceMs);
    timer.unref();
    service.stop().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err) => {
        log.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/**
 * The caller of one GraphQL request: request id, verified token and declared
 * purpose. The same function runs in the gateway and in every subgraph, so a
 * request gets the same rights and the same refusals by either path. A bad
 * token fails the request with HTTP 401; a `Hub-Purpose` header that is not a
 * Purpose value fails it with HTTP 400 (BAD_USER_INPUT naming the header),
 * before anything is planned or read.
 */
export async function identify(verifier: TokenVerifier, req: Request, res: Response) {
  const authorization = req.get('authorization') ?? undefined;
  const purpose = purposeOf(req.get(PURPOSE_HEADER));
  const principal = await verifier.fromHeader(authorization).catch((err) => {
    throw Object.assign(err, { extensions: { ...err.extensions, http: { status: 401 } } });
  });
  if (principal) locals(res).organisation = principal.org;
  return { requestId: locals(res).requestId, authorization, principal, purpose };
}

/** The `Hub-Purpose` header: absent, or exactly one Purpose value. */
export function purposeOf(header: string | undefined): Purpose | null {
  if (header === undefined || header.trim() === '') return null;
  const value = header.trim();
  if (isPurpose(value)) return value;
  const error = new BadUserInputError('Hub-Purpose', `the header must be one of ${PURPOSES.join(', ')}, got "${value.slice(0, 60)}"`);
  throw Object.assign(error, { extensions: { ...error.extensions, http: { status: 400 } } });
}

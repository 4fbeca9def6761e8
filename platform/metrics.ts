import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Distinct operation names (error codes) one service labels its metrics with; later ones count as "other". */
export const MAX_OPERATION_LABELS = 200;
export const MAX_CODE_LABELS = 50;

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Bounds a label's values: every distinct value is a new time series, and
 * operation names are chosen by callers (the gateway also names each subgraph
 * fetch `<operation>__<subgraph>__<n>`). Values that are not GraphQL names
 * become "invalid"; once `max` distinct values were seen, new ones become "other".
 */
export class LabelCap {
  private readonly seen = new Set<string>();
  constructor(
    private readonly max: number,
    private readonly shape: RegExp,
    private readonly missing: string,
  ) {}

  label(value: string | null | undefined): string {
    if (value === null || value === undefined || value === '') return this.missing;
    if (!this.shape.test(value)) return 'invalid';
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}

/**
 * Prometheus metrics, one registry per service so that several services in one
 * process (tests) keep their figures apart.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation'>;
  readonly requestDuration: Histogram<'operation'>;
  readonly errors: Counter<'code'>;
  /** TCP connections accepted: with keep-alive clients it stays near the number of concurrent clients. */
  readonly httpConnections: Counter;
  /** Operation name -> bounded label value. */
  readonly operationLabels = new LabelCap(MAX_OPERATION_LABELS, OPERATION_NAME, 'anonymous');
  /** extensions.code -> bounded label value. */
  readonly codeLabels = new LabelCap(MAX_CODE_LABELS, ERROR_CODE, 'INTERNAL_SERVER_ERROR');

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'hub_graphql_requests_total',
      help: 'GraphQL requests by operation name',
      labelNames: ['operation'],
      registers: [this.registry],
    });
    this.requestDuration = new Histogram({
      name: 'hub_graphql_request_duration_seconds',
      help: 'GraphQL request duration by operation name',
      labelNames: ['operation'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'hub_graphql_errors_total',
      help: 'GraphQL errors by extensions.code',
      labelNames: ['code'],
      registers: [this.registry],
    });
    this.httpConnections = new Counter({
      name: 'hub_http_connections_total',
      help: 'TCP connections accepted (stays low when clients keep connections alive)',
      registers: [this.registry],
    });
  }
}

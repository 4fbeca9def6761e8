import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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

export class SubgraphMetrics extends ServiceMetrics {
  readonly sqlStatements: Counter;
  readonly sqlDuration: Histogram;
  readonly poolSize: Gauge;
  readonly poolWaiting: Gauge;
  /** Set by the data source: the pg pool's open and waiting clients. */
  poolStats?: () => { total: number; waiting: number };

  constructor(service: string) {
    super(service);
    this.sqlStatements = new Counter({
      name: 'hub_sql_statements_total',
      help: 'SQL statements executed',
      registers: [this.registry],
    });
    this.sqlDuration = new Histogram({
      name: 'hub_sql_statement_duration_seconds',
      help: 'SQL statement duration',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [this.registry],
    });
    const stats = () => this.poolStats?.() ?? { total: 0, waiting: 0 };
    this.poolSize = new Gauge({
      name: 'hub_db_pool_size',
      help: 'Open connections in the pool',
      registers: [this.registry],
      collect() {
        this.set(stats().total);
      },
    });
    this.poolWaiting = new Gauge({
      name: 'hub_db_pool_waiting',
      help: 'Clients waiting for a connection',
      registers: [this.registry],
      collect() {
        this.set(stats().waiting);
      },
    });
  }
}

export class GatewayMetrics extends ServiceMetrics {
  readonly subgraphFetches: Counter<'subgraph'>;
  readonly subgraphFetchDuration: Histogram<'subgraph'>;

  constructor() {
    super('gateway');
    this.subgraphFetches = new Counter({
      name: 'hub_subgraph_fetches_total',
      help: 'Fetches from the gateway to each subgraph',
      labelNames: ['subgraph'],
      registers: [this.registry],
    });
    this.subgraphFetchDuration = new Histogram({
      name: 'hub_subgraph_fetch_duration_seconds',
      help: 'Duration of fetches from the gateway to each subgraph',
      labelNames: ['subgraph'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
  }
}

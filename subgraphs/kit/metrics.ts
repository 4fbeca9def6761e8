import { Counter, Gauge, Histogram } from 'prom-client';
import { ServiceMetrics } from '../../platform/metrics';

/** Histogram buckets of the database round trips (statements, disclosure writes): half a millisecond to a second. */
const DATABASE_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** A subgraph's metrics: the service's, plus SQL statements and the connection pool. */
export class SubgraphMetrics extends ServiceMetrics {
  readonly sqlStatements: Counter;
  readonly sqlDuration: Histogram;
  readonly poolSize: Gauge;
  readonly poolWaiting: Gauge;
  readonly agreementLookups: Counter<'reason'>;
  readonly agreementCacheHits: Counter;
  readonly agreementFeedConnected: Gauge;
  readonly disclosureWriteDuration: Histogram<'outcome'>;
  readonly disclosureWriteRequests: Counter;
  readonly disclosuresRecorded: Counter;
  private agreementFeedFollowed: () => boolean = () => false;
  /** Set by the agreement client: whether kept agreements may be used now (read at each scrape). */
  followAgreementFeed(following: () => boolean): void {
    this.agreementFeedFollowed = following;
  }
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
      buckets: DATABASE_SECONDS,
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
    // The owning subgraph's agreement cache (sharing.ts).
    this.agreementLookups = new Counter({
      name: 'hub_agreement_lookups_total',
      help: 'Requests to the registry for the agreements a grantee received, by reason: miss (feed followed, not kept), feed_down (feed not connected or silent), uncached (AGREEMENT_CACHE_MS=0)',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    this.agreementCacheHits = new Counter({
      name: 'hub_agreement_cache_hits_total',
      help: 'Restricted reads decided on agreements kept while the registry change feed is followed',
      registers: [this.registry],
    });
    // The disclosure records' group commit (disclosures.ts): one statement per write, carrying the rows of every
    // request that finished while the previous one was in flight; each of them waits for it before answering.
    this.disclosureWriteDuration = new Histogram({
      name: 'hub_disclosure_write_duration_seconds',
      help: 'Disclosure writes (one statement each, appended to the disclosure chain) and how long each took, by outcome: recorded, or failed (the requests in it withheld their data)',
      labelNames: ['outcome'],
      buckets: DATABASE_SECONDS,
      registers: [this.registry],
    });
    this.disclosureWriteRequests = new Counter({
      name: 'hub_disclosure_write_requests_total',
      help: 'Requests whose disclosures were recorded (divided by the recorded writes: requests per write)',
      registers: [this.registry],
    });
    this.disclosuresRecorded = new Counter({
      name: 'hub_disclosures_recorded_total',
      help: 'Disclosure records written (one per record shown to another organisation)',
      registers: [this.registry],
    });
    const followed = () => this.agreementFeedFollowed();
    this.agreementFeedConnected = new Gauge({
      name: 'hub_agreement_feed_connected',
      help: '1 while the registry change feed is caught up and was heard within the last second (kept agreements may be used), else 0 (every restricted read asks the registry; 0 until the first restricted read, and always on subgraphs that own no restricted data)',
      registers: [this.registry],
      collect() {
        this.set(followed() ? 1 : 0);
      },
    });
  }
}

import { Counter, Histogram } from 'prom-client';
import { ServiceMetrics } from '../platform/metrics';

/** The gateway's metrics: the service's, plus its fetches to each subgraph. */
export class GatewayMetrics extends ServiceMetrics {
  readonly subgraphFetches: Counter<'subgraph'>;
  readonly subgraphFetchDuration: Histogram<'subgraph'>;
  /** Fetches not sent because an identical one was in flight (dedup.ts). */
  readonly subgraphFetchesDeduplicated: Counter<'subgraph'>;

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
    this.subgraphFetchesDeduplicated = new Counter({
      name: 'hub_subgraph_fetches_deduplicated_total',
      help: 'Subgraph fetches not sent because an identical query to the same subgraph was in flight; they got its answer',
      labelNames: ['subgraph'],
      registers: [this.registry],
    });
  }
}

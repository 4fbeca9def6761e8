/**
 * OpenTelemetry tracing, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
 *
 * Off, nothing of the SDK is loaded: only @opentelemetry/api, whose calls
 * are no-ops without a registered provider (the logger asks it for the
 * active span, which is then always none). On, each service process
 * registers a NodeTracerProvider that exports its spans over OTLP/HTTP
 * (JSON) to `<endpoint>/v1/traces`, and instruments:
 *  - node:http, server side: one SERVER span per request to /graphql (the
 *    gateway's and each subgraph's), continuing the caller's W3C
 *    `traceparent`; client side: one CLIENT span per gateway fetch to a
 *    subgraph (gateway/subgraph-http.ts sends over node:http), injecting
 *    `traceparent`;
 *  - undici (global fetch), client side: one CLIENT span per fetch made
 *    inside a request (a subgraph's reference check or agreement lookup),
 *    injecting `traceparent`;
 *  - pg: one span per SQL statement (the statement text, no parameters).
 * @apollo/gateway's own spans (gateway.request, gateway.plan,
 * gateway.execute, gateway.fetch) come in the same trace because it uses
 * the same global API. Health, readiness and metrics requests are not traced.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSpanContextValid, trace, type Span, type SpanContext } from '@opentelemetry/api';
import type { Stoppable } from './http';

export interface TracingConfig {
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); undefined: tracing off. */
  endpoint?: string;
  /** Fraction of new traces recorded (OTEL_TRACES_SAMPLER_ARG); a caller's sampled flag is followed. */
  sampleRatio: number;
}

export interface Tracing {
  enabled: boolean;
  /** Exports what is still buffered and stops. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, shutdown: async () => undefined };

/** Paths that are polled (probes, scrapes): never a span. */
const UNTRACED = new Set(['/health', '/ready', '/metrics']);

/** Registers the tracer provider and the instrumentations for this process, when an endpoint is configured. */
export function startTracing(service: string, config: TracingConfig): Tracing {
  if (!config.endpoint) return OFF;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  const { NodeTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } =
    require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  /* eslint-enable @typescript-eslint/no-require-imports */

  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'service.namespace': 'partnerhub' }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(config.endpoint) }), { scheduledDelayMillis: 1000 })],
  });
  // W3C Trace Context propagator and AsyncLocalStorage context manager.
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED.has((req.url ?? '').split('?')[0]),
        // The gateway's subgraph fetches (node:http) are traced inside a request; outside one they are noise.
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      // Statements outside a request (migrations, the change feed's LISTEN) would each be a trace of their own.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  // node:http is loaded before this runs (the entry point's imports): the
  // instrumentation patches a module when it is next required, so require it
  // now; the patch is on http.Server.prototype and so reaches every server
  // the service creates afterwards. pg is first required when the data source
  // is created, after this.
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  for (const core of ['node:http', 'node:https']) require(core);
  return {
    enabled: true,
    async shutdown() {
      unregister();
      await provider.shutdown();
    },
  };
}

/** OTEL_EXPORTER_OTLP_ENDPOINT is the collector's base URL; traces go to its /v1/traces (OTLP/HTTP). */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * An entry point's start function with tracing around it: the provider is
 * registered before the service creates its servers and pools, and flushed
 * after the service has drained.
 */
export function traced(service: string, config: TracingConfig, start: () => Promise<Stoppable>): () => Promise<Stoppable> {
  return async () => {
    const tracing = startTracing(service, config);
    const running = await start();
    return {
      async stop() {
        await running.stop();
        await tracing.shutdown();
      },
    };
  };
}

function activeSpanContext(): SpanContext | undefined {
  const sc = trace.getActiveSpan()?.spanContext();
  return sc && isSpanContextValid(sc) ? sc : undefined;
}

/** For the logger's mixin: the active trace and span ids, or nothing outside a traced request. */
export function traceFields(): { traceId?: string; spanId?: string } {
  const sc = activeSpanContext();
  return sc ? { traceId: sc.traceId, spanId: sc.spanId } : {};
}

/**
 * W3C Trace Context Level 2 `traceresponse` header: the trace this request
 * was recorded under (version-traceid-spanid-flags), so that a caller can
 * look up its slow request in the tracing backend. Nothing when untraced.
 */
export function setTraceResponse(res: ServerResponse): void {
  const sc = activeSpanContext();
  if (!sc) return;
  res.setHeader('traceresponse', `00-${sc.traceId}-${sc.spanId}-${sc.traceFlags.toString(16).padStart(2, '0')}`);
  requestSpans.set(res, trace.getActiveSpan()!);
}

/** Each traced request's server span, to name it once the operation is known. */
const requestSpans = new WeakMap<ServerResponse, Span>();

/**
 * Names a GraphQL request's server span `POST /graphql` and records the
 * operation (`graphql.operation.name`, OpenTelemetry's GraphQL semantic
 * conventions), so that a tracing backend finds a slow operation by name.
 */
export function tagGraphqlRequest(res: ServerResponse, operation: string): void {
  const span = requestSpans.get(res);
  if (!span) return;
  span.updateName('POST /graphql');
  span.setAttribute('http.route', '/graphql');
  span.setAttribute('graphql.operation.name', operation);
}

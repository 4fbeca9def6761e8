/**
 * OpenTelemetry (issue 16, item 2) with real processes: the subgraphs and the
 * gateway run as their own `node` processes with OTEL_EXPORTER_OTLP_ENDPOINT
 * pointing at an OTLP/HTTP receiver in this test process (a plain HTTP
 * server that accepts what the exporter sends to /v1/traces, JSON). One
 * README question must give ONE trace that holds the gateway's request, its
 * fetches to the subgraphs, the subgraphs' requests (children of those
 * fetches: W3C traceparent crossed the wire) and their SQL statements; the
 * response's `traceresponse` header and every access-log line of that
 * request name the same trace. Without the endpoint, nothing is traced.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../helpers/hub';
import { ProcessHub, sleep, waitFor } from '../helpers/processes';
import type { SubgraphName } from '../../platform/services';
import { README_QUESTION } from '../helpers/readme';

/** One span as OTLP/JSON carries it, with the service that sent it. */
interface Span {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, unknown>;
}

const SERVER = 2;
const CLIENT = 3;
const SUBGRAPHS: SubgraphName[] = ['companies', 'clusters', 'partners', 'projects'];

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
const valueOf = (v: AnyValue) => v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue;
const attributes = (list: { key: string; value: AnyValue }[] = []) => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/** An OTLP/HTTP trace receiver (JSON encoding), as a collector would run it. */
class OtlpReceiver {
  readonly spans: Span[] = [];
  readonly contentTypes = new Set<string>();
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/v1/traces') {
          res.writeHead(404).end();
          return;
        }
        this.contentTypes.add(String(req.headers['content-type']));
        try {
          this.accept(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        } catch (err) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(err) }));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private accept(body: { resourceSpans: any[] }) {
    for (const rs of body.resourceSpans) {
      const service = String(attributes(rs.resource?.attributes)['service.name']);
      for (const ss of rs.scopeSpans ?? []) {
        for (const s of ss.spans ?? []) {
          this.spans.push({
            service,
            scope: ss.scope?.name ?? '',
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId || undefined,
            name: s.name,
            kind: s.kind,
            attributes: attributes(s.attributes),
          });
        }
      }
    }
  }

  trace(traceId: string): Span[] {
    return this.spans.filter((s) => s.traceId === traceId);
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}

let receiver: OtlpReceiver;
let hub: ProcessHub;

beforeAll(async () => {
  receiver = await new OtlpReceiver().start();
  hub = await new ProcessHub({
    subgraphs: SUBGRAPHS,
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_TRACES_SAMPLER_ARG: '1' },
  }).init();
  await Promise.all(SUBGRAPHS.map((n) => hub.start(n)));
  await hub.start('gateway');
}, 300_000);

afterAll(async () => {
  await hub?.stop();
  await receiver?.stop();
});

/** `traceresponse: 00-<trace id>-<span id>-<flags>` (W3C Trace Context Level 2). */
function traceIdOf(header: string | null): string {
  const m = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(header ?? '');
  expect(m, `traceresponse header: ${header}`).not.toBeNull();
  return m![1];
}

describe('OpenTelemetry', () => {
  let traceId: string;
  let spans: Span[];

  it('gives one README question one trace: gateway, every subgraph it asks, their SQL', async () => {
    const res = await graphql(hub.gatewayUrl, README_QUESTION);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data.companyByEnterpriseNumber.name).toBe('AquaNova Filtration');
    traceId = traceIdOf(res.headers.get('traceresponse'));

    // Spans arrive in batches (every second per process); wait until every part of the trace is in.
    spans = await waitFor(
      'the trace from gateway, subgraphs and SQL',
      async () => {
        const t = receiver.trace(traceId);
        const subgraphServers = new Set(t.filter((s) => s.kind === SERVER && s.service !== 'gateway').map((s) => s.service));
        const sql = t.filter((s) => s.attributes['db.system'] === 'postgresql' || s.attributes['db.system.name'] === 'postgresql');
        return t.some((s) => s.service === 'gateway' && s.kind === SERVER) && subgraphServers.size >= 2 && sql.length > 0 && t;
      },
      30_000,
    );
    const services = [...new Set(spans.map((s) => s.service))].sort();
    console.log(
      `trace ${traceId}: ${spans.length} spans from ${services.join(', ')}; content-type ${[...receiver.contentTypes].join(', ')}\n` +
        spans.map((s) => `  ${s.service.padEnd(10)} ${['', 'internal', 'server', 'client'][s.kind] ?? s.kind} ${s.name}`).join('\n'),
    );

    // The gateway's request is the root: no parent.
    const root = spans.find((s) => s.service === 'gateway' && s.kind === SERVER)!;
    expect(root.parentSpanId).toBeUndefined();
    expect(root.attributes['http.request.method'] ?? root.attributes['http.method']).toBe('POST');
    // Named by route, with the GraphQL operation, so that a backend finds a slow operation by name.
    expect(root).toMatchObject({
      name: 'POST /graphql',
      attributes: { 'http.route': '/graphql', 'graphql.operation.name': 'ReadmeQuestion' },
    });

    // Each subgraph's request is the child of one of the gateway's fetches: traceparent crossed the wire.
    const fetches = spans.filter((s) => s.service === 'gateway' && s.kind === CLIENT);
    const subgraphRequests = spans.filter((s) => s.service !== 'gateway' && s.kind === SERVER);
    const askedByGateway = subgraphRequests.filter((r) => fetches.some((f) => f.spanId === r.parentSpanId));
    expect(new Set(askedByGateway.map((r) => r.service)).size).toBeGreaterThanOrEqual(2);
    for (const r of askedByGateway) {
      expect(SUBGRAPHS).toContain(r.service);
      // The gateway names each fetch <operation>__<subgraph>__<step>.
      expect(String(r.attributes['graphql.operation.name'])).toMatch(new RegExp(`^ReadmeQuestion__${r.service}__\\d+$`));
    }

    // SQL statements of the subgraphs, in the same trace, with their text (db.query.text: the stable semantic conventions).
    const sql = spans.filter((s) => s.scope.includes('instrumentation-pg') && s.attributes['db.query.text'] !== undefined);
    expect(sql.length).toBeGreaterThan(0);
    expect(new Set(sql.map((s) => s.service)).size).toBeGreaterThanOrEqual(2);
    for (const s of sql) expect(String(s.attributes['db.query.text'])).toMatch(/\b(SELECT|WITH)\b/i);
  });

  it('names the trace in the access-log line of the gateway and of each subgraph it asked', async () => {
    const askedSubgraphs = [...new Set(spans.filter((s) => s.service !== 'gateway' && s.kind === SERVER).map((s) => s.service))];
    await waitFor('the access-log lines', async () =>
      ['gateway', ...askedSubgraphs].every((n) => hub.logsOf(n as SubgraphName).some((l) => l.msg === 'request' && l.traceId === traceId)),
    );
    const gatewayLine = hub.logsOf('gateway').find((l) => l.msg === 'request' && l.traceId === traceId)!;
    expect(gatewayLine).toMatchObject({ operation: 'ReadmeQuestion', status: 200 });
    expect(gatewayLine.spanId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('traces nothing when OTEL_EXPORTER_OTLP_ENDPOINT is not set', async () => {
    await hub.service('gateway').stop();
    await hub.start('gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: '' });
    const before = receiver.spans.filter((s) => s.service === 'gateway').length;
    const res = await graphql(hub.gatewayUrl, README_QUESTION);
    expect(res.data.companyByEnterpriseNumber.name).toBe('AquaNova Filtration');
    expect(res.headers.get('traceresponse')).toBeNull();
    await sleep(2_500); // more than the exporters' batch delay
    expect(receiver.spans.filter((s) => s.service === 'gateway').length).toBe(before);
    const line = hub.service('gateway').logs.find((l) => l.msg === 'request');
    expect(line).toBeDefined();
    expect(line!.traceId).toBeUndefined();
  });
});

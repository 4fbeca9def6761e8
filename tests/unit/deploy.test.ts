/**
 * The operators' files under deploy/ (issue 16, item 3) agree with the code
 * and with each other: every metric the Grafana dashboard and the alert rules
 * query is one the services export (their prom-client registries, built here
 * as the services build them), the dashboard's data source is the
 * provisioned one, and docker-compose's `observability` profile mounts what
 * Prometheus and Grafana are configured to read. promtool (Debian package
 * `prometheus`) checks the configuration and the rules and runs the rules'
 * unit tests (deploy/prometheus/alerts.test.yml); CI installs it, so under
 * CI=true a missing promtool fails instead of skipping.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GatewayMetrics } from '../../gateway/metrics';
import { ROOT } from '../../platform/paths';
import { SUBGRAPH_NAMES } from '../../platform/services';
import { SubgraphMetrics } from '../../subgraphs/kit/metrics';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const PROMETHEUS = 'deploy/prometheus';
const dashboard = JSON.parse(read('deploy/grafana/dashboards/partnerhub.json'));
const rules = parse(read(`${PROMETHEUS}/alerts.yml`)) as { groups: { name: string; rules: { alert: string; expr: string }[] }[] };
const scrape = parse(read(`${PROMETHEUS}/prometheus.yml`));
const datasources = parse(read('deploy/grafana/provisioning/datasources/partnerhub.yml'));
const providers = parse(read('deploy/grafana/provisioning/dashboards/partnerhub.yml'));
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, any> };

/** Every metric name the services export, as Prometheus names the series (histograms: _bucket, _sum, _count). */
async function exportedMetrics(): Promise<Set<string>> {
  const names = new Set<string>(['up']); // written by Prometheus for every target
  for (const m of [new GatewayMetrics(), ...SUBGRAPH_NAMES.map((n) => new SubgraphMetrics(n))]) {
    for (const metric of await m.registry.getMetricsAsJSON()) {
      names.add(metric.name);
      if (String(metric.type) === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(metric.name + s);
    }
  }
  return names;
}

const PROMQL_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset']);

/** The metric names a PromQL expression selects: identifiers outside label matchers, ranges and strings that are not functions or keywords. */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...bare.matchAll(/(?<![\w:.$])([a-zA-Z_:][\w:]*)(\s*\()?/g)].filter((m) => !m[2]).map((m) => m[1]);
  return names.filter((n) => !PROMQL_KEYWORDS.has(n));
}

const panelExprs = (): { panel: string; expr: string }[] =>
  dashboard.panels.flatMap((p: any) => p.targets.map((t: any) => ({ panel: p.title, expr: t.expr as string })));

describe('deploy/grafana dashboard', () => {
  it('is a dashboard of at least ten panels, each with a unique id, a place and a query on the provisioned Prometheus', () => {
    expect(dashboard.uid).toMatch(/^[\w-]{1,40}$/);
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(10);
    expect(new Set(dashboard.panels.map((p: any) => p.id)).size).toBe(dashboard.panels.length);
    const prometheus = datasources.datasources.find((d: any) => d.type === 'prometheus');
    for (const p of dashboard.panels) {
      expect(p.title, JSON.stringify(p)).toBeTruthy();
      expect(p.gridPos, p.title).toMatchObject({
        w: expect.any(Number),
        h: expect.any(Number),
        x: expect.any(Number),
        y: expect.any(Number),
      });
      expect(p.datasource, p.title).toEqual({ type: 'prometheus', uid: prometheus.uid });
      expect(p.targets.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets) expect(t.expr, p.title).toBeTruthy();
    }
  });

  it('queries only metrics the services export', async () => {
    const exported = await exportedMetrics();
    const used = panelExprs().flatMap(({ panel, expr }) => metricNames(expr).map((name) => ({ panel, name })));
    expect(used.length).toBeGreaterThan(dashboard.panels.length);
    expect(used.filter((u) => !exported.has(u.name))).toEqual([]);
    // Every metric of the hub itself is on the dashboard.
    const hubMetrics = [...exported].filter((n) => n.startsWith('hub_') && !/_(sum|count)$/.test(n));
    const shown = new Set(used.map((u) => u.name.replace(/_bucket$/, '')));
    expect(hubMetrics.filter((n) => !n.endsWith('_bucket') && !shown.has(n))).toEqual([]);
  });

  it('finds the metric names in PromQL', () => {
    expect(
      metricNames('sum by (service, le) (rate(hub_x_bucket{code=~"A|B", service="gw"}[5m])) / ignoring(le) up offset 5m > bool 0.5'),
    ).toEqual(['hub_x_bucket', 'up']);
    expect(metricNames('histogram_quantile(0.99, sum by (le) (rate(a_b[$__rate_interval])))')).toEqual(['a_b']);
  });
});

describe('deploy/prometheus', () => {
  it('scrapes the gateway and every subgraph on their compose service names', () => {
    const job = scrape.scrape_configs.find((j: any) => j.job_name === 'partnerhub');
    const targets = job.static_configs.map((c: any) => [c.labels.service, c.targets[0]]);
    expect(Object.fromEntries(targets)).toEqual(
      Object.fromEntries(['gateway', ...SUBGRAPH_NAMES].map((n) => [n, `${n}:${compose.services[n].expose?.[0] ?? '4000'}`])),
    );
    expect(job.metrics_path).toBe('/metrics');
    expect(job.authorization).toMatchObject({ type: 'Bearer', credentials_file: expect.any(String) });
  });

  it('alerts on a subgraph down, the error rate, p99 latency and database pool waiting, with metrics the services export', async () => {
    const exported = await exportedMetrics();
    const all = rules.groups.flatMap((g) => g.rules);
    expect(all.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'PartnerhubSubgraphDown',
        'PartnerhubHighErrorRate',
        'PartnerhubHighLatencyP99',
        'PartnerhubDatabasePoolWaiting',
      ]),
    );
    const unknown = all.flatMap((r) =>
      metricNames(r.expr)
        .filter((n) => !exported.has(n))
        .map((n) => `${r.alert}: ${n}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe('docker-compose observability profile', () => {
  const profiled = Object.entries(compose.services).filter(([, s]) => s.profiles?.includes('observability'));

  it('runs Prometheus, Grafana and Jaeger only in that profile, mounting the files configured here', () => {
    expect(profiled.map(([n]) => n).sort()).toEqual(['grafana', 'jaeger', 'prometheus']);
    const mounts = (name: string) => (compose.services[name].volumes as string[]).map((v) => v.split(':').slice(0, 2));
    expect(mounts('prometheus')).toEqual(
      expect.arrayContaining([
        ['./deploy/prometheus/prometheus.yml', '/etc/prometheus/prometheus.yml'],
        ['./deploy/prometheus/alerts.yml', '/etc/prometheus/alerts.yml'],
      ]),
    );
    expect(mounts('grafana')).toEqual(
      expect.arrayContaining([
        ['./deploy/grafana/provisioning', '/etc/grafana/provisioning'],
        ['./deploy/grafana/dashboards', providers.providers[0].options.path],
      ]),
    );
    // Grafana reaches its data sources by their compose service names and ports.
    for (const d of datasources.datasources) expect(profiled.map(([n]) => n)).toContain(new URL(d.url).hostname);
  });

  it('gives every service the OpenTelemetry variables', () => {
    for (const name of ['gateway', ...SUBGRAPH_NAMES]) {
      expect(Object.keys(compose.services[name].environment), name).toEqual(
        expect.arrayContaining(['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_TRACES_SAMPLER_ARG']),
      );
    }
  });
});

const promtool = spawnSync('promtool', ['--version']).status === 0;

describe('promtool', () => {
  it.skipIf(!promtool && process.env.CI !== 'true')('checks the configuration and the rules, and passes the rules’ unit tests', () => {
    expect(promtool, 'promtool is missing: install the Debian package prometheus (.ci/run does)').toBe(true);
    // The full check opens the bearer token file; an empty one stands in for the secret.
    const dir = mkdtempSync(join(tmpdir(), 'partnerhub-prometheus-'));
    try {
      for (const f of ['prometheus.yml', 'alerts.yml', 'alerts.test.yml']) copyFileSync(join(ROOT, PROMETHEUS, f), join(dir, f));
      writeFileSync(join(dir, scrape.scrape_configs[0].authorization.credentials_file), '');
      const run = (...args: string[]) => execFileSync('promtool', args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
      expect(run('check', 'config', 'prometheus.yml')).toMatch(/SUCCESS/);
      expect(run('check', 'rules', 'alerts.yml')).toMatch(/SUCCESS: \d+ rules found/);
      expect(run('test', 'rules', 'alerts.test.yml')).toMatch(/SUCCESS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * `npm run bench`: the hub under load on a large deterministic data set.
 *
 *   npm run bench                      100,000 companies, 10 connections, 10 s per run
 *   npm run bench -- --quick           20,000 companies, 3 s runs: about a minute
 *   npm run bench -- --companies 50000 --connections 20 --duration 20 --keep-data
 *
 * 1. Databases `partnerhub_bench_<subgraph>` on the bench's own embedded
 *    PostgreSQL (data in .partnerhub/bench, port 5498), or on the server of
 *    BENCH_DATABASE_URL; migrated, then filled by scripts/bench-data.ts.
 *    With --keep-data the databases stay, and a later run with the same size
 *    and data version reuses them instead of generating again.
 * 2. The four subgraphs and the gateway from dist/, as separate processes,
 *    as `npm start` runs them (production mode, no demo data).
 * 3. Per shape (scripts/bench-shapes.ts): one checked answer; SQL statements
 *    and gateway→subgraph fetches per request, read from each service's
 *    /metrics around a few sequential requests (at page sizes 10 and 100 too);
 *    a warm-up; then autocannon at fixed concurrency for a fixed duration,
 *    through the gateway and, for single-subgraph shapes, straight to the
 *    subgraph. Errors = transport errors + non-2xx + GraphQL errors (the
 *    gateway's hub_graphql_errors_total).
 * 4. Peak memory (VmHWM) of every service; a table on stdout; JSON in bench-results/.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import 'reflect-metadata';
import { migrateDatabase, SUBGRAPHS } from '../subgraphs';
import { developmentSignIn } from './identity/client';
import { writeDevelopmentTrustConfig } from './identity/development';
import { readTrustConfig } from '../platform/trust';
import { VLAAMS_BRABANT } from '../platform/organisations';
import { SERVICE_NAMES, serviceEnv, SUBGRAPH_NAMES, type HubLayout, type ServiceName, type SubgraphName } from '../platform/services';
import { loadBenchConfig } from './bench/config';
import { createLogger } from '../platform/logger';
import { encodeCursor } from '../subgraphs/kit/pagination';
import {
  BENCH_DATA_VERSION,
  benchSize,
  DEFAULT_BENCH_COMPANIES,
  generateSubgraphData,
  type BenchSize,
  type GenerateResult,
} from './bench/data';
import { benchShapes, checkAnswer, type Shape } from './bench/shapes';
import { metricSum } from './bench/metrics';
import { comparePeers, PEER_MODES, peerTable, processCpuSeconds, processTreeCpuSeconds, type PeerResult } from './bench/peer';
import { startEmbeddedPostgres } from './hub/embedded-postgres';
import { postgresServer, withClient, type PostgresServer } from './hub/postgres';
import { ROOT as root } from '../platform/paths';
import { freePort, spawnService, stopAll, waitReady } from './hub/processes';

type Autocannon = (opts: Record<string, unknown>) => PromiseLike<AutocannonResult> & {
  on(event: 'response', fn: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void;
  stop(): void;
};
interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const config = loadBenchConfig();

// ------------------------------------------------------------------ options

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    companies: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    'keep-data': { type: 'boolean', default: false },
    shapes: { type: 'string' },
    'pool-size': { type: 'string' },
    apq: { type: 'boolean', default: false },
    'no-peer': { type: 'boolean', default: false },
    'peer-rounds': { type: 'string' },
    'cpu-prof': { type: 'string' },
    label: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const HELP = `npm run bench -- [options]
  --quick               20,000 companies, 3 s runs after 1 s warm-up (about a minute)
  --companies N         data size (default ${DEFAULT_BENCH_COMPANIES.toLocaleString('en')}; partners N/20, projects N/50)
  --duration S          seconds of load per run (default 10)
  --warmup S            seconds of warm-up before each run (default 3)
  --connections C       concurrent connections (default 10)
  --keep-data           keep the bench databases, and reuse them when size and data version match
  --shapes a,b,...      only these shapes (a, b, c, d1, d2, e)
  --pool-size N         DB_POOL_SIZE of the subgraphs (default: the environment's, else 10)
  --apq                 send automatic persisted query hashes instead of the query text
  --no-peer             skip the comparison with Hive Gateway (scripts/bench/peer.ts)
  --peer-rounds N       rounds of A B B A per shape and mode in the comparison (default 1)
  --cpu-prof a,b        run these services (gateway, companies, …) under node --cpu-prof; profiles in
                        <BENCH_DATA_DIR>/profiles, summed up by node dist/scripts/bench/profile-top.js
  --label TEXT          a note stored with the JSON results (e.g. what was tuned)
Environment: BENCH_DATABASE_URL (use that PostgreSQL server instead of the embedded one),
BENCH_PG_PORT (5498), BENCH_DATA_DIR (.partnerhub/bench), BENCH_RESULTS_DIR (bench-results).`;

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return n;
}

const quick = args.quick === true;
const options = {
  quick,
  companies: Math.round(positive('companies', args.companies, quick ? 20_000 : DEFAULT_BENCH_COMPANIES)),
  duration: positive('duration', args.duration, quick ? 3 : 10),
  warmup: positive('warmup', args.warmup, quick ? 1 : 3),
  connections: Math.round(positive('connections', args.connections, 10)),
  keepData: args['keep-data'] === true,
  shapes: args.shapes
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  poolSize: args['pool-size'] === undefined ? undefined : Math.round(positive('pool-size', args['pool-size'], 10)),
  apq: args.apq === true,
  peer: args['no-peer'] !== true,
  peerRounds: Math.round(positive('peer-rounds', args['peer-rounds'], 1)),
  cpuProf: args['cpu-prof']
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  label: args.label,
};

function say(message: string) {
  process.stdout.write(`[bench] ${message}\n`);
}

// ------------------------------------------------------------------ databases

const dbName = (name: SubgraphName) => `partnerhub_bench_${name}`;

type Server = PostgresServer;

async function startServer(): Promise<Server> {
  if (config.databaseUrl) return postgresServer(config.databaseUrl);
  say(`starting the bench's embedded PostgreSQL on 127.0.0.1:${config.embeddedPgPort} (data in ${join(config.dataDir, 'pg')})`);
  return startEmbeddedPostgres(join(config.dataDir, 'pg'), config.embeddedPgPort);
}

/** What a kept database must carry to be reused: data version, size and the migrations it was made with. */
function dataMarker(name: SubgraphName, size: BenchSize): string {
  const migrations = (SUBGRAPHS[name].migrations as { name: string }[]).map((m) => m.name).join(',');
  const hash = createHash('sha1').update(migrations).digest('hex').slice(0, 12);
  return `partnerhub-bench v${BENCH_DATA_VERSION} companies=${size.companies} partners=${size.partners} projects=${size.projects} migrations=${hash}`;
}

interface Prepared {
  reused: boolean;
  migrateMs: number;
  generate?: GenerateResult;
}

/** Creates (or reuses) and fills every bench database. */
async function prepareDatabases(server: Server, size: BenchSize): Promise<Record<SubgraphName, Prepared>> {
  const out = {} as Record<SubgraphName, Prepared>;
  const log = createLogger('bench', 'warn');
  await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const db = dbName(name);
      const marker = dataMarker(name, size);
      const existing: string | null | undefined = await server.admin(async (c) => {
        const r = await c.query("SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1", [db]);
        return r.rowCount ? (r.rows[0].marker as string | null) : undefined;
      });
      if (options.keepData && existing === marker) {
        out[name] = { reused: true, migrateMs: 0 };
        return;
      }
      await server.admin(async (c) => {
        if (existing !== undefined) await c.query(`DROP DATABASE "${db}" WITH (FORCE)`);
        await c.query(`CREATE DATABASE "${db}"`);
      });
      const url = server.urlFor(db);
      const started = Date.now();
      await migrateDatabase(name, url, log);
      out[name] = { reused: false, migrateMs: Date.now() - started };
    }),
  );
  const toGenerate = SUBGRAPH_NAMES.filter((n) => !out[n].reused);
  if (toGenerate.length === 0) {
    say('reusing the kept bench databases (same size and data version)');
    return out;
  }
  say(
    `generating ${size.companies.toLocaleString('en')} companies, ${size.partners.toLocaleString('en')} partners, ${size.projects.toLocaleString('en')} projects…`,
  );
  const started = Date.now();
  await Promise.all(
    toGenerate.map(async (name) => {
      out[name].generate = await withClient(server.urlFor(dbName(name)), (c) => generateSubgraphData(name, c, size));
    }),
  );
  say(`data generated in ${((Date.now() - started) / 1000).toFixed(1)} s (four databases in parallel)`);
  await server.admin(async (c) => {
    for (const name of toGenerate) await c.query(`COMMENT ON DATABASE "${dbName(name)}" IS '${dataMarker(name, size)}'`);
  });
  return out;
}

// ------------------------------------------------------------------ services

/** The processes whose CPU a request costs (the identity providers only issue the one token). */
type MeasuredProcess = SubgraphName | 'gateway' | 'postgres';

interface Service {
  name: ServiceName | 'hive';
  port: number;
  proc: ChildProcess;
}
const services: Service[] = [];
let stopping = false;

function startService(name: ServiceName, layout: HubLayout): Service {
  const logDir = join(config.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = createWriteStream(join(logDir, `${name}.log`));
  // Written when the service exits (SIGTERM at the end of the bench).
  const profile = options.cpuProf?.includes(name)
    ? ['--cpu-prof', `--cpu-prof-dir=${resolve(config.dataDir, 'profiles')}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`]
    : [];
  const proc = spawnService(name, serviceEnv(name, layout), ['ignore', 'pipe', 'pipe'], profile);
  proc.stdout!.pipe(logFile);
  proc.stderr!.pipe(logFile);
  proc.on('exit', (code, signal) => {
    if (!stopping) say(`${name} stopped unexpectedly (${signal ?? `exit ${code}`}); see ${join(logDir, `${name}.log`)}`);
  });
  const service = { name, port: layout.ports[name], proc };
  services.push(service);
  return service;
}

function waitUp(s: Service): Promise<void> {
  return waitReady(s.name, s.port, s.proc, 120_000, `; see ${join(config.dataDir, 'logs', `${s.name}.log`)}`);
}

async function stopServices(): Promise<void> {
  stopping = true;
  await stopAll(
    services.map((s) => s.proc),
    10_000,
  );
}

async function startHub(
  server: Server,
): Promise<{ gateway: Service; subgraphs: Record<SubgraphName, Service>; token: string; layout: HubLayout; issuer: string }> {
  const ports = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (n) => [n, await freePort()]))) as Record<ServiceName, number>;
  // Tokens as in development: each organisation's own provider (identity/), keys beside the bench data.
  const trustPath = writeDevelopmentTrustConfig(resolve(config.dataDir, 'trust.json'), { origin: `http://127.0.0.1:${ports.identity}` });
  const layout: HubLayout = {
    ports,
    databaseUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, server.urlFor(dbName(n))])),
    common: {
      ...config.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      HUB_TRUST_CONFIG: trustPath,
      IDENTITY_KEYS_DIR: resolve(config.dataDir, 'identity'),
      SEED_DEMO_DATA: 'false',
      MIGRATE_ON_START: 'false',
      OPS_TOKEN: opsToken,
      // Every request reaches the subgraphs (SQL and fetches per request, the peer comparison); the cache has its own figures.
      RESPONSE_CACHE: 'false',
      // The load comes from one address and one token: measure the hub, not its rate limits.
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
      RATE_LIMIT_ORGANISATION_PER_MINUTE: '0',
      ...(options.poolSize !== undefined ? { DB_POOL_SIZE: String(options.poolSize) } : {}),
    },
  };
  await waitUp(startService('identity', layout));
  const issuer = readTrustConfig(trustPath).organisations.find((o) => o.id === VLAAMS_BRABANT)!.issuer;
  const token = await developmentSignIn(issuer, { sub: 'bench', roles: [] });
  const subgraphs = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, startService(name, layout)])) as Record<SubgraphName, Service>;
  await Promise.all(Object.values(subgraphs).map(waitUp));
  const gateway = startService('gateway', layout);
  await waitUp(gateway);
  return { gateway, subgraphs, token, layout, issuer };
}

/** Hive Gateway as its own process (scripts/bench/hive.ts) on the same subgraphs, with the gateway's environment. */
async function startHive(layout: HubLayout): Promise<Service> {
  const logFile = createWriteStream(join(config.dataDir, 'logs', 'hive.log'));
  const port = await freePort();
  const proc = spawn(process.execPath, [join(__dirname, 'bench', 'hive.js')], {
    cwd: root,
    env: { ...serviceEnv('gateway', layout), HIVE_GATEWAY_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout.pipe(logFile);
  proc.stderr.pipe(logFile);
  const hive: Service = { name: 'hive', port, proc };
  services.push(hive);
  await waitReady('hive', port, proc, 120_000, `; see ${join(config.dataDir, 'logs', 'hive.log')}`);
  return hive;
}

// ------------------------------------------------------------------ measuring

/** The services' /metrics are closed in production without OPS_TOKEN: the bench sets one of its own. */
const opsToken = randomBytes(16).toString('hex');

async function metricsOf(s: Service): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${s.port}/metrics`, { headers: { authorization: `Bearer ${opsToken}` } });
  // A refused scrape must not read as zero statements, fetches and CPU.
  if (!res.ok) throw new Error(`${s.name}: /metrics answered HTTP ${res.status}`);
  return res.text();
}

interface Counters {
  sql: Record<SubgraphName, number>;
  fetches: Record<SubgraphName, number>;
  gatewayErrors: number;
  subgraphErrors: Record<SubgraphName, number>;
  connections: Record<SubgraphName, number>;
  /** GraphQL requests each subgraph served (hub_graphql_requests_total). */
  requests: Record<SubgraphName, number>;
  /** CPU seconds used so far by each service (process_cpu_seconds_total), and by PostgreSQL when it is ours. */
  cpu: Record<MeasuredProcess, number>;
}

/** CPU seconds of the embedded PostgreSQL: the postmaster and all its children (their own and reaped children's time). */
function postgresCpuSeconds(): number {
  if (config.databaseUrl) return NaN;
  try {
    return processTreeCpuSeconds(Number(readFileSync(join(config.dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]));
  } catch {
    return NaN;
  }
}

async function readCounters(hub: Hub): Promise<Counters> {
  const gw = await metricsOf(hub.gateway);
  const texts = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (n) => [n, await metricsOf(hub.subgraphs[n])])));
  const per = (fn: (n: SubgraphName) => number) =>
    Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, fn(n)])) as Record<SubgraphName, number>;
  return {
    sql: per((n) => metricSum(texts[n], 'hub_sql_statements_total')),
    fetches: per((n) => metricSum(gw, 'hub_subgraph_fetches_total', ['subgraph', n])),
    gatewayErrors: metricSum(gw, 'hub_graphql_errors_total'),
    subgraphErrors: per((n) => metricSum(texts[n], 'hub_graphql_errors_total')),
    connections: per((n) => metricSum(texts[n], 'hub_http_connections_total')),
    requests: per((n) => metricSum(texts[n], 'hub_graphql_requests_total')),
    cpu: {
      gateway: metricSum(gw, 'process_cpu_seconds_total'),
      ...per((n) => metricSum(texts[n], 'process_cpu_seconds_total')),
      postgres: postgresCpuSeconds(),
    },
  };
}

const diffPer = (a: Record<SubgraphName, number>, b: Record<SubgraphName, number>, per = 1) =>
  Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, Math.round(((b[n] - a[n]) / per) * 100) / 100])) as Record<SubgraphName, number>;

interface Hub {
  gateway: Service;
  subgraphs: Record<SubgraphName, Service>;
  token: string;
}

const urlOf = (s: Service) => `http://127.0.0.1:${s.port}/graphql`;

/** The request body: the query text, its APQ hash only, or both (registers the hash). */
function requestBody(shape: Shape, variables = shape.variables, mode: 'query' | 'apq' | 'register' = 'query'): string {
  const sha256Hash = createHash('sha256').update(shape.query).digest('hex');
  const extensions = mode === 'query' ? undefined : { persistedQuery: { version: 1, sha256Hash } };
  const query = mode === 'apq' ? undefined : shape.query;
  return JSON.stringify({ operationName: shape.operationName, query, variables, extensions });
}

async function post(url: string, body: string, token: string): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  return res.json();
}

/**
 * Waits until the hub is idle: work of a finished load run (subgraph fetches the
 * gateway still had in flight when autocannon stopped) must not count for the next measurement.
 */
async function settle(hub: Hub, timeoutMs = 60_000): Promise<void> {
  const fingerprint = async () => {
    const c = await readCounters(hub);
    return JSON.stringify([c.sql, c.fetches]);
  };
  const deadline = Date.now() + timeoutMs;
  let last = await fingerprint();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await fingerprint();
    if (now === last) return;
    last = now;
  }
  say('the hub did not come to rest within a minute; measuring anyway');
}

/** SQL statements and gateway fetches per request, from `n` sequential requests on an otherwise idle hub. */
async function perRequest(hub: Hub, shape: Shape, variables: Record<string, unknown>, n = 3) {
  const body = requestBody(shape, variables);
  await settle(hub);
  checkAnswer(shape, await post(urlOf(hub.gateway), body, hub.token));
  const before = await readCounters(hub);
  for (let i = 0; i < n; i++) await post(urlOf(hub.gateway), body, hub.token);
  const after = await readCounters(hub);
  return { sql: diffPer(before.sql, after.sql, n), fetches: diffPer(before.fetches, after.fetches, n) };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

interface LoadResult {
  /** Median latency of single requests, one after the other, on the idle hub. */
  idleP50: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  errors: number;
  transportErrors: number;
  non2xx: number;
  graphqlErrors: number;
  /** SQL statements per request per subgraph, averaged over the run. */
  sqlPerRequest: Record<SubgraphName, number>;
  /** New TCP connections each subgraph accepted during the run (keep-alive: few). */
  newConnections: Record<SubgraphName, number>;
  /** CPU milliseconds per request of each service and of PostgreSQL: steadier than latency on a busy machine. */
  cpuMsPerRequest: Record<MeasuredProcess, number>;
}

async function cannon(url: string, body: string, token: string, seconds: number, record: boolean) {
  const latencies: number[] = [];
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    connections: options.connections,
    duration: seconds,
    timeout: 30,
  });
  if (record) {
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  }
  const result = await instance;
  return { result, latencies };
}

async function load(hub: Hub, shape: Shape, target: Service): Promise<LoadResult> {
  const url = urlOf(target);
  const body = requestBody(shape, shape.variables, options.apq ? 'apq' : 'query');
  if (options.apq) checkAnswer(shape, await post(url, requestBody(shape, shape.variables, 'register'), hub.token));
  await settle(hub);
  const idle: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    await post(url, body, hub.token);
    idle.push(performance.now() - started);
  }
  idle.sort((x, y) => x - y);
  await cannon(url, body, hub.token, options.warmup, false);
  await settle(hub);
  const before = await readCounters(hub);
  const { result, latencies } = await cannon(url, body, hub.token, options.duration, true);
  const after = await readCounters(hub);
  latencies.sort((a, b) => a - b);
  const graphqlErrors =
    target === hub.gateway
      ? after.gatewayErrors - before.gatewayErrors
      : after.subgraphErrors[target.name as SubgraphName] - before.subgraphErrors[target.name as SubgraphName];
  const requests = result.requests.total;
  return {
    idleP50: round2(percentile(idle, 50)),
    requests,
    rps: Math.round((latencies.length / result.duration) * 10) / 10,
    p50: round2(percentile(latencies, 50)),
    p99: round2(percentile(latencies, 99)),
    mean: round2(latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length)),
    errors: result.errors + result.non2xx + graphqlErrors,
    transportErrors: result.errors,
    non2xx: result.non2xx,
    graphqlErrors,
    sqlPerRequest: diffPer(before.sql, after.sql, Math.max(1, requests)),
    newConnections: diffPer(before.connections, after.connections),
    cpuMsPerRequest: Object.fromEntries(
      (Object.keys(after.cpu) as MeasuredProcess[]).map((k) => [
        k,
        round2(((after.cpu[k] - before.cpu[k]) * 1000) / Math.max(1, requests)),
      ]),
    ) as Record<MeasuredProcess, number>,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function peakMemoryMb(pid: number | undefined): { peakRssMb: number; rssMb: number } | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(/(\d+)\s*kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? NaN);
    return { peakRssMb: Math.round(kb('VmHWM:') / 1024), rssMb: Math.round(kb('VmRSS:') / 1024) };
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ inputs for the shapes

async function shapeInputs(server: Server, size: BenchSize) {
  const q = async <T>(name: SubgraphName, sql: string, params: unknown[] = []): Promise<T[]> => {
    return withClient(server.urlFor(dbName(name)), async (c) => (await c.query(sql, params)).rows as T[]);
  };
  // Shape b: a company in projects with events, and a member of a cluster.
  const candidates = await q<{ company_id: string }>(
    'projects',
    `SELECT pc.company_id FROM project_company pc JOIN event e ON e.project_id = pc.project_id
     GROUP BY pc.company_id ORDER BY count(*) DESC, pc.company_id LIMIT 200`,
  );
  const members = new Set(
    (
      await q<{ company_id: string }>('clusters', 'SELECT DISTINCT company_id FROM cluster_membership WHERE company_id = ANY($1::uuid[])', [
        candidates.map((c) => c.company_id),
      ])
    ).map((r) => r.company_id),
  );
  const companyId = candidates.find((c) => members.has(c.company_id))?.company_id ?? candidates[0]?.company_id;
  if (!companyId) throw new Error('the bench data has no company in a project with events');
  // Shape d: the cursor after `deepOffset` companies in the list's own order.
  const deepOffset = Math.min(50_000, Math.floor(size.companies / 2));
  const [row] = await q<{ name: string; id: string }>(
    'companies',
    'SELECT name, id FROM company WHERE NOT archived ORDER BY name, id OFFSET $1 LIMIT 1',
    [deepOffset - 1],
  );
  return { companyId, deepCursor: encodeCursor([row.name, row.id]), deepOffset };
}

// ------------------------------------------------------------------ report

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const padL = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const sqlText = (sql: Record<SubgraphName, number>) =>
  SUBGRAPH_NAMES.map((n) => `${n.slice(0, 4)} ${Number.isInteger(sql[n]) ? sql[n] : sql[n].toFixed(2)}`).join(', ');

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

// ------------------------------------------------------------------ main

async function main() {
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const size = benchSize(options.companies);
  const startedAt = new Date();
  const loadAtStart = loadavg();
  let server: Server | undefined;
  const cleanup = async () => {
    await stopServices();
    if (server) {
      if (!options.keepData) {
        await server
          .admin(async (c) => {
            for (const n of SUBGRAPH_NAMES) await c.query(`DROP DATABASE IF EXISTS "${dbName(n)}" WITH (FORCE)`);
          })
          .catch(() => {});
      }
      await server.stop().catch(() => {});
    }
  };
  process.once('SIGINT', () => {
    say('interrupted: stopping…');
    void cleanup().then(() => process.exit(130));
  });
  try {
    server = await startServer();
    const prepared = await prepareDatabases(server, size);
    const inputs = await shapeInputs(server, size);
    say('starting the four subgraphs and the gateway (production mode)…');
    const started = await startHub(server);
    const hive = options.peer ? await startHive(started.layout) : undefined;
    const hub: Hub = { gateway: started.gateway, subgraphs: started.subgraphs, token: started.token };

    const shapes = benchShapes(inputs).filter((s) => !options.shapes || options.shapes.includes(s.id));
    say(
      `${shapes.length} shapes, ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per run${options.apq ? ', APQ' : ''}`,
    );

    const results: any[] = [];
    for (const shape of shapes) {
      const perReq = await perRequest(hub, shape, shape.variables);
      const pageSizes = shape.pageVariable
        ? {
            10: (await perRequest(hub, shape, { ...shape.variables, [shape.pageVariable]: 10 })).sql,
            100: (await perRequest(hub, shape, { ...shape.variables, [shape.pageVariable]: 100 })).sql,
          }
        : undefined;
      const gateway = await load(hub, shape, hub.gateway);
      const direct = shape.direct ? await load(hub, shape, hub.subgraphs[shape.direct]) : undefined;
      const r = {
        shape: shape.id,
        title: shape.title,
        variables: shape.variables,
        sqlPerRequest: perReq.sql,
        fetchesPerRequest: perReq.fetches,
        pageSizes,
        gateway,
        direct,
        directSubgraph: shape.direct,
      };
      results.push(r);
      say(
        `${shape.id}: ${fmt(gateway.rps)} req/s, p50 ${fmt(gateway.p50, 2)} ms, p99 ${fmt(gateway.p99, 2)} ms, ${gateway.errors} errors` +
          (direct ? ` | direct ${shape.direct}: ${fmt(direct.rps)} req/s, p50 ${fmt(direct.p50, 2)} ms` : ''),
      );
    }

    const peers: PeerResult[] = [];
    if (hive) {
      say(`peer comparison with Hive Gateway: ${shapes.length} shapes × ${PEER_MODES.join(', ')}…`);
      // A token of its own for every connection (another person of the same organisation).
      const tokens = await Promise.all(
        Array.from({ length: options.connections }, (_, i) => developmentSignIn(started.issuer, { sub: `bench-${i}`, roles: [] })),
      );
      const setup = {
        urls: { ours: urlOf(hub.gateway), hive: urlOf(hive) },
        cpu: async () => ({ ...(await readCounters(hub)).cpu, hive: processCpuSeconds(hive.proc.pid) }),
        subgraphRequests: async () => Object.values((await readCounters(hub)).requests).reduce((a, b) => a + b, 0),
        settle: () => settle(hub),
        connections: options.connections,
        warmupSeconds: options.warmup,
        rounds: options.peerRounds,
        seconds: options.duration,
      };
      for (const shape of shapes) {
        const body = requestBody(shape);
        const [ours, theirs] = [await post(setup.urls.ours, body, hub.token), await post(setup.urls.hive, body, hub.token)];
        checkAnswer(shape, theirs);
        if (JSON.stringify(ours.data) !== JSON.stringify(theirs.data)) say(`${shape.id}: Hive Gateway's answer differs from ours`);
        for (const mode of PEER_MODES) {
          const r = await comparePeers(setup, shape.id, mode, body, mode === 'identical' ? [hub.token] : tokens);
          peers.push(r);
          say(`${shape.id} ${mode}: ours ${fmt(r.ours.rps)} req/s, Hive ${fmt(r.hive.rps)} req/s: ${fmt(r.ratio, 2)}×`);
        }
      }
    }

    const memory = Object.fromEntries(services.map((s) => [s.name, peakMemoryMb(s.proc.pid)]));

    // ---- the table
    const lines: string[] = [];
    lines.push('');
    lines.push(
      `partnerhub bench — ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${gitCommit()}, ` +
        `${size.companies.toLocaleString('en')} companies / ${size.partners.toLocaleString('en')} partners / ${size.projects.toLocaleString('en')} projects, ` +
        `${options.connections} connections, ${options.duration} s runs${options.apq ? ', APQ' : ''}`,
    );
    lines.push(
      `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
        `load average ${loadAtStart.map((x) => x.toFixed(1)).join(' ')} at start, ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')} at end`,
    );
    lines.push('');
    // One order for the CPU column's header and its cells (they disagreed once: the header said gw first).
    const cpuOrder: MeasuredProcess[] = ['gateway', ...SUBGRAPH_NAMES, 'postgres'];
    const short = (n: string) => (n === 'gateway' ? 'gw' : n === 'postgres' ? 'pg' : n.slice(0, 4));
    const sqlHead = `SQL/req ${SUBGRAPH_NAMES.map(short).join(',')}`;
    const cpuHead = `CPU ms/req ${cpuOrder.map(short).join(',')}`;
    const head = ['shape', 'via', 'idle ms', 'req/s', 'p50 ms', 'p99 ms', 'errors', sqlHead, 'fetch', cpuHead];
    const widths = [5, 9, 7, 7, 7, 7, 6, sqlHead.length, 5, cpuHead.length];
    const right = new Set([2, 3, 4, 5, 6, 8]);
    const cells = (values: string[]) => values.map((v, i) => (right.has(i) ? padL(v, widths[i]) : pad(v, widths[i]))).join(' ');
    lines.push(cells(head));
    lines.push(widths.map((w) => '-'.repeat(w)).join(' '));
    const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
    const sqlCell = (sql: Record<SubgraphName, number>) => SUBGRAPH_NAMES.map((n) => num(sql[n])).join(', ');
    const cpuCell = (l: LoadResult) =>
      cpuOrder.map((n) => (Number.isFinite(l.cpuMsPerRequest[n]) ? l.cpuMsPerRequest[n].toFixed(1) : '-')).join(', ');
    for (const r of results) {
      const fetches = SUBGRAPH_NAMES.reduce((sum, n) => sum + r.fetchesPerRequest[n], 0);
      const row = (via: string, l: LoadResult, sql: string, f: string) =>
        cells([r.shape, via, fmt(l.idleP50, 2), fmt(l.rps), fmt(l.p50, 2), fmt(l.p99, 2), String(l.errors), sql, f, cpuCell(l)]);
      lines.push(row('gateway', r.gateway, sqlCell(r.sqlPerRequest), num(fetches)));
      if (r.direct) {
        const only = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, n === r.directSubgraph ? r.sqlPerRequest[n] : 0])) as Record<
          SubgraphName,
          number
        >;
        lines.push(row(r.directSubgraph, r.direct, sqlCell(only), '-'));
      }
    }
    lines.push('idle ms: one request at a time on the idle hub (median of 7); req/s, p50, p99, errors: under load;');
    lines.push('SQL/req and fetch (gateway → subgraph fetches): per request, exact; CPU ms/req: per process, under load.');
    lines.push('');
    for (const r of results) lines.push(`  ${r.shape}: ${r.title}`);
    lines.push('');
    lines.push('Checks against the targets of issue 5:');
    const totalErrors = results.reduce((sum, r) => sum + r.gateway.errors + (r.direct?.errors ?? 0), 0);
    lines.push(`  errors under load: ${totalErrors} (target 0)`);
    for (const r of results.filter((x) => x.pageSizes)) {
      const same = SUBGRAPH_NAMES.every((n) => r.pageSizes[10][n] === r.pageSizes[100][n]);
      lines.push(
        `  shape ${r.shape}: SQL/request at page size 10 [${sqlText(r.pageSizes[10])}], at 100 [${sqlText(r.pageSizes[100])}]: ${same ? 'identical' : 'DIFFERENT'}`,
      );
    }
    const d1 = results.find((r) => r.shape === 'd1');
    const d2 = results.find((r) => r.shape === 'd2');
    if (d1 && d2) {
      lines.push(
        `  deep page (d2) p50 / page 1 (d1) p50: ${fmt(d2.gateway.p50 / d1.gateway.p50, 2)}× through the gateway, ` +
          `${d1.direct && d2.direct ? fmt(d2.direct.p50 / d1.direct.p50, 2) : '-'}× direct (target ≤ 1.5×)`,
      );
    }
    const a = results.find((r) => r.shape === 'a');
    if (a?.direct) lines.push(`  shape a: gateway p50 / direct p50: ${fmt(a.gateway.p50 / a.direct.p50, 2)}× (target ≤ 2×)`);
    const gen = SUBGRAPH_NAMES.map((n) => prepared[n].generate).filter(Boolean) as GenerateResult[];
    if (gen.length) {
      const slowest = Math.max(...gen.map((g) => g.insertMs + g.analyzeMs));
      lines.push(
        `  data generation: ${fmt(slowest / 1000)} s for ${size.companies.toLocaleString('en')} companies (the four databases in parallel; target < 60 s)`,
      );
    } else {
      lines.push('  data generation: skipped (kept databases reused)');
    }
    lines.push('');
    if (peers.length) {
      lines.push(...peerTable(peers, options.connections));
      lines.push('');
    }
    lines.push('Peak memory (VmHWM): ' + services.map((sv) => `${sv.name} ${memory[sv.name]?.peakRssMb ?? '-'} MB`).join(', '));
    const opened = SUBGRAPH_NAMES.map((n) => `${n} ${results.reduce((sum, r) => sum + r.gateway.newConnections[n], 0)}`).join(', ');
    const served = results.reduce((sum, r) => sum + r.gateway.requests, 0);
    lines.push(`Connections the subgraphs accepted during the gateway runs (${served.toLocaleString('en')} requests): ${opened}`);
    process.stdout.write(lines.join('\n') + '\n');

    // ---- JSON
    const finishedAt = new Date();
    mkdirSync(config.resultsDir, { recursive: true });
    const file = join(config.resultsDir, `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          startedAt,
          finishedAt,
          commit: gitCommit(),
          machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
          loadAverage: { start: loadAtStart, end: loadavg() },
          options,
          size,
          database: config.databaseUrl ? 'BENCH_DATABASE_URL' : `embedded PostgreSQL on port ${config.embeddedPgPort}`,
          dataGeneration: prepared,
          inputs,
          results,
          peers,
          memory,
        },
        null,
        2,
      ) + '\n',
    );
    say(`results written to ${file}`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    say(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);

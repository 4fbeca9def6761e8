/**
 * `npm run scale-out`: the hub scaled out on one machine, with one replica of
 * every service killed under load.
 *
 *   npm run scale-out                         30 s of load, 8 requests in flight, kills at 10 s, restarts at 20 s
 *   npm run scale-out -- --seconds 60 --concurrency 16 --signal SIGKILL --no-restart
 *
 * 1. PostgreSQL: an embedded server (data in .partnerhub/scale-out, port
 *    SCALE_OUT_PG_PORT, 5497) or the server of SCALE_OUT_DATABASE_URL; fresh
 *    databases `partnerhub_scaleout_<subgraph>`, migrated and seeded with the
 *    demo data by the first replica of each subgraph.
 * 2. The development identity providers (tokens), two replicas of each
 *    subgraph and two gateways, every environment from platform/services.ts.
 *    Each pair sits behind a round-robin balancer on loopback (below); every
 *    service reaches a subgraph through its balancer; clients reach the
 *    gateways through the front balancer.
 * 3. A bounded load (`--concurrency` requests in flight) for `--seconds`:
 *    the README's question, anonymous and with a token, and createCompany
 *    writes with unique names and enterprise numbers as a vlaams-brabant editor.
 *    At a third of the run one replica of every service gets `--signal`
 *    (SIGTERM: it drains in-flight requests and exits, platform/http.ts); at two
 *    thirds it is started again (unless --no-restart).
 * 4. Every acknowledged write is read back through the front balancer.
 *    Exit 1 when any client request failed (HTTP error, transport error or
 *    GraphQL errors) or an acknowledged write is missing.
 *
 * The balancer follows HAProxy (`retry-on conn-failure` with `option
 * redispatch`) and nginx (`proxy_next_upstream error`, without
 * `non_idempotent`): a request whose connection was refused reached no replica
 * and goes to the other one whatever it is; a request that failed after it
 * was sent (reset, no answer) is retried only when it is an idempotent read — a
 * GET, or a POST whose every operation is a query — and never once a byte of
 * the answer went back to the client. A replica that failed is left out for
 * a few seconds.
 */
import { type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, type DocumentNode } from 'graphql';
import { int, optional, str, url } from '../platform/config';
import { VLAAMS_BRABANT } from '../platform/organisations';
import { serviceEnv, SERVICE_NAMES, SUBGRAPH_NAMES, type HubLayout, type ServiceName, type SubgraphName } from '../platform/services';
import { readTrustConfig } from '../platform/trust';
import { enterpriseNumberFromBase } from '../subgraphs/companies/validation';
import { developmentSignIn } from './identity/client';
import { writeDevelopmentTrustConfig } from './identity/development';
import { startEmbeddedPostgres } from './hub/embedded-postgres';
import { postgresServer, type PostgresServer } from './hub/postgres';
import { freePort, spawnService, stopAll, waitReady } from './hub/processes';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '8' },
    signal: { type: 'string', default: 'SIGTERM' },
    'no-restart': { type: 'boolean', default: false },
  },
});
const seconds = Number(args.seconds);
const concurrency = Number(args.concurrency);
if (!(seconds > 0) || !(concurrency >= 1)) throw new Error('--seconds and --concurrency must be positive numbers');
if (args.signal !== 'SIGTERM' && args.signal !== 'SIGKILL') throw new Error('--signal must be SIGTERM or SIGKILL');
const killSignal: NodeJS.Signals = args.signal;

const env = process.env;
const dataDir = str(env, 'SCALE_OUT_DATA_DIR', '.partnerhub/scale-out');
const adminUrl = optional(env, 'SCALE_OUT_DATABASE_URL') ? url(env, 'SCALE_OUT_DATABASE_URL') : undefined;
const pgPort = int(env, 'SCALE_OUT_PG_PORT', 5497, 1024);
const dbName = (name: SubgraphName) => `partnerhub_scaleout_${name}`;

function say(message: string) {
  process.stdout.write(`[scale-out] ${message}\n`);
}

// ------------------------------------------------------------------ balancer

/** Whether a request may be sent again after it reached a replica: a GET, or a POST of queries only. */
function idempotent(method: string | undefined, body: Buffer): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  try {
    const payload = JSON.parse(body.toString('utf8')) as { query?: unknown } | { query?: unknown }[];
    return (Array.isArray(payload) ? payload : [payload]).every((p) => {
      if (typeof p.query !== 'string') return false;
      const doc: DocumentNode = parse(p.query);
      return doc.definitions.every((d) => d.kind !== 'OperationDefinition' || d.operation === 'query');
    });
  } catch {
    return false;
  }
}

interface Replica {
  port: number;
  downUntil: number;
}

interface BalancerStats {
  requests: number;
  redispatched: number;
  failed: number;
}

const DOWN_MS = 3_000;

/** A round-robin HTTP balancer on 127.0.0.1 over `ports`. */
function startBalancer(name: string, ports: number[]): Promise<{ server: Server; port: number; stats: BalancerStats }> {
  const replicas: Replica[] = ports.map((port) => ({ port, downUntil: 0 }));
  const stats: BalancerStats = { requests: 0, redispatched: 0, failed: 0 };
  let next = 0;
  const pick = (tried: Set<Replica>): Replica | undefined => {
    const now = Date.now();
    const candidates = replicas.filter((r) => !tried.has(r));
    const live = candidates.filter((r) => r.downUntil <= now);
    const pool = live.length ? live : candidates;
    if (!pool.length) return undefined;
    return pool[next++ % pool.length];
  };
  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    stats.requests++;
    const retryable = idempotent(req.method, body);
    const tried = new Set<Replica>();
    const attempt = () => {
      const replica = pick(tried);
      if (!replica) {
        stats.failed++;
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`${name}: no replica answered`);
        return;
      }
      tried.add(replica);
      let connected = false;
      const upstream = request(
        {
          host: '127.0.0.1',
          port: replica.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, connection: 'close' },
          agent: false,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('error', () => res.destroy());
        },
      );
      upstream.on('socket', (socket) => socket.once('connect', () => (connected = true)));
      upstream.on('error', () => {
        replica.downUntil = Date.now() + DOWN_MS;
        // Nothing reached the replica (refused), or a read that reached it and got no answer yet: the other replica.
        if (!res.headersSent && (!connected || retryable)) {
          stats.redispatched++;
          attempt();
        } else {
          stats.failed++;
          res.destroy();
        }
      });
      upstream.end(body);
    };
    attempt();
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolveStart) =>
    server.listen(0, '127.0.0.1', () => resolveStart({ server, port: (server.address() as { port: number }).port, stats })),
  );
}

// ------------------------------------------------------------------ the hub

type ReplicaName = SubgraphName | 'gateway';
const REPLICATED: ReplicaName[] = [...SUBGRAPH_NAMES, 'gateway'];

interface Running {
  name: ReplicaName;
  index: number;
  port: number;
  proc: ChildProcess;
}

async function startServer(): Promise<PostgresServer> {
  if (adminUrl) return postgresServer(adminUrl);
  say(`starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in ${join(dataDir, 'pg')})`);
  return startEmbeddedPostgres(join(dataDir, 'pg'), pgPort);
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const README_QUESTION = `{
  companyByEnterpriseNumber(enterpriseNumber: "BE 0832.531.697") {
    name municipality
    clusters { code name(lang: NL) }
    suggestedPartners(limit: 2) { score sharedDomains partner { nameEn nameZh district } }
    projects { title status partners { nameZh } events { title startsAt } }
  }
}`;
const CREATE = `mutation ($input: CreateCompanyInput!) { createCompany(input: $input) { id name } }`;
const READ_BACK = `query ($id: ID!) { company(id: $id) { id name } }`;

interface Outcome {
  ok: boolean;
  ms: number;
  data?: Record<string, unknown>;
  error?: string;
}

async function ask(endpoint: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Outcome> {
  const started = performance.now();
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (!res.ok) return { ok: false, ms, error: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (body.errors?.length) return { ok: false, ms, data: body.data, error: `GraphQL: ${body.errors[0].message}` };
    return { ok: true, ms, data: body.data };
  } catch (err) {
    return { ok: false, ms: performance.now() - started, error: `transport: ${err instanceof Error ? err.message : String(err)}` };
  }
}

async function main() {
  const server = await startServer();
  const procs: ChildProcess[] = [];
  const balancers: Server[] = [];
  try {
    for (const name of SUBGRAPH_NAMES) {
      await server.dropDatabase(dbName(name));
      await server.ensureDatabase(dbName(name));
    }
    const ports = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (n) => [n, await freePort()]))) as Record<
      ServiceName,
      number
    >;
    const replicaPorts = Object.fromEntries(
      await Promise.all(REPLICATED.map(async (n) => [n, [await freePort(), await freePort()]])),
    ) as Record<ReplicaName, number[]>;
    const front = new Map<ReplicaName, Awaited<ReturnType<typeof startBalancer>>>();
    for (const name of REPLICATED) {
      const b = await startBalancer(name, replicaPorts[name]);
      front.set(name, b);
      balancers.push(b.server);
      ports[name] = b.port;
    }
    const trustPath = writeDevelopmentTrustConfig(resolve(dataDir, 'trust.json'), { origin: `http://127.0.0.1:${ports.identity}` });
    const layout: HubLayout = {
      ports,
      databaseUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, server.urlFor(dbName(n))])),
      common: {
        ...env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        HUB_TRUST_CONFIG: trustPath,
        IDENTITY_KEYS_DIR: resolve(dataDir, 'identity'),
        SEED_DEMO_DATA: 'true',
        OPS_TOKEN: randomBytes(16).toString('hex'),
        // Every read reaches the subgraphs, so a killed replica is felt; the load comes from one address.
        RESPONSE_CACHE: 'false',
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
        RATE_LIMIT_ORGANISATION_PER_MINUTE: '0',
      },
    };
    /** One replica: the service's environment from platform/services.ts, with the replica's own port. */
    const spawnReplica = (name: ReplicaName, index: number): Running => {
      const port = replicaPorts[name][index];
      const proc = spawnService(name, serviceEnv(name, { ...layout, ports: { ...ports, [name]: port } }), ['ignore', 'ignore', 'inherit']);
      procs.push(proc);
      return { name, index, port, proc };
    };
    const identity = spawnService('identity', serviceEnv('identity', layout), ['ignore', 'ignore', 'inherit']);
    procs.push(identity);
    await waitReady('identity', ports.identity, identity);
    say('starting two replicas of each subgraph (the first migrates and seeds)');
    const running = new Map<string, Running>();
    const key = (name: ReplicaName, index: number) => `${name}#${index}`;
    const startReplica = async (name: ReplicaName, index: number) => {
      const r = spawnReplica(name, index);
      running.set(key(name, index), r);
      await waitReady(`${name}#${index}`, r.port, r.proc);
    };
    await Promise.all(SUBGRAPH_NAMES.map((n) => startReplica(n, 0)));
    await Promise.all(SUBGRAPH_NAMES.map((n) => startReplica(n, 1)));
    await Promise.all([startReplica('gateway', 0), startReplica('gateway', 1)]);
    const endpoint = `http://127.0.0.1:${ports.gateway}/graphql`;
    const issuer = readTrustConfig(trustPath).organisations.find((o) => o.id === VLAAMS_BRABANT)!.issuer;
    const reader = await developmentSignIn(issuer, { sub: 'scale-out-reader', roles: [] });
    const editor = await developmentSignIn(issuer, { sub: 'scale-out-editor', roles: ['editor'] });
    const check = await ask(endpoint, README_QUESTION, {});
    if (!check.ok) throw new Error(`the README's question failed before the load: ${check.error}`);
    say(`ready: ${REPLICATED.length * 2} replicas behind ${REPLICATED.length} balancers; ${seconds} s of load, ${concurrency} in flight`);

    // ---------------------------------------------------------------- load
    const reads: number[] = [];
    const writes: number[] = [];
    const failures: { kind: string; error: string; at: number }[] = [];
    const acknowledged: { id: string; name: string }[] = [];
    let unacknowledged = 0;
    const runId = randomBytes(3).toString('hex');
    // Enterprise numbers from a base unlikely to meet the demo data's or an earlier run's.
    let nextBase = 10_000_000 + Math.floor(Math.random() * 9_000_000);
    let sequence = 0;
    const t0 = Date.now();
    const end = t0 + seconds * 1000;
    const events: string[] = [];
    const at = () => ((Date.now() - t0) / 1000).toFixed(1);
    const loadAvgBefore = loadavg();

    const one = async () => {
      const n = sequence++;
      if (n % 4 === 3) {
        const name = `Scale-out ${runId} ${n}`;
        const input = {
          enterpriseNumber: enterpriseNumberFromBase(nextBase++ % 20_000_000),
          name,
          municipality: 'Leuven',
          postalCode: '3000',
          employees: 5,
          cleantechDomains: ['WATER_TREATMENT'],
          chinaStatus: 'NOT_ACTIVE',
        };
        const r = await ask(endpoint, CREATE, { input }, editor);
        const created = r.data?.createCompany as { id: string; name: string } | undefined;
        if (r.ok && created) {
          writes.push(r.ms);
          acknowledged.push(created);
        } else {
          if (!r.error?.startsWith('GraphQL')) unacknowledged++;
          failures.push({ kind: 'write', error: r.error ?? 'no data', at: Number(at()) });
        }
      } else {
        const r = await ask(endpoint, README_QUESTION, {}, n % 2 ? reader : undefined);
        const answered = (r.data?.companyByEnterpriseNumber as { name?: string } | null)?.name === 'AquaNova Filtration';
        if (r.ok && answered) reads.push(r.ms);
        else failures.push({ kind: 'read', error: r.error ?? 'wrong answer', at: Number(at()) });
      }
    };
    const worker = async () => {
      while (Date.now() < end) await one();
    };
    const chaos = (async () => {
      await new Promise((r) => setTimeout(r, (seconds * 1000) / 3));
      const victims = REPLICATED.map((n) => running.get(key(n, 0))!);
      events.push(`${at()} s: ${killSignal} to replica #0 of ${REPLICATED.join(', ')}`);
      await Promise.all(
        victims.map(
          (v) =>
            new Promise<void>((done) => {
              v.proc.once('exit', () => done());
              v.proc.kill(killSignal);
            }),
        ),
      );
      events.push(`${at()} s: all of them exited`);
      if (args['no-restart']) return;
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + (seconds * 2000) / 3 - Date.now())));
      events.push(`${at()} s: restarting replica #0 of every service`);
      await Promise.all(SUBGRAPH_NAMES.map((n) => startReplica(n, 0)));
      await startReplica('gateway', 0);
      events.push(`${at()} s: all of them ready again`);
    })();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = (Date.now() - t0) / 1000;
    await chaos;
    const loadAvgAfter = loadavg();

    // ---------------------------------------------------------------- read back
    let missing = 0;
    for (const w of acknowledged) {
      const r = await ask(endpoint, READ_BACK, { id: w.id }, reader);
      if (!r.ok || (r.data?.company as { name?: string } | null)?.name !== w.name) {
        missing++;
        say(`missing acknowledged write ${w.id} (${w.name}): ${r.error ?? 'not found'}`);
      }
    }

    // ---------------------------------------------------------------- report
    const all = [...reads, ...writes].sort((a, b) => a - b);
    const sortedReads = [...reads].sort((a, b) => a - b);
    const sortedWrites = [...writes].sort((a, b) => a - b);
    const readFailures = failures.filter((f) => f.kind === 'read').length;
    const writeFailures = failures.filter((f) => f.kind === 'write').length;
    const total = all.length + failures.length;
    for (const e of events) say(e);
    for (const f of failures.slice(0, 10)) say(`failed ${f.kind} at ${f.at} s: ${f.error}`);
    const rows: [string, string][] = [
      [
        'duration',
        `${elapsed.toFixed(1)} s, ${concurrency} in flight, kill signal ${killSignal}${args['no-restart'] ? ', no restart' : ''}`,
      ],
      ['client requests', `${total} (${(total / elapsed).toFixed(1)} req/s)`],
      ['reads ok / failed', `${reads.length} / ${readFailures}`],
      ['writes acknowledged / failed', `${writes.length} / ${writeFailures} (of which without an answer: ${unacknowledged})`],
      ['acknowledged writes missing', String(missing)],
      ['latency p50 / p99 (all)', `${percentile(all, 50).toFixed(0)} / ${percentile(all, 99).toFixed(0)} ms`],
      ['latency p50 / p99 (reads)', `${percentile(sortedReads, 50).toFixed(0)} / ${percentile(sortedReads, 99).toFixed(0)} ms`],
      ['latency p50 / p99 (writes)', `${percentile(sortedWrites, 50).toFixed(0)} / ${percentile(sortedWrites, 99).toFixed(0)} ms`],
      ...[...front].map(([name, b]): [string, string] => [
        `balancer ${name}`,
        `${b.stats.requests} requests, ${b.stats.redispatched} sent to the other replica, ${b.stats.failed} failed`,
      ]),
      [
        'machine',
        `${cpus().length} cores, load average ${loadAvgBefore[0].toFixed(2)} before, ${loadAvgAfter[0].toFixed(2)} after (1 min)`,
      ],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
    const failed = failures.length > 0 || missing > 0;
    say(
      failed
        ? 'FAILED: a client request failed or an acknowledged write is missing'
        : 'OK: no failed client request, every acknowledged write present',
    );
    return failed ? 1 : 0;
  } finally {
    for (const b of balancers) b.closeAllConnections();
    await stopAll(procs, 10_000);
    for (const b of balancers) b.close();
    await server.stop().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    say(`failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

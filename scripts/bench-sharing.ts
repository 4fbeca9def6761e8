/**
 * What enforcing sharing agreements and recording disclosures cost, measured
 * on a running hub with the demo data and its development providers (`npm start`):
 *
 *   npm run build && node dist/scripts/bench-sharing.js [--url URL] [--seconds 10] [--connections 8] [--rounds 3] [--sequential 200] [--pin-postgres]
 *
 * Three ways to read one page of 20 companies through the gateway, each driven
 * by autocannon for the same time: without contacts (no agreement in play), the
 * contacts as their owner vlaams-brabant (no registry lookup, nothing
 * recorded), and the contacts as chengdu under the demo agreement with
 * Hub-Purpose MATCHMAKING (the agreements kept while the companies subgraph
 * follows the registry's change feed, or one registry lookup per companies
 * request with AGREEMENT_CACHE_MS=0, and one disclosure record per company
 * shown, written in one INSERT per request: issue 14).
 * Prints requests per second, latency, CPU per request of the gateway, the
 * companies and registry subgraphs and the embedded PostgreSQL (from their
 * /metrics and /proc), the registry lookups, agreement cache hits and
 * disclosure records per request, the disclosure writes (requests per write,
 * mean time; the group commit's metrics), and how busy the whole machine was; then
 * the ratio of the agreement run to the owner's run (issue 14's target: at
 * least 0.8 of the owner's throughput), the median over `--rounds` rounds in
 * which the two alternate A B B A (one run after the other on a shared
 * machine swung the ratio from 0.5 to 1.3). The services' ports and
 * databases come from the same environment as `npm start`'s.
 *
 * `--pin-postgres` runs the embedded PostgreSQL on the machine's last core and
 * the launcher, its services and the bench on the others (taskset), as in a
 * deployment where the database has its own host (docker-compose, Kubernetes):
 * the ratio then shows what recording costs the hub's own processes, with the
 * database's CPU still counted apart. The cores are given back at the end.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { developmentSignIn } from './identity/client';
import { CHENGDU, VLAAMS_BRABANT } from '../platform/organisations';
import type { ServiceName } from '../platform/services';
import { readTrustConfig } from '../platform/trust';
import { metricSum } from './bench/metrics';
import { parentPid, processTree, processTreeCpuSeconds } from './bench/peer';
import { loadLauncherConfig } from './hub/config';
import { launcherDatabaseUrl } from './hub/embedded-postgres';
import { withClient } from './hub/postgres';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<{
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}>;

const PAGE = (contact: boolean) =>
  JSON.stringify({ query: `{ companies(first: 20) { edges { node { id name ${contact ? 'contact { email }' : ''} } } } }` });

/** The processes whose CPU is counted. */
const MEASURED = ['gateway', 'companies', 'registry'] as const satisfies readonly ServiceName[];

interface Sample {
  cpu: Record<(typeof MEASURED)[number] | 'postgres', number>;
  registryRequests: number;
  /** Restricted reads the companies subgraph decided on agreements kept while it follows the registry's feed. */
  cacheHits: number;
  /** The companies subgraph's disclosure writes (group commit): statements, their summed seconds, the requests they carried. */
  writes: { count: number; seconds: number; requests: number };
  disclosures: number;
}

async function main() {
  const launcher = loadLauncherConfig();
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: `http://localhost:${launcher.ports.gateway}/graphql` },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '8' },
      sequential: { type: 'string', default: '200' },
      rounds: { type: 'string', default: '3' },
      'pin-postgres': { type: 'boolean', default: false },
    },
  });
  const trustPath = launcher.trustConfig ?? launcher.developmentTrustPath;
  if (!existsSync(trustPath)) throw new Error(`${trustPath} does not exist: start the hub with \`npm start\` first.`);
  const trust = readTrustConfig(trustPath);
  const issuer = (org: string) => trust.organisations.find((o) => o.id === org)!.issuer;
  const owner = await developmentSignIn(issuer(VLAAMS_BRABANT), { sub: 'bench-owner', roles: [] });
  const partner = await developmentSignIn(issuer(CHENGDU), { sub: 'bench-partner', roles: [] });
  const companiesDb = launcherDatabaseUrl(launcher, 'companies');
  const postgresPid = () => {
    try {
      return Number(readFileSync(join(launcher.dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return undefined;
    }
  };
  const metricsOf = async (n: ServiceName) => (await fetch(`http://127.0.0.1:${launcher.ports[n]}/metrics`)).text();
  const sample = async (): Promise<Sample> => {
    const texts = Object.fromEntries(await Promise.all(MEASURED.map(async (n) => [n, await metricsOf(n)]))) as Record<
      (typeof MEASURED)[number],
      string
    >;
    const pid = launcher.databaseUrls.companies ? undefined : postgresPid();
    return {
      cpu: {
        gateway: metricSum(texts.gateway, 'process_cpu_seconds_total'),
        companies: metricSum(texts.companies, 'process_cpu_seconds_total'),
        registry: metricSum(texts.registry, 'process_cpu_seconds_total'),
        postgres: pid ? processTreeCpuSeconds(pid) : NaN,
      },
      registryRequests: metricSum(texts.registry, 'hub_graphql_requests_total'),
      cacheHits: metricSum(texts.companies, 'hub_agreement_cache_hits_total'),
      writes: {
        count: metricSum(texts.companies, 'hub_disclosure_write_duration_seconds_count', ['outcome', 'recorded']),
        seconds: metricSum(texts.companies, 'hub_disclosure_write_duration_seconds_sum', ['outcome', 'recorded']),
        requests: metricSum(texts.companies, 'hub_disclosure_write_requests_total'),
      },
      disclosures: await withClient(companiesDb, async (c) => Number((await c.query('SELECT count(*) AS n FROM disclosure')).rows[0].n)),
    };
  };

  const postmaster = postgresPid();
  if (values['pin-postgres'] && (launcher.databaseUrls.companies || !postmaster)) {
    throw new Error('--pin-postgres pins the embedded PostgreSQL of a running `npm start`: there is none here.');
  }
  // Given back however the bench ends (the exit handlers run synchronously, as taskset does).
  if (values['pin-postgres']) process.once('exit', pinPostgres(postmaster!));

  const runs: Record<'names' | 'owner' | 'agreement', [string, string, Record<string, string>]> = {
    names: ['no contacts (chengdu)', PAGE(false), { authorization: `Bearer ${partner}` }],
    owner: ['contacts as owner (vlaams-brabant)', PAGE(true), { authorization: `Bearer ${owner}` }],
    agreement: [
      'contacts under agreement (chengdu, MATCHMAKING)',
      PAGE(true),
      { authorization: `Bearer ${partner}`, 'hub-purpose': 'MATCHMAKING' },
    ],
  };
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number of at least 1');
  console.log(
    `${values.seconds} s per run, ${values.connections} connections, page of 20 companies via ${values.url}; ` +
      `${rounds} round(s) of owner and agreement, interleaved A B B A`,
  );

  const measure = async (label: string, body: string, headers: Record<string, string>) => {
    const check = (await (
      await fetch(values.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
    ).json()) as {
      errors?: unknown[];
    };
    if (check.errors) throw new Error(`${label}: ${JSON.stringify(check.errors).slice(0, 300)}`);
    const before = await sample();
    const machineBefore = machineCpu();
    const r = await autocannon({
      url: values.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      connections: Number(values.connections),
      duration: Number(values.seconds),
    });
    const machineAfter = machineCpu();
    const after = await sample();
    const failed = r.errors + r.non2xx;
    if (failed > 0) {
      // Refused requests are cheap and fast: a ratio over them would flatter whichever run had more.
      throw new Error(
        `${label}: ${failed} of ${r.requests.total} requests failed (transport errors or non-2xx, such as 429 RATE_LIMITED): ` +
          'no figures. Start the hub with RATE_LIMIT_ORGANISATION_PER_MINUTE=0 for this bench (12,000 a minute per organisation by default).',
      );
    }
    const n = Math.max(1, r.requests.total);
    const cpuMs = Object.fromEntries(
      Object.keys(before.cpu).map((k) => [k, ((after.cpu[k as keyof Sample['cpu']] - before.cpu[k as keyof Sample['cpu']]) * 1000) / n]),
    ) as Record<keyof Sample['cpu'], number>;
    const totalCpu = Object.values(cpuMs)
      .filter((v) => !Number.isNaN(v))
      .reduce((a, b) => a + b, 0);
    const writes = after.writes.count - before.writes.count;
    const busy = (machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total);
    // One request at a time: the added latency, without queueing behind other requests.
    const times: number[] = [];
    for (let i = 0; i < Number(values.sequential); i++) {
      const started = performance.now();
      await (await fetch(values.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).arrayBuffer();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(48)} ${r.requests.average.toFixed(0).padStart(5)} req/s  p50 ${String(r.latency.p50).padStart(3)} ms  p99 ${String(r.latency.p99).padStart(3)} ms  ` +
        `errors 0  machine busy ${(busy * 100).toFixed(0)} %  one at a time: median ${times.length ? times[times.length >> 1].toFixed(1) : '-'} ms`,
    );
    console.log(
      `${''.padEnd(48)} CPU ms/request: ${Object.entries(cpuMs)
        .map(([k, v]) => `${k} ${Number.isNaN(v) ? 'n/a' : v.toFixed(2)}`)
        .join(', ')}, total ${totalCpu.toFixed(2)}  ` +
        `registry lookups/request ${((after.registryRequests - before.registryRequests) / n).toFixed(3)}  ` +
        `agreement cache hits/request ${((after.cacheHits - before.cacheHits) / n).toFixed(3)}  ` +
        `disclosure records/request ${((after.disclosures - before.disclosures) / n).toFixed(2)}` +
        (writes > 0
          ? `  disclosure writes: ${((after.writes.requests - before.writes.requests) / writes).toFixed(2)} requests each, ` +
            `mean ${(((after.writes.seconds - before.writes.seconds) / writes) * 1000).toFixed(2)} ms`
          : ''),
    );
    return { rps: r.requests.average, cpuMs: totalCpu };
  };

  await measure(...runs.names);
  // Owner and agreement alternate A B B A…, so that what else the machine does falls on both alike.
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['owner', 'agreement'] as const) : (['agreement', 'owner'] as const);
    const got: Partial<Record<'owner' | 'agreement', { rps: number; cpuMs: number }>> = {};
    for (const which of order) got[which] = await measure(...runs[which]);
    ratios.push(got.agreement!.rps / got.owner!.rps);
    cpuRatios.push(got.agreement!.cpuMs / got.owner!.cpuMs);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(
    `agreement / owner: throughput ${median(ratios).toFixed(2)} (median of ${rounds}; ${ratios.map((x) => x.toFixed(2)).join(', ')}; target >= 0.80), ` +
      `CPU per request ${median(cpuRatios).toFixed(2)}x`,
  );
}

/**
 * The postmaster and its backends (new ones inherit its cores) on the last
 * core; the launcher (the postmaster's parent), its other children and this
 * process on the rest. Answers how to give every process all cores back.
 */
function pinPostgres(postmaster: number): () => void {
  const cpus = availableParallelism();
  if (cpus < 2) throw new Error('--pin-postgres needs at least two cores');
  const hub = parentPid(postmaster);
  const taskset = (pid: number, list: string) =>
    execFileSync('taskset', ['--all-tasks', '--pid', '--cpu-list', list, String(pid)], { stdio: 'ignore' });
  const pin = (pids: number[], list: string) => {
    for (const pid of pids) {
      try {
        taskset(pid, list);
      } catch {
        /* gone meanwhile */
      }
    }
  };
  const rest = cpus === 2 ? '0' : `0-${cpus - 2}`;
  taskset(postmaster, String(cpus - 1)); // fails loudly (no taskset, no rights) before anything is measured
  pin(processTree(postmaster), String(cpus - 1));
  pin([...processTree(hub).filter((p) => p !== postmaster), process.pid], rest);
  console.log(
    `PostgreSQL (pid ${postmaster} and its backends) on core ${cpus - 1}; the hub (pid ${hub}, its services) and the bench on ${rest}`,
  );
  return () => pin([...processTree(postmaster), ...processTree(hub), process.pid], `0-${cpus - 1}`);
}

/** Busy and total jiffies of the whole machine since boot (/proc/stat; idle and iowait count as not busy). */
function machineCpu(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - fields[4], total };
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

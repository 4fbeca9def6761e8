/**
 * The bench's peer comparison (issue 15, item 7): every shape through our
 * gateway and through Hive Gateway (scripts/bench/hive.ts) on the same
 * subgraphs, databases and supergraph, in the same run, interleaved A B B A so
 * that whatever else the shared machine does falls on both alike, in two modes:
 *
 * - `identical`: every connection sends the same request with the same token
 *   (what a wall of dashboards sends; merging in-flight fetches pays here);
 * - `tokens`: each connection has its own token (another `sub`), so no two
 *   connections' subgraph fetches are the same and nothing can be merged.
 *
 * CPU per request is summed over every process of the hub (the gateway under
 * load, the other one idle, the subgraphs, PostgreSQL): it moves much less
 * than req/s when the machine is shared.
 *
 * Requests per second are the load generator's closed-loop rate, taken from
 * the latencies (Little's law: connections ÷ mean latency), not from
 * counting the answers that came back inside the run: at a few requests per
 * second per connection and runs of 1.5 s (`--quick`), each connection
 * finishes 1 or 2 requests, and whether its last one lands inside the run
 * moved the counted rate by up to a third between two runs of the same
 * gateway. Both figures are in the JSON (`rps`, `countedRps`).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export type PeerMode = 'identical' | 'tokens';
export const PEER_MODES: PeerMode[] = ['identical', 'tokens'];
export type PeerName = 'ours' | 'hive';

type Autocannon = (opts: Record<string, unknown>) => PromiseLike<{
  requests: { total: number };
  errors: number;
  non2xx: number;
  duration: number;
}> & {
  on(event: 'response', fn: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface LoadRun {
  /** 2xx answers. */
  answered: number;
  /** Sum of the latencies of every answer, 2xx or not (ms): the time the connections were busy. */
  busyMs: number;
  /** Transport errors and non-2xx answers. */
  errors: number;
  seconds: number;
  latencies: number[];
}

/**
 * `connections` connections posting `body` for `seconds`: with one token, one
 * autocannon with all connections; with several, one autocannon per
 * connection, each with its own token.
 */
export async function loadWithTokens(url: string, body: string, tokens: string[], connections: number, seconds: number): Promise<LoadRun> {
  const perConnection = tokens.length > 1;
  const latencies: number[] = [];
  let busyMs = 0;
  const runs = await Promise.all(
    (perConnection ? tokens.slice(0, connections) : [tokens[0]]).map((token) => {
      const instance = autocannon({
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        connections: perConnection ? 1 : connections,
        duration: seconds,
        timeout: 30,
      });
      instance.on('response', (_c, status, _b, ms) => {
        busyMs += ms;
        if (status >= 200 && status < 300) latencies.push(ms);
      });
      return instance;
    }),
  );
  return {
    answered: latencies.length,
    busyMs,
    errors: runs.reduce((s, r) => s + r.errors + r.non2xx, 0),
    seconds: Math.max(...runs.map((r) => r.duration)),
    latencies,
  };
}

/** CPU seconds a process has used so far (utime + stime of /proc/<pid>/stat). */
export function processCpuSeconds(pid: number | undefined): number {
  const fields = pid ? statFields(pid) : undefined;
  return fields ? (Number(fields[11]) + Number(fields[12])) / clockTicks() : NaN;
}

let ticks: number | undefined;
function clockTicks(): number {
  ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticks;
}

/** `/proc/<pid>/stat` fields after the command (state first), or undefined when the process is gone. */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone meanwhile
  }
}

/** The parent of a process (0 when it is gone). */
export const parentPid = (pid: number): number => Number(statFields(pid)?.[1] ?? 0);

/** A process and its direct children (the postmaster and its backends; the launcher and its services). */
export function processTree(root: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (Number(entry) === root || Number(statFields(entry)?.[1]) === root) pids.push(Number(entry));
  }
  return pids;
}

/** CPU seconds of a process and all its children (the postmaster and its backends). */
export function processTreeCpuSeconds(root: number): number {
  let total = 0;
  for (const pid of processTree(root)) {
    const fields = statFields(pid);
    // utime, stime, cutime, cstime: fields 14-17 of stat, 12-15 after the command.
    if (fields) total += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return total / clockTicks();
}

export interface PeerFigures {
  /** Connections ÷ mean latency (Little's law; see above). */
  rps: number;
  /** Answers counted inside the runs ÷ the runs' seconds. */
  countedRps: number;
  p50: number;
  errors: number;
  requests: number;
  /** CPU ms per request, all processes of the hub together. */
  cpuMsPerRequest: number;
  /** CPU ms per request of the gateway process under load alone. */
  gatewayCpuMsPerRequest: number;
  /** GraphQL requests the subgraphs served per gateway request (fewer than the plan's fetches when identical ones were merged). */
  subgraphRequestsPerRequest: number;
}

export interface PeerResult {
  shape: string;
  mode: PeerMode;
  ours: PeerFigures;
  hive: PeerFigures;
  /** ours / hive req/s: ≥ 1 means ours served at least as many. */
  ratio: number;
  /** The same from the counted answers. */
  countedRatio: number;
}

export interface PeerSetup {
  urls: Record<PeerName, string>;
  /** CPU seconds so far per process: `gateway`, `hive`, each subgraph, `postgres`. */
  cpu(): Promise<Record<string, number>>;
  /** GraphQL requests the subgraphs have served so far, all together. */
  subgraphRequests(): Promise<number>;
  /** Waits until the hub is idle between runs. */
  settle(): Promise<void>;
  connections: number;
  warmupSeconds: number;
  /** Seconds per gateway and round; split over its two runs of A B B A. */
  seconds: number;
  /**
   * Rounds of A B B A (`--peer-rounds`, default 1). On a shared machine other
   * work comes in bursts of a few seconds that can fall on one gateway's run
   * only; more rounds spread them over both.
   */
  rounds?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One shape in one mode through both gateways: warm-up of each, then A B B A (`rounds` times), each run half the time. */
export async function comparePeers(setup: PeerSetup, shape: string, mode: PeerMode, body: string, tokens: string[]): Promise<PeerResult> {
  for (const name of ['ours', 'hive'] as const)
    await loadWithTokens(setup.urls[name], body, tokens, setup.connections, setup.warmupSeconds);
  const acc = {
    ours: { answered: 0, errors: 0, seconds: 0, busyMs: 0, latencies: [] as number[], cpu: 0, gwCpu: 0, fetches: 0 },
    hive: { answered: 0, errors: 0, seconds: 0, busyMs: 0, latencies: [] as number[], cpu: 0, gwCpu: 0, fetches: 0 },
  };
  const half = Math.max(1, setup.seconds / 2);
  const order = Array.from({ length: Math.max(1, setup.rounds ?? 1) }, () => ['ours', 'hive', 'hive', 'ours'] as const).flat();
  for (const name of order) {
    await setup.settle();
    const [before, fetchesBefore] = [await setup.cpu(), await setup.subgraphRequests()];
    const run = await loadWithTokens(setup.urls[name], body, tokens, setup.connections, half);
    const [after, fetchesAfter] = [await setup.cpu(), await setup.subgraphRequests()];
    const a = acc[name];
    a.fetches += fetchesAfter - fetchesBefore;
    a.busyMs += run.busyMs;
    a.answered += run.answered;
    a.errors += run.errors;
    a.seconds += run.seconds;
    a.latencies.push(...run.latencies);
    for (const k of Object.keys(after)) if (Number.isFinite(after[k] - before[k])) a.cpu += after[k] - before[k];
    const gw = name === 'ours' ? 'gateway' : 'hive';
    a.gwCpu += after[gw] - before[gw];
  }
  const figures = (name: PeerName): PeerFigures => {
    const a = acc[name];
    const n = Math.max(1, a.answered);
    return {
      rps: round(a.busyMs > 0 ? (setup.connections * a.answered) / (a.busyMs / 1000) : 0),
      countedRps: round(a.answered / a.seconds),
      p50: round(median(a.latencies), 2),
      errors: a.errors,
      requests: a.answered,
      cpuMsPerRequest: round((a.cpu * 1000) / n, 2),
      gatewayCpuMsPerRequest: round((a.gwCpu * 1000) / n, 2),
      subgraphRequestsPerRequest: round(a.fetches / n, 2),
    };
  };
  const ours = figures('ours');
  const hive = figures('hive');
  return { shape, mode, ours, hive, ratio: round(ours.rps / hive.rps, 2), countedRatio: round(ours.countedRps / hive.countedRps, 2) };
}

/** The peer table of the bench's report. */
export function peerTable(results: PeerResult[], connections: number): string[] {
  const lines = [
    `Peer comparison: our gateway and Hive Gateway on the same subgraphs, interleaved A B B A, ${connections} connections;`,
    'identical = the same request and token on every connection; tokens = a token of its own per connection.',
    "req/s: connections ÷ mean latency (Little's law); counted: answers inside the runs ÷ seconds.",
    'CPU ms/req: all processes of the hub together (gw: the gateway process alone). sub/req: requests the subgraphs served per request.',
    '',
    'shape mode      ours req/s  hive req/s  ratio  counted  ours p50  hive p50  ours CPU  hive CPU  ours gw  hive gw  ours sub/req  hive sub/req  errors',
  ];
  const n = (x: number, w: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-').padStart(w);
  for (const r of results) {
    lines.push(
      `${r.shape.padEnd(5)} ${r.mode.padEnd(9)} ${n(r.ours.rps, 10)} ${n(r.hive.rps, 11)} ${n(r.ratio, 6, 2)} ${n(r.countedRatio, 8, 2)} ` +
        `${n(r.ours.p50, 9)} ${n(r.hive.p50, 9)} ${n(r.ours.cpuMsPerRequest, 9)} ${n(r.hive.cpuMsPerRequest, 9)} ` +
        `${n(r.ours.gatewayCpuMsPerRequest, 8)} ${n(r.hive.gatewayCpuMsPerRequest, 8)} ` +
        `${n(r.ours.subgraphRequestsPerRequest, 13, 2)} ${n(r.hive.subgraphRequestsPerRequest, 13, 2)} ${String(r.ours.errors + r.hive.errors).padStart(7)}`,
    );
  }
  const behind = results.filter((r) => !(r.ratio >= 1));
  lines.push(
    behind.length === 0
      ? 'Target (ours ≥ Hive on every shape, both modes): met'
      : `Target (ours ≥ Hive on every shape, both modes): NOT met on ${behind.map((r) => `${r.shape}/${r.mode} (${r.ratio}×)`).join(', ')}`,
  );
  return lines;
}

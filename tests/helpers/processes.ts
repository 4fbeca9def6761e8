/**
 * Real processes for the operations tests (tests/integration/ops-*.test.ts):
 * each subgraph and the gateway run as their own `node` process, exactly the
 * entry points a deployment runs, on free loopback ports, with their
 * configuration in the environment only. Sources are loaded with
 * @swc-node/register (decorator metadata as tsc emits it), so no build is needed.
 *
 * Also here: a TCP proxy in front of PostgreSQL that a test can cut, restore
 * and slow down, and a server that accepts connections and never answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { ROOT } from '../../platform/paths';
import { createInterface } from 'node:readline';
import { entryOf, portKey, SERVICE_NAMES, serviceEnv, type Env, type ServiceName, type SubgraphName } from '../../platform/services';
import { readFileSync, rmSync } from 'node:fs';
import { freePort, prepareTestTrust, RATE_LIMITS_OFF, TestDatabases, trustEnv, type TestTrust } from './hub';

export { ROOT };

export type { ServiceName };

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false | null>,
  timeoutMs = 60_000,
  everyMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}

/** The operations token of every ProcessHub (production mode closes /metrics and the detailed /ready without one). */
export const OPS_TOKEN = 'process-hub-ops-token';

/** GET with the operations token: the detailed `/ready` and `/metrics`. */
export async function getJson(url: string, timeoutMs = 5_000): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${OPS_TOKEN}` }, signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, body: await res.json() };
}

/** Safety net: a test worker that dies (timeout, crash) takes its services with it. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** One running service process; its stdout JSON log lines are kept in `logs`. */
export class ServiceProcess {
  readonly logs: Record<string, any>[] = [];
  /** Every stdout and stderr line, for failure messages. */
  readonly output: string[] = [];
  readonly exited: Promise<Exit>;
  readonly proc: ChildProcess;
  exit?: Exit;

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    env: Env,
  ) {
    // The source of the entry point a service's container runs (dist/<same path>.js there).
    this.proc = spawn(process.execPath, ['-r', '@swc-node/register', `${entryOf(name)}.ts`], {
      cwd: ROOT,
      // Only what is given: nothing of the test runner's environment leaks in.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env, [portKey(name)]: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.proc.stdout!, this.proc.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.output.push(line);
        if (this.output.length > 5_000) this.output.shift();
        if (line.startsWith('{')) {
          try {
            this.logs.push(JSON.parse(line));
          } catch {
            /* not a log line */
          }
        }
      });
    }
    running.add(this.proc);
    this.exited = new Promise((resolve) => {
      this.proc.once('exit', (code, signal) => {
        running.delete(this.proc);
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get graphqlUrl(): string {
    return `${this.url}/graphql`;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** The last lines of output, for assertion messages. */
  tail(lines = 30): string {
    return `--- ${this.name} (pid ${this.proc.pid}) ---\n${this.output.slice(-lines).join('\n')}`;
  }

  /** Waits until `path` answers 200 (`/ready` by default); fails early when the process exits. */
  async waitUntil(path: '/ready' | '/health' = '/ready', timeoutMs = 90_000): Promise<void> {
    await waitFor(
      `${this.name} ${path}`,
      async () => {
        if (this.exit)
          throw Object.assign(new Error(`${this.name} exited (${JSON.stringify(this.exit)})\n${this.tail()}`), { fatal: true });
        const res = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(3_000) }).catch(() => undefined);
        return res?.status === 200;
      },
      timeoutMs,
    ).catch((err) => {
      throw new Error(`${err.message}\n${this.tail()}`);
    });
  }

  /** Sends `signal` and waits for the exit; SIGKILL after `timeoutMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<Exit> {
    if (this.exit) return this.exit;
    this.proc.kill(signal);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): Promise<Exit> {
    return this.stop('SIGKILL');
  }

  /** Log lines with this message (pino `msg`). */
  lines(msg: string): Record<string, any>[] {
    return this.logs.filter((l) => l.msg === msg);
  }
}

/**
 * A TCP forwarder a test controls: `cut()` refuses new connections and breaks
 * the open ones (a database that went away), `restore()` brings it back,
 * `delayMs` holds back every statement sent to the server (a slow database;
 * connecting stays fast).
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  delayMs = 0;
  port = 0;
  /**
   * Statements received from clients, counted before any delay: chunks that
   * start a PostgreSQL simple query ('Q') or an extended-protocol Parse ('P').
   */
  queriesFromClients = 0;

  constructor(private readonly target: net.NetConnectOpts) {}

  async start(port = 0): Promise<this> {
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this;
  }

  private accept(client: net.Socket) {
    const upstream = net.connect(this.target);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    this.pipe(client, upstream, true);
    this.pipe(upstream, client, false);
  }

  private pipe(from: net.Socket, to: net.Socket, fromClient: boolean) {
    let chain = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      const statement = fromClient && (chunk[0] === 0x51 || chunk[0] === 0x50);
      if (statement) this.queriesFromClients++;
      const delay = statement ? this.delayMs : 0;
      if (!delay) {
        chain = chain.then(() => void (to.destroyed || to.write(chunk)));
        return;
      }
      chain = chain.then(() => sleep(delay)).then(() => void (to.destroyed || to.write(chunk)));
    });
    // After the chunks already on their way: end the other side too.
    const finish = () => void chain.then(() => to.end());
    from.on('end', finish);
    from.on('close', finish);
  }

  /** Refuses new connections and drops every open one. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Accepts connections again, on the same port. */
  async restore(): Promise<void> {
    if (!this.server) await this.start(this.port);
  }

  async close(): Promise<void> {
    await this.cut();
  }
}

/** Accepts TCP connections and never answers: a subgraph that hangs. */
export async function blackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Where the test PostgreSQL server listens, for a TcpProxy in front of it. */
export function postgresTarget(adminUrl: string): net.NetConnectOpts {
  const u = new URL(adminUrl);
  const socketDir = u.searchParams.get('host');
  const port = Number(u.port || 5432);
  if (socketDir?.startsWith('/')) return { path: `${socketDir}/.s.PGSQL.${port}` };
  return { host: u.hostname || '127.0.0.1', port };
}

/** The same database URL, through a proxy on 127.0.0.1. */
export function viaProxy(databaseUrl: string, proxy: TcpProxy): string {
  const u = new URL(databaseUrl);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  u.searchParams.delete('host');
  return u.toString();
}

export interface ProcessHubOptions {
  /** Subgraphs this hub runs: each gets a fresh database (started with `start(name)`). */
  subgraphs: SubgraphName[];
  /** Subgraphs whose database connections go through a TcpProxy. */
  proxied?: SubgraphName[];
  /** Gateway URL overrides, e.g. a black hole for a subgraph that hangs. */
  urlOverrides?: Partial<Record<SubgraphName, string>>;
  /** Environment for every service (production mode and info logs by default). */
  env?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
}

/**
 * A hub of real processes: one fresh database per subgraph that is started,
 * the subgraphs and the gateway each in their own process, every port free,
 * every subgraph URL configured (those not started answer "connection refused").
 */
export class ProcessHub {
  readonly databases = new TestDatabases();
  readonly databaseUrls: Partial<Record<SubgraphName, string>> = {};
  readonly proxies: Partial<Record<SubgraphName, TcpProxy>> = {};
  readonly services: Partial<Record<ServiceName, ServiceProcess>> = {};
  /** Every process ever started, for cleanup and log checks. */
  readonly history: ServiceProcess[] = [];
  ports = {} as Record<ServiceName, number>;
  env: Record<string, string> = {};
  trust?: TestTrust;

  constructor(private readonly options: ProcessHubOptions) {}

  /** Databases, ports, the trust configuration, and the identity providers' process (tokens need it from the start). */
  async init(): Promise<this> {
    for (const name of SERVICE_NAMES) this.ports[name] = await freePort();
    this.trust = await prepareTestTrust();
    this.ports.identity = this.trust.identityPort;
    this.env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      ...trustEnv(this.trust),
      HOST: '127.0.0.1',
      DB_POOL_SIZE: '5',
      OPS_TOKEN,
      ...RATE_LIMITS_OFF,
      ...this.options.env,
      // The owner migrated (init); a service holds its runtime URL only.
      MIGRATE_ON_START: 'false',
    };
    // Migrated as each database's owner first, straight to the server, as `npm start` does: the
    // subgraphs start with MIGRATE_ON_START=false and their runtime URL only.
    const names = [...new Set([...this.options.subgraphs, ...(this.options.proxied ?? [])])];
    const urls = await Promise.all(names.map((name) => this.databases.createMigrated(name)));
    names.forEach((name, i) => (this.databaseUrls[name] = urls[i]));
    for (const name of this.options.proxied ?? []) {
      this.proxies[name] = await new TcpProxy(postgresTarget(this.databases.adminUrl)).start();
    }
    await this.start('identity');
    return this;
  }

  /** The database URL a subgraph process is given (through its proxy when it has one). */
  databaseUrlFor(name: SubgraphName): string {
    const direct = this.databaseUrls[name];
    if (!direct) throw new Error(`no database for ${name}`);
    const proxy = this.proxies[name];
    return proxy ? viaProxy(direct, proxy) : direct;
  }

  spawn(name: ServiceName, extraEnv: Record<string, string> = {}): ServiceProcess {
    const env = serviceEnv(name, {
      ports: this.ports,
      databaseUrls: Object.fromEntries(Object.keys(this.databaseUrls).map((n) => [n, this.databaseUrlFor(n as SubgraphName)])),
      common: this.env,
      urls: this.options.urlOverrides,
      extra: { gateway: this.options.gatewayEnv },
    });
    Object.assign(env, extraEnv);
    const proc = new ServiceProcess(name, this.ports[name], env);
    this.services[name] = proc;
    this.history.push(proc);
    return proc;
  }

  /** Starts a service and waits until it is ready (the gateway: healthy, since some subgraphs may be down). */
  async start(name: ServiceName, extraEnv: Record<string, string> = {}): Promise<ServiceProcess> {
    const proc = this.spawn(name, extraEnv);
    await proc.waitUntil(name === 'gateway' ? '/health' : '/ready');
    return proc;
  }

  service(name: ServiceName): ServiceProcess {
    const s = this.services[name];
    if (!s) throw new Error(`${name} was never started`);
    return s;
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.ports.gateway}/graphql`;
  }

  /** Every log line of every process of this service, restarts included. */
  logsOf(name: ServiceName): Record<string, any>[] {
    return this.history.filter((p) => p.name === name).flatMap((p) => p.logs);
  }

  async stop(): Promise<void> {
    await Promise.all(this.history.map((p) => p.stop('SIGTERM', 10_000)));
    await Promise.all(Object.values(this.proxies).map((p) => p!.close()));
    await this.databases.dropAll();
    if (this.trust) rmSync(this.trust.dir, { recursive: true, force: true });
  }
}

/**
 * `npm start` as a child process: the real launcher (scripts/start.ts, from
 * source; it then starts every service from source too), in its own process
 * group like a terminal's foreground job, so `interrupt()` is a real Ctrl-C.
 * Its output (its own `[partnerhub]` lines and every service's) is kept.
 */
export class LauncherProcess {
  readonly output: string[] = [];
  readonly exited: Promise<Exit>;
  readonly proc: ChildProcess;
  exit?: Exit;

  constructor(env: Env) {
    this.proc = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/start.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    for (const stream of [this.proc.stdout!, this.proc.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.output.push(line);
        if (this.output.length > 20_000) this.output.shift();
      });
    }
    running.add(this.proc);
    this.exited = new Promise((resolve) => {
      this.proc.once('exit', (code, signal) => {
        running.delete(this.proc);
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  /** The launcher's own lines (`[partnerhub] …`), without the prefix. */
  says(): string[] {
    return this.output.filter((l) => l.startsWith('[partnerhub] ')).map((l) => l.slice('[partnerhub] '.length));
  }

  /** Waits for a line of the launcher's own matching `pattern`, after the first `after` of them. */
  async saw(pattern: RegExp, timeoutMs = 180_000, after = 0): Promise<RegExpMatchArray> {
    return waitFor(
      `launcher line ${pattern}`,
      async () => {
        if (this.exit) throw new Error(`launcher exited (${JSON.stringify(this.exit)})\n${this.tail()}`);
        for (const line of this.says().slice(after)) {
          const m = line.match(pattern);
          if (m) return m;
        }
        return undefined;
      },
      timeoutMs,
      100,
    ).catch((err) => {
      throw new Error(`${err.message}\n${this.tail()}`);
    });
  }

  /** Every `<service> started (pid N)` line so far, latest pid per service. */
  pids(): Record<string, number> {
    const pids: Record<string, number> = {};
    for (const line of this.says()) {
      const m = line.match(/^(\w+) started \(pid (\d+)\)$/);
      if (m) pids[m[1]] = Number(m[2]);
    }
    return pids;
  }

  /** Every pid the launcher ever started. */
  allPids(): number[] {
    return this.says().flatMap((line) => {
      const m = line.match(/^\w+ started \(pid (\d+)\)$/);
      return m ? [Number(m[1])] : [];
    });
  }

  /** Ctrl-C in the terminal: SIGINT to the launcher's whole process group. */
  interrupt(): void {
    process.kill(-this.proc.pid!, 'SIGINT');
  }

  tail(lines = 40): string {
    return `--- launcher (pid ${this.proc.pid}) ---\n${this.output.slice(-lines).join('\n')}`;
  }

  /** Last resort for cleanup: SIGKILL to the whole group. */
  killGroup(): void {
    try {
      process.kill(-this.proc.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Whether a process with this pid still runs (a zombie, exited but not yet reaped, does not). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // Field 3 of /proc/<pid>/stat is the state; the name before it is in parentheses.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}

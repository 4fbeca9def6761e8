/**
 * Running the hub's services as child processes: what `npm start` and
 * `npm run bench` share (the tests reuse freePort).
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../../platform/paths';
import { entryOf, type Env, type ServiceName } from '../../platform/services';
import { Supervised } from './supervisor';

/**
 * A port free right now on 127.0.0.1, for a server started a moment later.
 * Chosen at random below the kernel's ephemeral range
 * (net.ipv4.ip_local_port_range, 32768–60999 by default) and probed: a port
 * the kernel picks (listen on 0) comes from that range, which it also hands
 * to outgoing connections, and in the full test suite one of those took such
 * a port between the probe and the server's own listen (EADDRINUSE). Below
 * the range only another caller drawing the same number can; where the range
 * leaves no room, the kernel picks. A port once answered is never answered
 * again by this process: a test hub draws its seven ports before any server
 * listens, and a probe closes its port at once, so two draws of one number
 * both passed the probe and the second server met EADDRINUSE (two CI runs
 * of 7 December).
 */
export async function freePort(): Promise<number> {
  const low = ephemeralLow();
  if (low - 1 < FREE_PORT_FLOOR + 1000) return probe(0);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = FREE_PORT_FLOOR + Math.floor(Math.random() * (low - FREE_PORT_FLOOR));
    if (answered.has(port)) continue;
    answered.add(port); // before the probe: a concurrent draw of the same number must not pass it too
    const got = await probe(port).catch(() => undefined);
    if (got !== undefined) return got;
  }
  return probe(0);
}

/** The ports freePort has drawn in this process, answered or found taken (a test run draws a few hundred of the 12,000 or so). */
const answered = new Set<number>();

/** The lowest port freePort draws from (above the well-known and registered services' usual ports). */
const FREE_PORT_FLOOR = 20_000;

function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** Listens on `port` (0: the kernel picks) and closes again; answers the port. */
function probe(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => {
      const { port: bound } = srv.address() as { port: number };
      srv.close(() => resolve(bound));
    });
  });
}

/**
 * Starts a service with exactly `env`: the compiled entry point
 * (`dist/…/index.js`), or its source through @swc-node/register when the
 * launcher itself runs from source (the tests start the launcher that way).
 */
/** `nodeArgs`: options for node itself (`--cpu-prof`, which NODE_OPTIONS refuses). */
export function spawnService(name: ServiceName, env: Env, stdio: StdioOptions, nodeArgs: string[] = []): ChildProcess {
  const args = __filename.endsWith('.ts')
    ? ['-r', '@swc-node/register', join(ROOT, `${entryOf(name)}.ts`)]
    : [join(ROOT, 'dist', `${entryOf(name)}.js`)];
  return spawn(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, env, stdio });
}

/**
 * Polls `/ready` until it answers 200. Fails early when the process exits, or,
 * for a supervised service (restarted when it exits), when the supervisor gives up on it.
 */
export async function waitReady(
  name: string,
  port: number,
  proc: ChildProcess | Supervised,
  timeoutMs = 120_000,
  hint = '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc instanceof Supervised) {
      if (proc.gaveUp) throw new Error(`${name} stopped ${proc.gaveUp.failures} times while starting (last: ${proc.gaveUp.last})${hint}`);
    } else if (proc.exitCode !== null) throw new Error(`${name} exited with code ${proc.exitCode} while starting${hint}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} was not ready after ${timeoutMs / 1000}s`);
}

/** SIGTERM to every process (each drains and exits), SIGKILL after `graceMs`. */
export async function stopAll(procs: ChildProcess[], graceMs: number): Promise<void> {
  await Promise.all(
    procs.map(
      (proc) =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
          proc.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          proc.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * Running the hub's services as child processes: what `npm start` and
 * `npm run bench` share (the tests reuse freePort).
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../../platform/paths';
import { entryOf, type Env, type ServiceName } from '../../platform/services';
import { Supervised } from './supervisor';

/** A port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
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

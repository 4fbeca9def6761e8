/**
 * Supervision of the hub's child processes (`npm start`): a service that exits
 * while the hub is running is started again after a backoff that doubles from
 * `initialBackoffMs` up to `maxBackoffMs`; a service that fails `maxFailures`
 * times within `windowMs` is given up on, loudly (the launcher then stops the
 * hub and exits 1). Stopping the supervisor cancels every pending restart and
 * stops every current process, so Ctrl-C leaves nothing behind.
 *
 * The rule is PM2's exponential backoff restart delay combined with systemd's
 * start limit (StartLimitBurst within StartLimitIntervalSec): the delay grows
 * with the failures counted in the window, so a service that stayed up longer
 * than the window restarts after the initial delay again.
 */
import type { ChildProcess } from 'node:child_process';

export interface RestartPolicy {
  /** Delay before the first restart (then doubled per failure in the window). */
  initialBackoffMs: number;
  /** Longest delay between two restarts. */
  maxBackoffMs: number;
  /** Failures within `windowMs` after which the service is given up on. */
  maxFailures: number;
  windowMs: number;
}

/** Why a supervised service stopped for good. */
export interface GiveUp {
  name: string;
  failures: number;
  windowMs: number;
  /** How the last process ended: `exit 1`, `SIGKILL`. */
  last: string;
}

export interface SupervisorEvents {
  /** One line for the operator (started, exited, restarting, giving up). */
  say(message: string): void;
  /** Called once, the first time a service fails too often. */
  giveUp(reason: GiveUp): void;
}

/** The delay before restart number `failures` (1-based) within the window. */
export function backoffMs(policy: RestartPolicy, failures: number): number {
  return Math.min(policy.initialBackoffMs * 2 ** Math.max(0, failures - 1), policy.maxBackoffMs);
}

/** One service under supervision: its current process, its recent failures, its pending restart. */
export class Supervised {
  proc: ChildProcess;
  /** When the recent unexpected exits happened (ms since epoch), oldest first. */
  readonly failures: number[] = [];
  /** Restarts performed so far. */
  restarts = 0;
  /** Set when the supervisor gave up on this service. */
  gaveUp?: GiveUp;
  private timer?: NodeJS.Timeout;

  constructor(
    readonly name: string,
    private readonly start: () => ChildProcess,
    private readonly owner: Supervisor,
  ) {
    this.proc = this.launch();
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  private launch(): ChildProcess {
    const proc = this.start();
    this.owner.events.say(`${this.name} started (pid ${proc.pid})`);
    proc.once('exit', (code, signal) => this.exited(proc, signal ?? `exit ${code}`));
    return proc;
  }

  private exited(proc: ChildProcess, how: string) {
    if (proc !== this.proc || this.owner.stopping) return;
    const { policy, events } = this.owner;
    const now = Date.now();
    this.failures.push(now);
    while (this.failures.length && this.failures[0] <= now - policy.windowMs) this.failures.shift();
    const count = this.failures.length;
    if (count >= policy.maxFailures) {
      this.gaveUp = { name: this.name, failures: count, windowMs: policy.windowMs, last: how };
      events.say(
        `${this.name} stopped unexpectedly (${how}) ${count} times within ${policy.windowMs / 1000} s: giving up on it; stopping the hub`,
      );
      events.giveUp(this.gaveUp);
      return;
    }
    const delay = backoffMs(policy, count);
    events.say(
      `${this.name} stopped unexpectedly (${how}); restarting in ${delay} ms (failure ${count} of ${policy.maxFailures} allowed within ${policy.windowMs / 1000} s)`,
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Ctrl-C may have come while waiting: then nothing starts again.
      if (this.owner.stopping) return;
      this.restarts++;
      this.proc = this.launch();
    }, delay);
  }

  /** Cancels a pending restart and stops the current process: SIGTERM, SIGKILL after `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const proc = this.proc;
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      proc.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  }
}

export class Supervisor {
  readonly services: Supervised[] = [];
  stopping = false;

  constructor(
    readonly policy: RestartPolicy,
    readonly events: SupervisorEvents,
  ) {}

  /** Starts `start()` now and keeps it running until `stopAll`. */
  add(name: string, start: () => ChildProcess): Supervised {
    const service = new Supervised(name, start, this);
    this.services.push(service);
    return service;
  }

  /** Stops supervising: no restart from now on; every current process stopped (SIGKILL after `graceMs`). */
  async stopAll(graceMs: number): Promise<void> {
    this.stopping = true;
    await Promise.all(this.services.map((s) => s.stop(graceMs)));
  }
}

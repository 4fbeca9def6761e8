/**
 * The restart rule of scripts/hub/supervisor.ts, with real child processes
 * (`node -e`): backoff doubling up to its cap, giving up after too many
 * failures within the window, no restart once stopping.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { backoffMs, Supervisor, type GiveUp, type RestartPolicy } from '../../scripts/hub/supervisor';

const node = (code: string) => () => spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function supervisor(policy: RestartPolicy) {
  const lines: string[] = [];
  const startedAt: number[] = [];
  let gaveUp: GiveUp | undefined;
  let resolveGiveUp!: (g: GiveUp) => void;
  const givenUp = new Promise<GiveUp>((r) => (resolveGiveUp = r));
  const s = new Supervisor(policy, {
    say: (line) => {
      lines.push(line);
      if (/ started \(pid \d+\)$/.test(line)) startedAt.push(Date.now());
    },
    giveUp: (g) => {
      expect(gaveUp).toBeUndefined(); // once
      gaveUp = g;
      resolveGiveUp(g);
    },
  });
  return { s, lines, startedAt, givenUp };
}

describe('backoff', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const policy = { initialBackoffMs: 500, maxBackoffMs: 5_000, maxFailures: 5, windowMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(policy, n))).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
  });
});

describe('Supervisor with real processes', () => {
  it('restarts a process that always crashes with growing delays, then gives up once', async () => {
    const { s, lines, startedAt, givenUp } = supervisor({ initialBackoffMs: 100, maxBackoffMs: 300, maxFailures: 4, windowMs: 60_000 });
    s.add('crashy', node('process.exit(3)'));
    const g = await givenUp;
    expect(g).toEqual({ name: 'crashy', failures: 4, windowMs: 60_000, last: 'exit 3' });
    expect(startedAt).toHaveLength(4);
    const gaps = startedAt.slice(1).map((t, i) => t - startedAt[i]);
    // Each gap is the backoff plus the time the process took to exit: at least 100, 200, 300 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(200);
    expect(gaps[2]).toBeGreaterThanOrEqual(300);
    expect(lines.filter((l) => l.includes('restarting in'))).toEqual([
      'crashy stopped unexpectedly (exit 3); restarting in 100 ms (failure 1 of 4 allowed within 60 s)',
      'crashy stopped unexpectedly (exit 3); restarting in 200 ms (failure 2 of 4 allowed within 60 s)',
      'crashy stopped unexpectedly (exit 3); restarting in 300 ms (failure 3 of 4 allowed within 60 s)',
    ]);
    expect(lines.at(-1)).toBe('crashy stopped unexpectedly (exit 3) 4 times within 60 s: giving up on it; stopping the hub');
    await sleep(500);
    expect(startedAt).toHaveLength(4); // nothing after giving up
    await s.stopAll(1_000);
  });

  it('counts only the failures within the window: a process that crashes rarely is restarted for ever', async () => {
    const { s, startedAt } = supervisor({ initialBackoffMs: 10, maxBackoffMs: 10, maxFailures: 2, windowMs: 1_000 });
    // Lives 1.2 s, longer than the window: every failure is the first in its window.
    s.add('rare', node('setTimeout(() => process.exit(1), 1200)'));
    while (startedAt.length < 4) await sleep(100);
    expect(s.services[0].gaveUp).toBeUndefined();
    await s.stopAll(1_000);
  }, 20_000);

  it('restarts nothing once stopping, even with a restart pending, and leaves no process behind', async () => {
    const { s, startedAt } = supervisor({ initialBackoffMs: 300, maxBackoffMs: 300, maxFailures: 5, windowMs: 60_000 });
    const steady = s.add('steady', node('setInterval(() => {}, 1000)'));
    const crashy = s.add('crashy', node('process.exit(1)'));
    await new Promise((r) => crashy.proc.once('exit', r));
    const steadyProc = steady.proc;
    await s.stopAll(2_000); // while crashy's restart is pending
    expect(steadyProc.signalCode).toBe('SIGTERM');
    await sleep(600);
    expect(startedAt).toHaveLength(2);
    expect(crashy.restarts).toBe(0);
  });

  it('kills a process that ignores SIGTERM after the grace period', async () => {
    const { s } = supervisor({ initialBackoffMs: 100, maxBackoffMs: 100, maxFailures: 5, windowMs: 60_000 });
    const code = "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.log('up')";
    const stubborn = s.add('stubborn', () => spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'] }));
    await new Promise((r) => stubborn.proc.stdout!.once('data', r)); // its SIGTERM handler is installed
    const started = Date.now();
    await s.stopAll(500);
    expect(stubborn.proc.signalCode).toBe('SIGKILL');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });
});

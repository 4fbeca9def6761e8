/**
 * The top items of V8 CPU profiles (`node --cpu-prof`, as `npm run bench --
 * --cpu-prof companies,partners` writes them): self time per function and
 * per package, the lists docs/performance.md shows before and after a change.
 *
 *   node dist/scripts/bench/profile-top.js .partnerhub/bench/profiles/partners-*.cpuprofile [--top 25] [--from 30]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** `node_modules/<package>` (scoped too) of a script URL, `node:` for Node's own, else `partnerhub`. */
export function packageOf(url: string): string {
  if (url === '') return '(native / V8)';
  if (url.startsWith('node:')) return 'node:*';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url.replace(/\\/g, '/'));
  return m ? m[1] : 'partnerhub';
}

export interface ProfileTop {
  totalMs: number;
  idleMs: number;
  functions: { name: string; ms: number }[];
  packages: { name: string; ms: number }[];
}

/**
 * Self time of every sample, attributed by the time delta that follows it;
 * samples of the first `fromSeconds` (start-up: loading modules, building
 * the schema) left out.
 */
export function profileTop(profiles: CpuProfile[], fromSeconds = 0): ProfileTop {
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const samples = p.samples ?? [];
    const deltas = p.timeDeltas ?? [];
    let at = p.startTime;
    for (let i = 0; i < samples.length; i++) {
      at += deltas[i] ?? 0;
      const node = byId.get(samples[i]);
      const ms = (deltas[i + 1] ?? 0) / 1000;
      if (!node || at - p.startTime < fromSeconds * 1e6) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)') {
        idleMs += ms;
        continue;
      }
      totalMs += ms;
      const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/(dist|work)\//, '');
      const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
      fn.set(key, (fn.get(key) ?? 0) + ms);
      const k = functionName.startsWith('(') && url === '' ? functionName : packageOf(url);
      pkg.set(k, (pkg.get(k) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>) => [...m].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs, idleMs, functions: top(fn), packages: top(pkg) };
}

if (require.main === module) {
  const { values, positionals } = parseArgs({
    options: { top: { type: 'string', default: '25' }, from: { type: 'string', default: '0' } },
    allowPositionals: true,
  });
  const n = Number(values.top);
  const t = profileTop(
    positionals.map((f) => JSON.parse(readFileSync(f, 'utf8')) as CpuProfile),
    Number(values.from),
  );
  const pct = (ms: number) => ((100 * ms) / t.totalMs).toFixed(1).padStart(5);
  const out = [
    `busy ${Math.round(t.totalMs)} ms (idle ${Math.round(t.idleMs)} ms) in ${positionals.length} profile(s)`,
    '',
    'self time by package:',
  ];
  for (const p of t.packages.slice(0, 15)) out.push(`  ${pct(p.ms)} %  ${p.name}`);
  out.push('', 'self time by function:');
  for (const f of t.functions.slice(0, n)) out.push(`  ${pct(f.ms)} %  ${f.name}`);
  process.stdout.write(out.join('\n') + '\n');
}

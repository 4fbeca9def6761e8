/**
 * Evidence of what the hub recorded (issue 14):
 *
 *   npm run evidence -- export --org ORG [--from DATE] [--to DATE] --out FILE
 *       the organisation's audit entries and disclosure records of the period
 *       (from the databases it owns), the chain heads and the cross-border
 *       register, signed with its evidence key (JWS)
 *   npm run evidence -- verify FILE [--key PUBLIC_JWK]
 *       offline: exit 0 and a summary when intact; otherwise exit 1 naming the
 *       first changed, missing or reordered record
 *   npm run evidence -- check
 *       walks the live chains of every database; exit 1 naming the first broken link
 *
 * Dates are YYYY-MM-DD (UTC days, both included) or ISO instants. See docs/evidence.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import { loadOrExit } from '../platform/config';
import { SUBGRAPH_NAMES } from '../platform/services';
import { readTrustConfig } from '../platform/trust';
import { isIsoDate } from '../subgraphs/kit/scalars';
import { checkTrails } from '../subgraphs/kit/trail';
import { exportEvidence, verifyEvidence } from './evidence/bundle';
import { loadEvidenceConfig } from './evidence/config';
import { loadEvidenceKey } from './evidence/keys';
import { withClient } from './hub/postgres';

const USAGE = `usage:
  npm run evidence -- export --org ORG [--from DATE] [--to DATE] --out FILE
  npm run evidence -- verify FILE [--key PUBLIC_JWK]
  npm run evidence -- check`;

class UsageError extends Error {}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** A period bound: YYYY-MM-DD (the day's start, or for `to` the next day's start) or an ISO instant. */
function parseBound(value: string, option: string, end: boolean): Date {
  if (isIsoDate(value)) return new Date(Date.parse(`${value}T00:00:00Z`) + (end ? 86_400_000 : 0));
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms))
    throw new UsageError(`${option} must be a date (YYYY-MM-DD) or an ISO instant, got "${value}"`);
  return new Date(ms);
}

async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.org) throw new UsageError('export needs --org ORG');
  if (!values.out) throw new UsageError('export needs --out FILE');
  const from = values.from ? parseBound(values.from, '--from', false) : new Date(0);
  const to = values.to ? parseBound(values.to, '--to', true) : new Date();
  if (!(from < to)) throw new UsageError('--from must be before --to');
  const config = loadOrExit('evidence', () => loadEvidenceConfig());
  const key = await loadEvidenceKey({ keyFile: config.keyFile, devKeysDir: config.devKeysDir, org: values.org });
  const file = await exportEvidence({
    org: values.org,
    period: { from, to },
    databaseUrls: config.databaseUrls,
    trust: readTrustConfig(config.trustPath),
    key,
  });
  writeFileSync(values.out, `${JSON.stringify(file, null, 2)}\n`);
  say(`wrote ${values.out}: ${values.org}, ${file.bundle.period.from} to ${file.bundle.period.to}, signed ${key.alg} key ${key.kid}`);
  for (const t of file.bundle.trails)
    say(`  ${t.subgraph} ${t.trail}: ${t.records.length} records${t.end ? ` (seq ${t.start.seq}..${t.end.seq})` : ''}`);
  say(`  register: ${file.bundle.register.length} lines, ${file.bundle.register.filter((l) => l.crossBorder).length} cross-border`);
  return 0;
}

async function verifyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('verify needs one FILE');
  const key = values.key ? (JSON.parse(readFileSync(values.key, 'utf8')) as JWK) : undefined;
  const verdict = await verifyEvidence(readFileSync(positionals[0], 'utf8'), key);
  for (const line of verdict.summary) say(line);
  if (!verdict.ok) {
    process.stderr.write(`NOT INTACT: ${verdict.problem}\n`);
    return 1;
  }
  say('INTACT');
  return 0;
}

async function checkCommand(): Promise<number> {
  const config = loadOrExit('evidence', () => loadEvidenceConfig());
  let broken = 0;
  for (const name of SUBGRAPH_NAMES) {
    try {
      for (const c of await withClient(config.databaseUrls[name], checkTrails)) {
        if (c.broken) {
          broken++;
          process.stderr.write(`${name} ${c.trail}: BROKEN: ${c.broken.message}\n`);
        } else say(`${name} ${c.trail}: ${c.records} records, head seq ${c.head?.seq ?? 0}: intact`);
      }
    } catch (err) {
      broken++;
      process.stderr.write(`${name}: could not be checked: ${(err as Error).message}\n`);
    }
  }
  return broken ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'export') return exportCommand(args);
  if (command === 'verify') return verifyCommand(args);
  if (command === 'check') return checkCommand();
  throw new UsageError(command ? `unknown command "${command}"` : 'a command is needed');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`evidence: ${(err as Error).message}\n${err instanceof UsageError ? `${USAGE}\n` : ''}`);
    process.exit(2);
  },
);

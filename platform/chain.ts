/**
 * Hash chains over append-only records (issue 14): the audit log and the
 * disclosure records of every database, and the evidence bundles made of them.
 *
 *   hash(n) = SHA-256( prev_hash(n) || canonical(record(n)) ),  prev_hash(n) = hash(n-1)
 *
 * `canonical` is the JSON Canonicalization Scheme (RFC 8785, npm
 * `canonicalize`): sorted keys, no whitespace, ECMAScript number and string
 * serialisation, so any implementation recomputes the same bytes. The first
 * record's prev_hash is GENESIS. A changed record changes its hash; a removed
 * or reordered one breaks the next link (its prev_hash, and the gapless seq).
 * The same construction as X-Road's message log and rsyslog's log hash chains.
 */
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** prev_hash of the first record of a chain. */
export const GENESIS = '0'.repeat(64);

/** A record as it is hashed: JSON values only (no Date, no undefined). */
export type ChainRecord = Record<string, unknown> & { seq: number };

/** RFC 8785 canonical JSON of a record. */
export function canonical(record: unknown): string {
  const text = canonicalize(record);
  if (text === undefined) throw new Error('a chain record must be a JSON value');
  return text;
}

/**
 * `canonical` for records with exactly `keys` (a trail's seq, at and
 * columns, as kit/trail.ts builds them), made once per trail: the keys are
 * sorted once (UTF-16 code units, as RFC 8785 section 3.2.3 and
 * `canonicalize` sort them) instead of for every record, and each value
 * still goes through `canonical`, so the text is the library's
 * (tests/unit/chain.test.ts compares them). A record with other keys falls
 * back to `canonical`. The disclosure writer hashes every disclosed record
 * this way: about half of the per-row cost of canonical JSON.
 *
 * The rows of a batch share most values (a request's recipient, purpose,
 * agreement and fields; the batch's time), so the writer keeps, per key, the
 * last value it wrote and its text, and reuses the text while the next
 * record's value is the same JSON (sameJson: primitives, and arrays of them,
 * compared by value; a kept array is a copy, so a caller changing its own
 * array afterwards changes nothing kept).
 */
export function canonicalRecord(keys: readonly string[]): (record: ChainRecord) => string {
  const sorted = [...new Set(keys)].sort();
  const names = sorted.map((k) => `${canonical(k)}:`);
  const known = new Set(sorted);
  const lastValue: unknown[] = sorted.map(() => undefined);
  const lastText: (string | undefined)[] = sorted.map(() => undefined);
  return (record) => {
    const own = Object.keys(record);
    if (own.length !== sorted.length || !own.every((k) => known.has(k))) return canonical(record);
    let text = '{';
    for (let i = 0; i < sorted.length; i++) {
      const value = record[sorted[i]];
      if (value === undefined) continue; // as canonicalize: a member without a JSON value is left out
      let part = lastText[i];
      if (part === undefined || !sameJson(value, lastValue[i])) {
        part = `${names[i]}${canonical(value)}`;
        const kept = keptCopy(value);
        lastValue[i] = kept;
        lastText[i] = kept === undefined ? undefined : part;
      }
      text += text.length > 1 ? `,${part}` : part;
    }
    return `${text}}`;
  };
}

/** A JSON primitive (string, finite number, boolean, null) or an array of them. */
const isPrimitive = (v: unknown) =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** The value as canonicalRecord keeps it (arrays copied), or undefined when it is not kept (objects, nested arrays). */
function keptCopy(value: unknown): unknown {
  if (isPrimitive(value)) return value;
  return Array.isArray(value) && value.every(isPrimitive) ? [...value] : undefined;
}

/** Whether `value` has the same canonical JSON as `kept` (a keptCopy): equal primitives, or arrays of equal primitives. */
export function sameJson(value: unknown, kept: unknown): boolean {
  if (!Array.isArray(kept)) return value === kept && kept !== undefined;
  if (!Array.isArray(value) || value.length !== kept.length) return false;
  for (let i = 0; i < value.length; i++) if (value[i] !== kept[i] || !isPrimitive(value[i])) return false;
  return true;
}

/** The link hash: hex SHA-256 of the previous hash followed by the record's canonical JSON. */
export function chainHash(prevHash: string, record: ChainRecord): string {
  return linkHash(prevHash, canonical(record));
}

/** The link hash of a record given as its canonical JSON text (one-shot hashing: no Hash object per record). */
export function linkHash(prevHash: string, canonicalText: string): string {
  return hash('sha256', prevHash + canonicalText, 'hex');
}

/** One link as stored: the record and the two hashes beside it. */
export interface ChainLink {
  record: ChainRecord;
  prevHash: string;
  hash: string;
}

/** The first place a chain does not hold, named for a person to find it. */
export interface ChainBreak {
  /** Position in the list checked (0-based). */
  index: number;
  /** The seq of the record at fault (or expected there). */
  seq: number;
  kind: 'changed' | 'missing' | 'reordered' | 'broken-link';
  message: string;
}

/**
 * Walks `links` (in the order given) from `start` — the seq and prev_hash the
 * first link must have (GENESIS and 1 for a whole chain) — and answers the
 * first break, or null when every link holds:
 * - `changed`: the record's hash is not H(prev_hash || canonical(record));
 * - `missing`: a seq was skipped (the record before it is gone);
 * - `reordered`: a seq comes back, or goes backwards;
 * - `broken-link`: prev_hash is not the previous record's hash (records
 *   replaced together with their hashes).
 */
export function verifyChain(
  links: readonly ChainLink[],
  start: { seq: number; prevHash: string } = { seq: 1, prevHash: GENESIS },
): ChainBreak | null {
  let expectedSeq = start.seq;
  let prevHash = start.prevHash;
  for (let i = 0; i < links.length; i++) {
    const { record, hash } = links[i];
    const seq = record.seq;
    if (seq !== expectedSeq) {
      if (seq > expectedSeq && links.slice(i + 1).some((l) => l.record.seq === expectedSeq)) {
        return { index: i, seq, kind: 'reordered', message: `record seq ${seq} is out of order (seq ${expectedSeq} comes after it)` };
      }
      if (seq > expectedSeq) {
        return { index: i, seq: expectedSeq, kind: 'missing', message: `record seq ${expectedSeq} is missing (next is seq ${seq})` };
      }
      return { index: i, seq, kind: 'reordered', message: `record seq ${seq} is out of order (expected seq ${expectedSeq})` };
    }
    if (links[i].prevHash !== prevHash) {
      return {
        index: i,
        seq,
        kind: 'broken-link',
        message: `record seq ${seq - 1} was replaced: seq ${seq} does not follow it (prev_hash differs)`,
      };
    }
    if (chainHash(prevHash, record) !== hash) {
      return { index: i, seq, kind: 'changed', message: `record seq ${seq} was changed (its hash does not match its content)` };
    }
    prevHash = hash;
    expectedSeq++;
  }
  return null;
}

import { createHash, randomFillSync } from 'node:crypto';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** Random bytes drawn in blocks (as node's randomUUID does): one call into OpenSSL per block, not per id. */
const ENTROPY_BLOCK = 4096;
let entropy = Buffer.alloc(0);
let entropyAt = 0;

/**
 * A time-ordered UUID (version 7, RFC 9562: 48 bits of Unix milliseconds,
 * then 74 random bits). For rows written in time order (the disclosure
 * records): their primary key grows at its right edge instead of at a random
 * leaf, a fifth of PostgreSQL's cost of inserting them.
 */
export function uuidV7(ms = Date.now()): string {
  if (entropyAt + 10 > entropy.length) {
    entropy = randomFillSync(Buffer.allocUnsafe(ENTROPY_BLOCK));
    entropyAt = 0;
  }
  const r = entropy.toString('hex', entropyAt, (entropyAt += 10)); // 80 random bits, 74 of them used
  const t = ms.toString(16).padStart(12, '0');
  const variant = ((parseInt(r[3], 16) & 0x3) | 0x8).toString(16);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(7, 19)}`;
}

/**
 * A deterministic UUID (version-5 layout, SHA-1 based) for a namespace and a
 * natural key. Demo and bench data use it so that the same record gets the same
 * id on every run, and so that one organisation's seed can refer to another
 * organisation's record by id without reading its database.
 */
export function stableUuid(namespace: string, key: string): string {
  const h = createHash('sha1').update(`partnerhub:${namespace}:${key}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The ids the demo seeds give companies and partners. Every organisation's seed
 * uses these, so that demo references across subgraphs agree without any
 * subgraph reading another's database.
 */
export const demoCompanyId = (enterpriseNumber: string) => stableUuid('company', enterpriseNumber);
export const demoPartnerId = (creditCode: string) => stableUuid('partner', creditCode);

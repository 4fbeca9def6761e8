import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonical,
  canonicalRecord,
  chainHash,
  GENESIS,
  linkHash,
  verifyChain,
  type ChainLink,
  type ChainRecord,
} from '../../platform/chain';

/** A chain of `n` records built the way the trails build it. */
function chainOf(n: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prevHash = GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const record: ChainRecord = {
      seq,
      at: `2026-12-07T10:00:0${seq % 10}.000000Z`,
      actor: `user-${seq}`,
      changes: { employees: { from: seq, to: seq + 1 } },
    };
    const hash = chainHash(prevHash, record);
    links.push({ record, prevHash, hash });
    prevHash = hash;
  }
  return links;
}

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys, drops whitespace and writes numbers as ECMAScript does (the RFC 8785 examples)', () => {
    expect(canonical({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
    // RFC 8785 section 3.2.2.3 numbers
    expect(canonical([1e21, 1e-7, 0.000001, -0, Number('333333333.33333329'), 1e23])).toBe(
      '[1e+21,1e-7,0.000001,0,333333333.3333333,1e+23]',
    );
    // Keys sort by UTF-16 code units (RFC 8785 section 3.2.3): "\r" < "1" < "\u0080" < "ö" < "€" < "😀" < "\ufb33"
    expect(canonical({ '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, ö: 7 })).toBe(
      '{"\\r":2,"1":4,"\u0080":6,"ö":7,"€":1,"😀":5,"\ufb33":3}',
    );
    // The same content in another key order is the same text.
    expect(canonical({ x: { b: 2, a: 1 } })).toBe(canonical({ x: { a: 1, b: 2 } }));
  });

  it('canonicalRecord writes the same text as canonical for the records of its keys, and falls back for others', () => {
    const write = canonicalRecord(['seq', 'at', 'fields', 'recipient', 'cross_border', '\u20ac', 'ö', 'changes', 'n']);
    const records: ChainRecord[] = [
      {
        seq: 1,
        at: 'x',
        fields: ['contact', 'é"\\'],
        recipient: 'chengdu',
        cross_border: true,
        '\u20ac': null,
        ö: '😀\n',
        changes: { b: [1, { d: 2, c: 1 }], a: 'x' },
        n: 1e21,
      },
      { seq: 2, at: 'y', fields: [], recipient: '', cross_border: false, '\u20ac': 0.000001, ö: -0, changes: null, n: undefined },
      { seq: 3, at: 'z', extra: 1 } as ChainRecord,
      {
        seq: 4,
        at: 'w',
        fields: null,
        recipient: null,
        cross_border: null,
        '\u20ac': null,
        ö: null,
        changes: null,
        other: 1,
      } as ChainRecord,
    ];
    for (const r of records) expect(write(r)).toBe(canonical(r));
    // What the library refuses, it still refuses.
    expect(() =>
      write({ seq: 5, at: '\ud800', fields: null, recipient: null, cross_border: null, '\u20ac': null, ö: null, changes: null, n: 1 }),
    ).toThrow();
    expect(() =>
      write({ seq: Number.NaN, at: '', fields: null, recipient: null, cross_border: null, '\u20ac': null, ö: null, changes: null, n: 1 }),
    ).toThrow();
  });

  it('canonicalRecord reuses the text of a value the record before had, and only while it is the same JSON', () => {
    const write = canonicalRecord(['seq', 'fields', 'recipient', 'n', 'changes']);
    const fields = ['contact'];
    const sequence: ChainRecord[] = [
      { seq: 1, fields, recipient: 'chengdu', n: 0, changes: [[1]] },
      // the same contents in another array, the same string, -0 (written as 0), the same nested array
      { seq: 2, fields: ['contact'], recipient: 'chengdu', n: -0, changes: [[1]] },
      // one more element; a string where an array was
      { seq: 3, fields: ['contact', 'email'], recipient: 'chengdu', n: 0, changes: 'x' },
      // an element that differs, null
      { seq: 4, fields: ['contact', 'phone'], recipient: null, n: 1e21, changes: null },
      // a number written as text before, an array of a nested array
      { seq: 5, fields: ['contact', 'phone'], recipient: '1e+21', n: 1e21, changes: [[2]] },
    ];
    for (const r of sequence) expect(write(r)).toBe(canonical(r));
    // The caller's array changed in place after it was written: the kept copy does not follow it.
    const mine = ['contact'];
    expect(write({ seq: 6, fields: mine, recipient: 'x', n: 1, changes: null })).toBe(
      canonical({ seq: 6, fields: ['contact'], recipient: 'x', n: 1, changes: null }),
    );
    mine[0] = 'phone';
    const changed: ChainRecord = { seq: 7, fields: ['phone'], recipient: 'x', n: 1, changes: null };
    expect(write(changed)).toBe(canonical(changed));
    // What the library refuses after a kept value, it still refuses.
    expect(() => write({ seq: 9, fields: ['contact'], recipient: 'x', n: Number.NaN, changes: null })).toThrow();
    expect(() => write({ seq: 10, fields: ['contact', Number.NaN], recipient: 'x', n: 1, changes: null })).toThrow();
  });

  it('refuses what is not JSON', () => {
    expect(() => canonical(undefined)).toThrow();
    expect(() => canonical({ n: Number.NaN })).toThrow();
  });
});

describe('hash chain', () => {
  it('hash = SHA-256(prev_hash || canonical(record)), hex', () => {
    const record: ChainRecord = { seq: 1, at: '2026-12-07T10:00:00.000000Z', z: 'ä', a: null };
    const expected = createHash('sha256')
      .update(`${GENESIS}{"a":null,"at":"2026-12-07T10:00:00.000000Z","seq":1,"z":"ä"}`, 'utf8')
      .digest('hex');
    expect(chainHash(GENESIS, record)).toBe(expected);
    expect(linkHash(GENESIS, canonical(record))).toBe(expected);
    expect(chainHash('1'.repeat(64), record)).not.toBe(expected);
  });

  it('an intact chain verifies', () => {
    expect(verifyChain(chainOf(10))).toBeNull();
    expect(verifyChain([])).toBeNull();
    const links = chainOf(10);
    expect(verifyChain(links.slice(4), { seq: 5, prevHash: links[3].hash })).toBeNull();
  });

  it('names a changed record', () => {
    const links = chainOf(10);
    links[6].record = { ...links[6].record, actor: 'someone-else' };
    expect(verifyChain(links)).toMatchObject({ index: 6, seq: 7, kind: 'changed' });
  });

  it('names a record replaced with a recomputed hash by the link after it', () => {
    const links = chainOf(10);
    links[3].record = { ...links[3].record, actor: 'forged' };
    links[3].hash = chainHash(links[3].prevHash, links[3].record);
    expect(verifyChain(links)).toMatchObject({ index: 4, seq: 5, kind: 'broken-link', message: expect.stringContaining('seq 4') });
  });

  it('names a missing record, the first and the last', () => {
    const links = chainOf(10);
    expect(verifyChain([...links.slice(0, 2), ...links.slice(3)])).toMatchObject({ index: 2, seq: 3, kind: 'missing' });
    expect(verifyChain(links.slice(1))).toMatchObject({ index: 0, seq: 1, kind: 'missing' });
    expect(verifyChain(links.slice(0, 9), { seq: 1, prevHash: GENESIS })).toBeNull(); // the tail is checked against the head, not here
  });

  it('names reordered records', () => {
    const links = chainOf(10);
    [links[4], links[5]] = [links[5], links[4]];
    expect(verifyChain(links)).toMatchObject({ index: 4, seq: 6, kind: 'reordered' });
    const dup = chainOf(5);
    expect(verifyChain([...dup, dup[4]])).toMatchObject({ index: 5, seq: 5, kind: 'reordered' });
  });
});

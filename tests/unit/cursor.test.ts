import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../subgraphs/kit/pagination';

const b64 = (json: string) => Buffer.from(json, 'utf8').toString('base64url');
const refused = (cursor: string) => {
  try {
    decodeCursor(cursor);
  } catch (err) {
    const e = err as { extensions?: { code?: string; field?: string } };
    return e.extensions?.code === 'BAD_USER_INPUT' && e.extensions.field === 'after';
  }
  return false;
};

describe('cursors', () => {
  const id = randomUUID();

  it('decodes what it encodes', () => {
    for (const name of ['Acme', 'Ökotech Leuven', '成都环保', '👩‍💻 Studio', 'x'.repeat(200), 'O\'Neil "quoted" \\ slash']) {
      expect(decodeCursor(encodeCursor([name, id]))).toEqual([name, id]);
    }
  });

  it('refuses every shape it did not issue, naming after', () => {
    const forged = [
      '',
      'not-a-cursor!',
      b64('["a","x"]'),
      b64(`["\\u0000","${id}"]`),
      b64(`[1,"${id}"]`),
      b64(`["a","${id.toUpperCase()}"]`),
      b64(`["a","${id}",1]`),
      b64(`[ "a", "${id}" ]`), // another spelling of a valid key
      b64(`["\\u0041","${id}"]`),
      b64(`["\\ud800","${id}"]`),
      b64(`["a\\u0085","${id}"]`),
      b64(`["${'x'.repeat(201)}","${id}"]`),
      `${encodeCursor(['a', id])}=`,
      Buffer.from([0xff, 0xfe, 0x5b]).toString('base64url'),
      'A'.repeat(5000),
    ];
    for (const cursor of forged) expect(refused(cursor), cursor.slice(0, 80)).toBe(true);
  });

  it('never throws anything but BAD_USER_INPUT, and what it accepts re-encodes to itself', () => {
    const cursors = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.base64String({ maxLength: 400 }).map((s) => s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')),
      fc
        .tuple(fc.oneof(fc.string({ unit: 'binary', maxLength: 220 }), fc.integer(), fc.constant(null)), fc.oneof(fc.uuid(), fc.string()))
        .map((key) => b64(JSON.stringify(key))),
      fc.jsonValue().map((v) => b64(JSON.stringify(v))),
    );
    fc.assert(
      fc.property(cursors, (cursor) => {
        let key: [string, string];
        try {
          key = decodeCursor(cursor);
        } catch {
          expect(refused(cursor)).toBe(true);
          return;
        }
        expect(encodeCursor(key)).toBe(cursor);
      }),
      { seed: 11, numRuns: 3000 },
    );
  });
});

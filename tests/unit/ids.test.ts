import { describe, expect, it } from 'vitest';
import { isUuid, uuidV7 } from '../../platform/ids';

describe('uuidV7 (RFC 9562)', () => {
  it('has version 7, the RFC variant and the Unix milliseconds in its first 48 bits', () => {
    const ms = Date.UTC(2026, 11, 7, 17, 0, 0, 123);
    const id = uuidV7(ms);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
  });

  it('sorts by time as text (what makes it cheap as a primary key) and is random within a millisecond', () => {
    const ids = [1, 2, 255, 256, 65_536, Date.now()].map((ms) => uuidV7(ms));
    expect([...ids].sort()).toEqual(ids);
    const same = new Set(Array.from({ length: 1000 }, () => uuidV7(1_800_000_000_000)));
    expect(same.size).toBe(1000);
  });
});

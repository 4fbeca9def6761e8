import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_MAX, DATE_MIN, DateScalar, DateTimeScalar, isIsoDate, parseInstant } from '../../subgraphs/kit/scalars';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { extensions?: { code?: string } }).extensions?.code ?? 'thrown without a code';
  }
  return 'accepted';
};

describe('Date', () => {
  it(`accepts real calendar dates from ${DATE_MIN} to ${DATE_MAX}`, () => {
    for (const d of [DATE_MIN, DATE_MAX, '2000-02-29', '2026-07-01']) expect(DateScalar.parseValue(d)).toBe(d);
  });

  it('refuses dates outside the bounds, impossible dates and other shapes, with BAD_USER_INPUT', () => {
    for (const d of [
      '1899-12-31',
      '2101-01-01',
      '0100-01-01',
      '9999-12-31',
      '1900-02-29',
      '2026-13-01',
      '2026-1-1',
      '+02026-01-01',
      20260101,
      null,
    ]) {
      expect(
        codeOf(() => DateScalar.parseValue(d)),
        String(d),
      ).toBe('BAD_USER_INPUT');
    }
  });

  it('knows the leap years of the proleptic calendar, also for years 0-99', () => {
    expect(isIsoDate('0048-02-29')).toBe(true);
    expect(isIsoDate('0050-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
  });

  it('echoes at most a little of a huge value', () => {
    expect(() => DateScalar.parseValue('x'.repeat(100_000))).toThrow(/^.{0,200}$/s);
  });
});

describe('DateTime', () => {
  it('parses the instant exactly, with any offset and fraction', () => {
    expect(parseInstant('2027-02-04T14:00:00+01:00')).toBe(Date.UTC(2027, 1, 4, 13));
    expect(parseInstant('2027-02-04T14:00Z')).toBe(Date.UTC(2027, 1, 4, 14));
    expect(parseInstant('2027-02-04T14:00:00.123456789-09:30')).toBe(Date.UTC(2027, 1, 4, 23, 30, 0, 123));
  });

  it('refuses clock times and offsets that would roll over silently', () => {
    for (const v of [
      '2027-02-04T24:00:00Z',
      '2027-02-04T23:60:00Z',
      '2027-02-04T23:59:60Z',
      '2027-02-04T14:00:00+14:01',
      '2027-02-04T14:00:00+01:60',
      '2027-02-30T00:00:00Z',
    ]) {
      expect(parseInstant(v), v).toBeUndefined();
      expect(
        codeOf(() => DateTimeScalar.parseValue(v)),
        v,
      ).toBe('BAD_USER_INPUT');
    }
  });

  it('puts the bounds on the instant in UTC, so 9999-12-31T23:59:59-14:00 is refused', () => {
    expect(codeOf(() => DateTimeScalar.parseValue('9999-12-31T23:59:59-14:00'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => DateTimeScalar.parseValue('2100-12-31T23:00:00-05:00'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => DateTimeScalar.parseValue('1900-01-01T00:30:00+01:00'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => DateTimeScalar.parseValue('2101-01-01T09:00:00+14:00'))).toBe('accepted');
  });

  it('round-trips: whatever it accepts, it answers in a form it accepts again, naming the same instant', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const written = fc
      .record({
        y: fc.integer({ min: 1890, max: 2110 }),
        mo: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 31 }),
        h: fc.integer({ min: 0, max: 23 }),
        mi: fc.integer({ min: 0, max: 59 }),
        s: fc.integer({ min: 0, max: 59 }),
        frac: fc.option(fc.stringMatching(/^\d{1,9}$/)),
        offset: fc.option(fc.integer({ min: -14 * 60, max: 14 * 60 })),
      })
      .map(({ y, mo, d, h, mi, s, frac, offset }) => {
        const zone =
          offset === null ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
        return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${frac === null ? '' : `.${frac}`}${zone}`;
      });
    fc.assert(
      fc.property(written, (value) => {
        let parsed: Date;
        try {
          parsed = DateTimeScalar.parseValue(value) as Date;
        } catch (err) {
          expect((err as { extensions?: { code?: string } }).extensions?.code).toBe('BAD_USER_INPUT');
          return;
        }
        const answered = DateTimeScalar.serialize(parsed) as string;
        expect(answered).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect((DateTimeScalar.parseValue(answered) as Date).getTime()).toBe(parsed.getTime());
      }),
      { seed: 11, numRuns: 2000 },
    );
  });
});

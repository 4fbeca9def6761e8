import { describe, it, expect } from 'vitest';
import {
  checkEnterpriseNumber,
  digitsOf,
  enterpriseNumberFromBase,
  formatEnterpriseNumber,
} from '../../subgraphs/companies/validation/enterprise-number';
import { refusal } from '../helpers/expect';

const valid = (input: string) => {
  const r = checkEnterpriseNumber(input);
  if (!r.ok) throw new Error(`expected "${input}" to pass, got: ${r.reason}`);
  return r.value;
};
const reason = (input: string) => refusal(checkEnterpriseNumber, input);

describe('checkEnterpriseNumber', () => {
  it('accepts the normalised form and returns it unchanged', () => {
    // 07123456 mod 97 = 67, 97 - 67 = 30
    expect(checkEnterpriseNumber('0712.345.630')).toEqual({ ok: true, value: '0712.345.630' });
  });

  it('accepts bare digits, spaces and mixed separators', () => {
    expect(valid('0712345630')).toBe('0712.345.630');
    expect(valid('0712 345 630')).toBe('0712.345.630');
    expect(valid('0712.345 630')).toBe('0712.345.630');
    expect(valid('  0712.345.630\t')).toBe('0712.345.630');
  });

  it('accepts a BE prefix in any case, with or without a space', () => {
    expect(valid('BE0712345630')).toBe('0712.345.630');
    expect(valid('BE 0712.345.630')).toBe('0712.345.630');
    expect(valid('be0712.345.630')).toBe('0712.345.630');
    expect(valid(' Be 0712 345 630 ')).toBe('0712.345.630');
    expect(valid('BE  0712 345 630')).toBe('0712.345.630'); // spaces are allowed anywhere after BE
  });

  it('accepts a check value of 97 (first eight digits divisible by 97)', () => {
    // 04000086 = 97 * 41238, so the check is 97 - 0 = 97
    expect(valid('0400.008.697')).toBe('0400.008.697');
    expect(valid('0000000097')).toBe('0000.000.097');
  });

  it('accepts the 1-series (numbers starting with 1)', () => {
    // 10000000 mod 97 = 76, 97 - 76 = 21
    expect(valid('1000.000.021')).toBe('1000.000.021');
    expect(valid('BE1000000021')).toBe('1000.000.021');
  });

  it('reads an old nine-digit number with a leading 0', () => {
    expect(valid('712.345.630')).toBe('0712.345.630');
    expect(valid('BE 712345630')).toBe('0712.345.630');
  });

  it('rejects wrong check digits', () => {
    expect(checkEnterpriseNumber('0712.345.631').ok).toBe(false);
    expect(checkEnterpriseNumber('0712.345.629').ok).toBe(false);
    expect(checkEnterpriseNumber('0712.354.630').ok).toBe(false); // transposed digits
    expect(checkEnterpriseNumber('0400.008.600').ok).toBe(false); // 00 is never a check value
    expect(checkEnterpriseNumber('1000.000.022').ok).toBe(false);
    expect(reason('0712.345.631')).toMatch(/check digits/);
  });

  it('rejects numbers starting with 2-8 as establishment units, with that reason', () => {
    for (const first of ['2', '3', '4', '5', '6', '7', '8']) {
      const r = checkEnterpriseNumber(`${first}123.456.789`);
      expect(r.ok).toBe(false);
      expect(reason(`${first}123.456.789`)).toMatch(new RegExp(`starts with ${first}.*establishment unit`));
    }
    // Even with a check that would otherwise match: 21234567 mod 97 = 6 -> 91
    expect(reason('2123.456.791')).toMatch(/establishment unit/);
  });

  it('rejects a number starting with 9 without calling it an establishment unit', () => {
    const r = reason('9123.456.789');
    expect(r).toMatch(/10 digits starting with 0 or 1/);
    expect(r).not.toMatch(/establishment/);
  });

  it('rejects the wrong number of digits', () => {
    expect(reason('0712.345.6')).toMatch(/10 digits.*got 8 digits/);
    expect(reason('0712.345.6300')).toMatch(/10 digits.*got 11 digits/);
    expect(reason('1')).toMatch(/got 1 digit$/);
    expect(checkEnterpriseNumber('').ok).toBe(false);
    expect(checkEnterpriseNumber('   ').ok).toBe(false);
    expect(checkEnterpriseNumber('BE').ok).toBe(false);
    expect(checkEnterpriseNumber('...').ok).toBe(false);
  });

  it('rejects letters and other separators', () => {
    expect(reason('0712.345.63O')).toMatch(/only digits, dots and spaces/); // letter O
    expect(checkEnterpriseNumber('ABC').ok).toBe(false);
    expect(checkEnterpriseNumber('0712-345-630').ok).toBe(false);
    expect(checkEnterpriseNumber('0712/345/630').ok).toBe(false);
    expect(checkEnterpriseNumber('NL0712345630').ok).toBe(false);
    expect(checkEnterpriseNumber('BE-0712345630').ok).toBe(false);
    expect(checkEnterpriseNumber('0712345630BE').ok).toBe(false);
    expect(checkEnterpriseNumber('０７１２３４５６３０').ok).toBe(false); // full-width digits
  });

  it('does not put the field name in the reason', () => {
    for (const bad of ['0712.345.631', '2123.456.789', '12', 'x']) {
      expect(reason(bad)).not.toMatch(/enterprise ?number[:\s]/i);
    }
  });
});

describe('enterpriseNumberFromBase', () => {
  it('builds the normalised number with its check digits', () => {
    expect(enterpriseNumberFromBase(7123456)).toBe('0712.345.630');
    expect(enterpriseNumberFromBase(0)).toBe('0000.000.097');
    expect(enterpriseNumberFromBase(4000086)).toBe('0400.008.697');
    expect(enterpriseNumberFromBase(10000000)).toBe('1000.000.021');
    // 19999999 mod 97 = 54 -> 43
    expect(enterpriseNumberFromBase(19999999)).toBe('1999.999.943');
  });

  it('builds numbers that the checker accepts unchanged', () => {
    for (let base = 0; base <= 19_999_999; base += 104_729) {
      const n = enterpriseNumberFromBase(base);
      expect(n).toMatch(/^[01]\d{3}\.\d{3}\.\d{3}$/);
      expect(checkEnterpriseNumber(n)).toEqual({ ok: true, value: n });
      expect(Number(digitsOf(n).slice(0, 8))).toBe(base);
    }
  });

  it('throws for a base out of range or not an integer', () => {
    expect(() => enterpriseNumberFromBase(-1)).toThrow(RangeError);
    expect(() => enterpriseNumberFromBase(20_000_000)).toThrow(RangeError);
    expect(() => enterpriseNumberFromBase(99_999_999)).toThrow(RangeError);
    expect(() => enterpriseNumberFromBase(1.5)).toThrow(RangeError);
    expect(() => enterpriseNumberFromBase(Number.NaN)).toThrow(RangeError);
  });
});

describe('digitsOf / formatEnterpriseNumber', () => {
  it('converts between the normalised form and ten digits', () => {
    expect(digitsOf('0712.345.630')).toBe('0712345630');
    expect(formatEnterpriseNumber('0712345630')).toBe('0712.345.630');
    expect(() => formatEnterpriseNumber('712345630')).toThrow(RangeError);
  });
});

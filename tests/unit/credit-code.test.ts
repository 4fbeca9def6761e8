import { describe, it, expect } from 'vitest';
import {
  checkCreditCode,
  creditCodeCheckChar,
  creditCodeFromBase,
  CREDIT_CODE_ALPHABET,
} from '../../subgraphs/partners/validation/credit-code';
import { refusal } from '../helpers/expect';

const reason = (input: string) => refusal(checkCreditCode, input);

// Codes below other than the real one were built by hand from GB 32100-2015
// (weights 3^(i-1) mod 31), independently of the module under test.
const REAL = '91110000600037341L';
const CHECK_ZERO = '915101007000000200'; // weighted sum = 31 * k, so 31 - 0 = 31 -> "0"
const CHECK_ZERO_LETTER_START = 'N25101040000000220';
const STARTS_WITH_Y = 'Y15101070000000213';
const Y_WITH_LETTERS = 'Y1510107MA6CT3R9X5';
const CHENGDU = '91510100MA61RL2W79';
const CHECK_LETTER = '91510100600000023X';

describe('checkCreditCode', () => {
  it('accepts a known real code', () => {
    expect(checkCreditCode(REAL)).toEqual({ ok: true, value: REAL });
  });

  it('accepts a code whose check value is 0 (31 mod 31)', () => {
    expect(checkCreditCode(CHECK_ZERO)).toEqual({ ok: true, value: CHECK_ZERO });
    expect(checkCreditCode(CHECK_ZERO_LETTER_START)).toEqual({ ok: true, value: CHECK_ZERO_LETTER_START });
    // The same bases with any other last character fail.
    expect(checkCreditCode('915101007000000201').ok).toBe(false);
    expect(checkCreditCode('91510100700000020Y').ok).toBe(false);
  });

  it('accepts codes starting with a letter', () => {
    expect(checkCreditCode(STARTS_WITH_Y)).toEqual({ ok: true, value: STARTS_WITH_Y });
    expect(checkCreditCode(Y_WITH_LETTERS)).toEqual({ ok: true, value: Y_WITH_LETTERS });
  });

  it('accepts letters in the body and as check character', () => {
    expect(checkCreditCode(CHENGDU)).toEqual({ ok: true, value: CHENGDU });
    expect(checkCreditCode(CHECK_LETTER)).toEqual({ ok: true, value: CHECK_LETTER });
  });

  it('accepts lower case and surrounding spaces, returning upper case', () => {
    expect(checkCreditCode('  91110000600037341l ')).toEqual({ ok: true, value: REAL });
    expect(checkCreditCode('\ty1510107ma6ct3r9x5\n')).toEqual({ ok: true, value: Y_WITH_LETTERS });
  });

  it('rejects a wrong check character', () => {
    expect(reason('91110000600037341K')).toMatch(/check character/);
    expect(checkCreditCode('91110000600037341M').ok).toBe(false);
    expect(checkCreditCode('911100006000373410').ok).toBe(false);
    expect(checkCreditCode('91110000600073341L').ok).toBe(false); // transposed digits
    expect(checkCreditCode('Y15101070000000214').ok).toBe(false);
  });

  it('rejects each excluded letter I, O, Z, S, V, naming the character and position', () => {
    expect(reason('91110000I00037341L')).toMatch(/"I" at position 9.*never used/);
    expect(reason('91O10000600037341L')).toMatch(/"O" at position 3/);
    expect(reason('S1110000600037341L')).toMatch(/"S" at position 1/);
    expect(reason('91110000600V37341L')).toMatch(/"V" at position 12/);
    expect(reason('91110000600037341Z')).toMatch(/"Z" at position 18/);
    // lower-case excluded letters are upper-cased first, then refused
    expect(reason('9111000060003734iL')).toMatch(/"I" at position 17/);
  });

  it('rejects other characters outside the alphabet', () => {
    expect(reason('91110000-00037341L')).toMatch(/"-" at position 9; only digits 0-9 and capital letters/);
    expect(reason('91110000６00037341L')).toMatch(/position 9/); // full-width 6
    expect(reason('91110000文00037341L')).toMatch(/"文" at position 9/);
  });

  it('rejects the wrong length', () => {
    expect(reason('91110000600037341')).toMatch(/18 characters.*got 17/);
    expect(reason('91110000600037341LL')).toMatch(/got 19/);
    expect(reason('')).toMatch(/got 0/);
    expect(checkCreditCode('   ').ok).toBe(false);
  });

  it('ignores spaces between groups of characters', () => {
    expect(checkCreditCode('9111 0000 6000 3734 1l')).toEqual({ ok: true, value: '91110000600037341L' });
    expect(reason('9111 0000 6000 3734 1')).toMatch(/got 17/);
  });
});

describe('creditCodeCheckChar / creditCodeFromBase', () => {
  it('computes the check character, including 0 and letters', () => {
    expect(creditCodeCheckChar('91110000600037341')).toBe('L');
    expect(creditCodeCheckChar('91510100700000020')).toBe('0');
    expect(creditCodeCheckChar('91510100600000023')).toBe('X');
    expect(creditCodeCheckChar('y1510107ma6ct3r9x')).toBe('5');
  });

  it('appends the check character to an upper-cased base', () => {
    expect(creditCodeFromBase('91110000600037341')).toBe(REAL);
    expect(creditCodeFromBase('n2510104000000022')).toBe(CHECK_ZERO_LETTER_START);
  });

  it('builds codes that the checker accepts, for every first character', () => {
    for (const first of CREDIT_CODE_ALPHABET) {
      const code = creditCodeFromBase(`${first}2510107MA6CT3R9X`);
      expect(checkCreditCode(code)).toEqual({ ok: true, value: code });
    }
  });

  it('has the 31-character alphabet of the standard', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    expect(CREDIT_CODE_ALPHABET.indexOf('A')).toBe(10);
    expect(CREDIT_CODE_ALPHABET.indexOf('J')).toBe(18);
    expect(CREDIT_CODE_ALPHABET.indexOf('P')).toBe(23);
    expect(CREDIT_CODE_ALPHABET.indexOf('T')).toBe(26);
    expect(CREDIT_CODE_ALPHABET.indexOf('W')).toBe(28);
    expect(CREDIT_CODE_ALPHABET.indexOf('Y')).toBe(30);
    for (const excluded of 'IOZSV') expect(CREDIT_CODE_ALPHABET).not.toContain(excluded);
  });

  it('throws for a base that is not 17 allowed characters', () => {
    expect(() => creditCodeCheckChar('9111000060003734')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('911100006000373411')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('9111000060003734I')).toThrow(/"I" at position 17/);
    expect(() => creditCodeFromBase('S1110000600037341')).toThrow(RangeError);
  });
});

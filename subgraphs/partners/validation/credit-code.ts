import { type Check, fail, ok } from '../../kit/validation/check';

/**
 * Chinese Unified Social Credit Code (统一社会信用代码, GB 32100-2015).
 *
 * 18 characters from 0-9 and A-Z without I, O, Z, S, V. Position 1 is the
 * registering authority, 2 the entity category, 3-8 the region code (Chengdu
 * 5101xx), 9-17 the organisation code, 18 the check character.
 * Values: 0-9, then A=10 ... Y=30 skipping the excluded letters (the alphabet
 * below, in order). Weights for positions 1-17 are 3^(i-1) mod 31.
 * Check value = 31 - (weighted sum mod 31), where 31 means 0.
 *
 * Only the check character is verified: the registering-authority and category
 * codes and the GB 11714 check inside positions 9-17 are not, so codes built for
 * demo data from any 17 allowed characters pass.
 */

/** The 31 allowed characters; a character's index is its value. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const EXCLUDED = 'IOZSV';
const ALPHABET_TEXT = 'digits 0-9 and capital letters A-Z except I, O, Z, S and V';

function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  if (/^[\x20-\x7e]$/.test(ch) || /\p{L}|\p{N}/u.test(ch)) return `"${ch}"`;
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** First character (1-based position) not in the alphabet, if any. */
function firstBadChar(s: string): { ch: string; pos: number } | undefined {
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    if (!CREDIT_CODE_ALPHABET.includes(chars[i])) return { ch: chars[i], pos: i + 1 };
  }
  return undefined;
}

function badCharReason(bad: { ch: string; pos: number }): string {
  const why = EXCLUDED.includes(bad.ch) ? ' (the letters I, O, Z, S and V are never used)' : '';
  return `contains ${describeChar(bad.ch)} at position ${bad.pos}${why}; only ${ALPHABET_TEXT} are allowed`;
}

function checkValue(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return (31 - (sum % 31)) % 31;
}

/**
 * The check character for the first 17 characters (any letter case).
 * Throws when the input is not 17 allowed characters.
 */
export function creditCodeCheckChar(first17: string): string {
  const s = first17.toUpperCase();
  if ([...s].length !== 17) throw new RangeError(`expected 17 characters, got ${[...s].length}`);
  const bad = firstBadChar(s);
  if (bad) throw new RangeError(`credit code ${badCharReason(bad)}`);
  return CREDIT_CODE_ALPHABET[checkValue(s)];
}

/** The full 18-character code: the first 17 (upper-cased) plus their check character. */
export function creditCodeFromBase(first17: string): string {
  return first17.toUpperCase() + creditCodeCheckChar(first17);
}

export function checkCreditCode(input: string): Check {
  // Codes are often written in groups ("9151 0107 MA6G CA99 69"): spaces are not part of the code.
  const s = input.replace(/\s+/g, '').toUpperCase();
  const length = [...s].length;
  if (length !== 18) {
    return fail(`must be 18 characters (${ALPHABET_TEXT}), e.g. 91110000600037341L; got ${length}`);
  }
  const bad = firstBadChar(s);
  if (bad) return fail(badCharReason(bad));
  if (s[17] !== CREDIT_CODE_ALPHABET[checkValue(s)]) {
    return fail('has a wrong check character: the 18th character does not match the first 17 (check for a typing error)');
  }
  return ok(s);
}

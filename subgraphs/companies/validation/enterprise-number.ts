import { type Check, fail, ok } from '../../kit/validation/check';

/**
 * Belgian enterprise number (ondernemingsnummer / numéro d'entreprise, KBO/BCE).
 *
 * Ten digits, written `0712.345.630`. The first digit is 0 or 1 (numbers starting
 * with 2-8 are establishment units, "vestigingseenheden", not enterprises). The
 * last two digits are a check: 97 - (first eight digits mod 97), so 01..97.
 *
 * Choice: nine-digit input is accepted and read with a leading 0. Before 2005
 * enterprise and VAT numbers had nine digits; the ten-digit number is the old one
 * with a 0 in front (the leading 0 does not change the mod-97 check), and people
 * still type the old form ("BE 412.345.678"). A nine-digit typo of a ten-digit
 * number still has to pass the mod-97 check, which catches it 96 times in 97.
 */

const EXAMPLE = '0712.345.630';
const SHAPE = `must be 10 digits starting with 0 or 1, e.g. ${EXAMPLE}`;

/** Keeps only the digits, e.g. `0712.345.630` -> `0712345630`. */
export function digitsOf(enterpriseNumber: string): string {
  return enterpriseNumber.replace(/\D/g, '');
}

/** `0712345630` -> `0712.345.630`. Expects exactly ten digits. */
export function formatEnterpriseNumber(tenDigits: string): string {
  if (!/^\d{10}$/.test(tenDigits)) throw new RangeError(`expected 10 digits, got "${tenDigits}"`);
  return `${tenDigits.slice(0, 4)}.${tenDigits.slice(4, 7)}.${tenDigits.slice(7)}`;
}

/** The two check digits (01..97) for the first eight digits. */
function checkDigits(firstEight: number): string {
  return String(97 - (firstEight % 97)).padStart(2, '0');
}

export function checkEnterpriseNumber(input: string): Check {
  let s = input.trim();
  // Optional country prefix: "BE", "be", "BE ", "BE0712..." (VAT form).
  s = s.replace(/^be\s?/i, '');
  if (s === '') return fail(SHAPE);
  if (!/^[\d. ]+$/.test(s)) {
    return fail(`may contain only digits, dots and spaces (after an optional BE prefix); ${SHAPE}`);
  }
  let digits = digitsOf(s);
  if (digits.length === 9) digits = `0${digits}`; // old nine-digit number, see above
  if (digits.length !== 10) {
    return fail(`${SHAPE}; got ${digits.length} digit${digits.length === 1 ? '' : 's'}`);
  }
  const first = digits[0];
  if (first !== '0' && first !== '1') {
    if (first === '9') return fail(SHAPE);
    return fail(
      `starts with ${first}, which makes it an establishment unit number, not an enterprise number; ` +
        `enterprise numbers start with 0 or 1, e.g. ${EXAMPLE}`,
    );
  }
  if (digits.slice(8) !== checkDigits(Number(digits.slice(0, 8)))) {
    return fail(
      'has wrong check digits: the last two digits must equal 97 minus the first eight digits modulo 97 (check for a typing error)',
    );
  }
  return ok(formatEnterpriseNumber(digits));
}

/**
 * Builds a valid, normalised enterprise number from its first eight digits
 * (0..19999999, so that the first digit is 0 or 1). Used for demo and
 * benchmark data: `enterpriseNumberFromBase(7123456)` -> `0712.345.630`.
 */
export function enterpriseNumberFromBase(firstEight: number): string {
  if (!Number.isInteger(firstEight) || firstEight < 0 || firstEight > 19_999_999) {
    throw new RangeError(`enterprise number base must be an integer in 0..19999999, got ${firstEight}`);
  }
  const base = String(firstEight).padStart(8, '0');
  return formatEnterpriseNumber(base + checkDigits(firstEight));
}

import { type Check, fail, ok } from '../../kit/validation/check';

/**
 * Chinese Unified Social Credit Code (统一社会信用代码, GB 32100-2015).
 *
 * 18 characters from 0-9 and A-Z without I, O, Z, S, V. Position 1 is the
 * registration authority, 2 the entity type under that authority (both from
 * the standard's table, below), 3-8 the region code of the registering office
 * (GB/T 2260: six digits starting with a province-level code; Chengdu
 * 5101xx), 9-17 the organisation code, 18 the check character.
 * Values: 0-9, then A=10 ... Y=30 skipping the excluded letters (the alphabet
 * below, in order). Weights for positions 1-17 are 3^(i-1) mod 31.
 * Check value = 31 - (weighted sum mod 31), where 31 means 0.
 *
 * Not checked: whether the region code is a current county of GB/T 2260
 * (codes keep the region of the office that issued them, and counties are
 * renamed and merged), and the GB 11714 check digit inside positions 9-17
 * (codes given to individual businesses do not all carry one).
 */

/** GB 32100-2015, table 1: registration authority (position 1) -> its entity types (position 2). */
export const REGISTRATION_AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  '1': {
    name: 'institutional organisation (机构编制)',
    types: { '1': 'state organ', '2': 'public institution', '3': 'mass organisation', '9': 'other' },
  },
  '2': { name: 'foreign affairs (外交)', types: { '1': 'resident foreign news agency', '9': 'other' } },
  '3': {
    name: 'judicial administration (司法行政)',
    types: {
      '1': 'law firm',
      '2': 'notary office',
      '3': 'legal service office',
      '4': 'forensic appraisal institution',
      '5': 'arbitration commission',
      '9': 'other',
    },
  },
  '4': { name: 'culture (文化)', types: { '1': 'foreign cultural centre', '9': 'other' } },
  '5': {
    name: 'civil affairs (民政)',
    types: { '1': 'social organisation', '2': 'private non-enterprise unit', '3': 'foundation', '9': 'other' },
  },
  '6': { name: 'tourism (旅游)', types: { '1': 'foreign tourism office', '2': 'Hong Kong, Macao or Taiwan tourism office', '9': 'other' } },
  '7': { name: 'religious affairs (宗教)', types: { '1': 'place of religious activity', '2': 'religious school', '9': 'other' } },
  '8': { name: 'trade union (工会)', types: { '1': 'grassroots trade union', '9': 'other' } },
  '9': { name: 'industry and commerce (工商)', types: { '1': 'enterprise', '2': 'individual business', '3': 'farmers’ cooperative' } },
  A: { name: 'military staffing (中央军委改革和编制办公室)', types: { '1': 'military public institution', '9': 'other' } },
  N: {
    name: 'agriculture (农业)',
    types: { '1': 'group collective', '2': 'village collective', '3': 'township collective', '9': 'other' },
  },
  Y: { name: 'other (其他)', types: { '1': 'other' } },
};

/**
 * Province-level divisions of GB/T 2260 (the first two digits of a region
 * code), and 10 for organisations registered at national level (region 100000).
 */
export const PROVINCE_CODES: Record<string, string> = {
  '10': 'national level',
  '11': 'Beijing',
  '12': 'Tianjin',
  '13': 'Hebei',
  '14': 'Shanxi',
  '15': 'Inner Mongolia',
  '21': 'Liaoning',
  '22': 'Jilin',
  '23': 'Heilongjiang',
  '31': 'Shanghai',
  '32': 'Jiangsu',
  '33': 'Zhejiang',
  '34': 'Anhui',
  '35': 'Fujian',
  '36': 'Jiangxi',
  '37': 'Shandong',
  '41': 'Henan',
  '42': 'Hubei',
  '43': 'Hunan',
  '44': 'Guangdong',
  '45': 'Guangxi',
  '46': 'Hainan',
  '50': 'Chongqing',
  '51': 'Sichuan',
  '52': 'Guizhou',
  '53': 'Yunnan',
  '54': 'Tibet',
  '61': 'Shaanxi',
  '62': 'Gansu',
  '63': 'Qinghai',
  '64': 'Ningxia',
  '65': 'Xinjiang',
  '71': 'Taiwan',
  '81': 'Hong Kong',
  '82': 'Macao',
};

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

/** What is wrong with the authority, entity type and region of an 18-character code, or undefined. */
function structureProblem(s: string): string | undefined {
  const authority = REGISTRATION_AUTHORITIES[s[0]];
  if (!authority) {
    return `starts with "${s[0]}", which is not a registration authority of GB 32100-2015 (the first character is one of ${Object.keys(REGISTRATION_AUTHORITIES).join(', ')}; 9 for companies)`;
  }
  const type = authority.types[s[1]];
  if (!type) {
    const types = Object.entries(authority.types).map(([code, name]) => `${code} ${name}`);
    return `has entity type "${s[1]}" at position 2, which registration authority ${s[0]} (${authority.name}) does not have: expected ${types.join(', ')}`;
  }
  const region = s.slice(2, 8);
  if (!/^\d{6}$/.test(region))
    return `has region code "${region}" at positions 3-8, which must be six digits (GB/T 2260, e.g. 510107 for Wuhou, Chengdu)`;
  if (!PROVINCE_CODES[region.slice(0, 2)] || (region.startsWith('10') && region !== '100000')) {
    return `has region code ${region} at positions 3-8, which does not start with a province-level code of GB/T 2260 (11 Beijing … 51 Sichuan … 82 Macao; 100000 for national level)`;
  }
  return undefined;
}

/**
 * A credit code: 18 allowed characters, a registration authority and entity
 * type from GB 32100-2015, a region code with a province-level prefix, and
 * the right check character; each refusal says which of these is wrong.
 */
export function checkCreditCode(input: string): Check {
  // Codes are often written in groups ("9151 0107 MA6G CA99 69"): spaces are not part of the code.
  const s = input.replace(/\s+/g, '').toUpperCase();
  const length = [...s].length;
  if (length !== 18) {
    return fail(`must be 18 characters (${ALPHABET_TEXT}), e.g. 91110000600037341L; got ${length}`);
  }
  const bad = firstBadChar(s);
  if (bad) return fail(badCharReason(bad));
  const structure = structureProblem(s);
  if (structure) return fail(structure);
  if (s[17] !== CREDIT_CODE_ALPHABET[checkValue(s)]) {
    return fail('has a wrong check character: the 18th character does not match the first 17 (check for a typing error)');
  }
  return ok(s);
}

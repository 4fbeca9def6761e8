import { type Check, fail, ok } from '../../kit/validation/check';

/**
 * The 63 municipalities of the Province of Vlaams-Brabant since 1 January 2025
 * (Galmaarden, Gooik and Herne merged into Pajottegem), with their Belgian postal
 * codes, main code first. Vlaams-Brabant's postal codes lie in 1500-1999 and
 * 3000-3499 (Overijse, 3090, is in the 3000 range).
 */

export type Arrondissement = 'Leuven' | 'Halle-Vilvoorde';

export interface Municipality {
  readonly name: string;
  readonly arrondissement: Arrondissement;
  readonly postalCodes: readonly string[];
}

const L = (name: string, ...postalCodes: string[]): Municipality =>
  Object.freeze({ name, arrondissement: 'Leuven', postalCodes: Object.freeze(postalCodes) });
const HV = (name: string, ...postalCodes: string[]): Municipality =>
  Object.freeze({ name, arrondissement: 'Halle-Vilvoorde', postalCodes: Object.freeze(postalCodes) });

export const MUNICIPALITIES: readonly Municipality[] = Object.freeze([
  // Arrondissement Leuven (30)
  L('Aarschot', '3200', '3201', '3202'),
  L('Begijnendijk', '3130'),
  L('Bekkevoort', '3460', '3461'),
  L('Bertem', '3060', '3061'),
  L('Bierbeek', '3360'),
  L('Boortmeerbeek', '3190', '3191'),
  L('Boutersem', '3370'),
  L('Diest', '3290', '3293', '3294'),
  L('Geetbets', '3450', '3454'),
  L('Glabbeek', '3380', '3381'),
  L('Haacht', '3150'),
  L('Herent', '3020'),
  L('Hoegaarden', '3320', '3321'),
  L('Holsbeek', '3220', '3221'),
  L('Huldenberg', '3040'),
  L('Keerbergen', '3140'),
  L('Kortenaken', '3470', '3471', '3472', '3473'),
  L('Kortenberg', '3070', '3071', '3078'),
  L('Landen', '3400', '3401'),
  L('Leuven', '3000', '3001', '3010', '3012', '3018'),
  L('Linter', '3350'),
  L('Lubbeek', '3210', '3211', '3212'),
  L('Oud-Heverlee', '3050', '3051', '3052', '3053', '3054'),
  L('Rotselaar', '3110', '3111', '3118'),
  L('Scherpenheuvel-Zichem', '3270', '3271', '3272'),
  L('Tervuren', '3080'),
  L('Tielt-Winge', '3390', '3391'),
  L('Tienen', '3300'),
  L('Tremelo', '3120', '3128'),
  L('Zoutleeuw', '3440'),
  // Arrondissement Halle-Vilvoorde (33)
  HV('Affligem', '1790'),
  HV('Asse', '1730', '1731'),
  HV('Beersel', '1650', '1651', '1652', '1653', '1654'),
  HV('Bever', '1547'),
  HV('Dilbeek', '1700', '1701', '1702', '1703'),
  HV('Drogenbos', '1620'),
  HV('Grimbergen', '1850', '1851', '1852', '1853'),
  HV('Halle', '1500', '1501', '1502'),
  HV('Hoeilaart', '1560'),
  HV('Kampenhout', '1910'),
  HV('Kapelle-op-den-Bos', '1880'),
  HV('Kraainem', '1950'),
  HV('Lennik', '1750'),
  HV('Liedekerke', '1770'),
  HV('Linkebeek', '1630'),
  HV('Londerzeel', '1840'),
  HV('Machelen', '1830', '1831'),
  HV('Meise', '1860', '1861'),
  HV('Merchtem', '1785'),
  HV('Opwijk', '1745'),
  HV('Overijse', '3090'),
  // Galmaarden 1570, Gooik 1755, Herne 1540 and Sint-Pieters-Kapelle 1541.
  HV('Pajottegem', '1570', '1755', '1540', '1541'),
  HV('Pepingen', '1670', '1671', '1673', '1674'),
  HV('Roosdaal', '1760', '1761'),
  HV('Sint-Genesius-Rode', '1640'),
  HV('Sint-Pieters-Leeuw', '1600', '1601', '1602'),
  HV('Steenokkerzeel', '1820'),
  HV('Ternat', '1740', '1741', '1742'),
  HV('Vilvoorde', '1800'),
  HV('Wemmel', '1780'),
  HV('Wezembeek-Oppem', '1970'),
  HV('Zaventem', '1930', '1932', '1933'),
  HV('Zemst', '1980', '1981', '1982'),
]);

/** Former municipalities merged on 1 January 2025, by lookup key. */
const MERGED: ReadonlyMap<string, { name: string; into: string; year: number }> = new Map(
  ['Galmaarden', 'Gooik', 'Herne'].map((name) => [key(name), { name, into: 'Pajottegem', year: 2025 }]),
);

/**
 * Lookup key: lower case, whitespace collapsed, and any run of spaces and
 * hyphens read as one hyphen, so "oud - heverlee", "Oud Heverlee" and
 * "OUD-HEVERLEE" all find Oud-Heverlee.
 */
function key(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[\s\-\u2010-\u2013]+/g, '-');
}

const BY_KEY: ReadonlyMap<string, Municipality> = new Map(MUNICIPALITIES.map((m) => [key(m.name), m]));
const BY_POSTAL_CODE: ReadonlyMap<string, Municipality> = new Map(
  MUNICIPALITIES.flatMap((m) => m.postalCodes.map((code) => [code, m] as const)),
);

/** The municipality with this name (any case, loose hyphens), or undefined. */
export function findMunicipality(name: string): Municipality | undefined {
  return BY_KEY.get(key(name));
}

/** The municipality that a listed postal code belongs to, or undefined. */
export function municipalityByPostalCode(postalCode: string): Municipality | undefined {
  return BY_POSTAL_CODE.get(postalCode.trim());
}

/** Accepts a municipality name in any letter case; returns its canonical spelling. */
export function checkMunicipality(input: string): Check {
  const k = key(input);
  if (k === '' || k === '-') return fail('must be the name of a municipality in Vlaams-Brabant, e.g. Leuven');
  const found = BY_KEY.get(k);
  if (found) return ok(found.name);
  const merged = MERGED.get(k);
  if (merged) {
    return fail(
      `${merged.name} is no longer a municipality: it merged into ${merged.into} on 1 January ${merged.year}; use ${merged.into}`,
    );
  }
  return fail('is not one of the 63 municipalities of Vlaams-Brabant (spelled in Dutch, e.g. Leuven or Sint-Genesius-Rode)');
}

/** A Belgian postal code in Vlaams-Brabant's ranges: four digits, 1500-1999 or 3000-3499. */
export function checkPostalCode(input: string): Check {
  const s = input.trim();
  if (!/^\d{4}$/.test(s)) return fail('must be 4 digits in 1500-1999 or 3000-3499, e.g. 3000');
  const n = Number(s);
  if ((n >= 1500 && n <= 1999) || (n >= 3000 && n <= 3499)) return ok(s);
  return fail('must be a Vlaams-Brabant postal code, in 1500-1999 or 3000-3499, e.g. 3000');
}

import { describe, it, expect } from 'vitest';
import {
  MUNICIPALITIES,
  checkMunicipality,
  checkPostalCode,
  findMunicipality,
  municipalityByPostalCode,
} from '../../subgraphs/companies/validation/municipalities';

const reason = (r: ReturnType<typeof checkMunicipality>) => {
  if (r.ok) throw new Error(`expected a failure, got ${r.value}`);
  return r.reason;
};

const LEUVEN_ARR = [
  'Aarschot',
  'Begijnendijk',
  'Bekkevoort',
  'Bertem',
  'Bierbeek',
  'Boortmeerbeek',
  'Boutersem',
  'Diest',
  'Geetbets',
  'Glabbeek',
  'Haacht',
  'Herent',
  'Hoegaarden',
  'Holsbeek',
  'Huldenberg',
  'Keerbergen',
  'Kortenaken',
  'Kortenberg',
  'Landen',
  'Leuven',
  'Linter',
  'Lubbeek',
  'Oud-Heverlee',
  'Rotselaar',
  'Scherpenheuvel-Zichem',
  'Tervuren',
  'Tielt-Winge',
  'Tienen',
  'Tremelo',
  'Zoutleeuw',
];
const HALLE_VILVOORDE_ARR = [
  'Affligem',
  'Asse',
  'Beersel',
  'Bever',
  'Dilbeek',
  'Drogenbos',
  'Grimbergen',
  'Halle',
  'Hoeilaart',
  'Kampenhout',
  'Kapelle-op-den-Bos',
  'Kraainem',
  'Lennik',
  'Liedekerke',
  'Linkebeek',
  'Londerzeel',
  'Machelen',
  'Meise',
  'Merchtem',
  'Opwijk',
  'Overijse',
  'Pajottegem',
  'Pepingen',
  'Roosdaal',
  'Sint-Genesius-Rode',
  'Sint-Pieters-Leeuw',
  'Steenokkerzeel',
  'Ternat',
  'Vilvoorde',
  'Wemmel',
  'Wezembeek-Oppem',
  'Zaventem',
  'Zemst',
];

describe('MUNICIPALITIES', () => {
  it('has exactly the 63 municipalities of 2025: 30 in Leuven, 33 in Halle-Vilvoorde', () => {
    expect(MUNICIPALITIES).toHaveLength(63);
    expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).toBe(63);
    const byArr = (a: string) =>
      MUNICIPALITIES.filter((m) => m.arrondissement === a)
        .map((m) => m.name)
        .sort();
    expect(byArr('Leuven')).toEqual([...LEUVEN_ARR].sort());
    expect(byArr('Halle-Vilvoorde')).toEqual([...HALLE_VILVOORDE_ARR].sort());
  });

  it('no longer lists the municipalities merged into Pajottegem', () => {
    const names = MUNICIPALITIES.map((m) => m.name);
    for (const old of ['Galmaarden', 'Gooik', 'Herne']) expect(names).not.toContain(old);
  });

  it('lists the main postal code first', () => {
    expect(findMunicipality('Leuven')?.postalCodes).toEqual(['3000', '3001', '3010', '3012', '3018']);
    expect(findMunicipality('Pajottegem')?.postalCodes.slice(0, 3)).toEqual(['1570', '1755', '1540']);
    expect(findMunicipality('Halle')?.postalCodes[0]).toBe('1500');
    expect(findMunicipality('Overijse')?.postalCodes).toEqual(['3090']);
    expect(findMunicipality('Vilvoorde')?.postalCodes[0]).toBe('1800');
  });

  it('gives every municipality at least one postal code, each passing checkPostalCode', () => {
    for (const m of MUNICIPALITIES) {
      expect(m.postalCodes.length, m.name).toBeGreaterThan(0);
      for (const code of m.postalCodes) {
        expect(checkPostalCode(code), `${m.name} ${code}`).toEqual({ ok: true, value: code });
      }
    }
  });

  it('assigns each postal code to one municipality only', () => {
    const all = MUNICIPALITIES.flatMap((m) => m.postalCodes);
    expect(new Set(all).size).toBe(all.length);
    expect(municipalityByPostalCode('3001')?.name).toBe('Leuven');
    expect(municipalityByPostalCode(' 1755 ')?.name).toBe('Pajottegem');
    expect(municipalityByPostalCode('1000')).toBeUndefined();
  });

  it('is frozen', () => {
    expect(Object.isFrozen(MUNICIPALITIES)).toBe(true);
    expect(Object.isFrozen(MUNICIPALITIES[0])).toBe(true);
    expect(Object.isFrozen(MUNICIPALITIES[0].postalCodes)).toBe(true);
  });
});

describe('checkMunicipality', () => {
  it('accepts every canonical name unchanged', () => {
    for (const m of MUNICIPALITIES) expect(checkMunicipality(m.name)).toEqual({ ok: true, value: m.name });
  });

  it('ignores letter case and surrounding whitespace, returning the canonical spelling', () => {
    expect(checkMunicipality('leuven')).toEqual({ ok: true, value: 'Leuven' });
    expect(checkMunicipality('LEUVEN')).toEqual({ ok: true, value: 'Leuven' });
    expect(checkMunicipality('  lEuVeN \n')).toEqual({ ok: true, value: 'Leuven' });
    expect(checkMunicipality('sint-genesius-rode')).toEqual({ ok: true, value: 'Sint-Genesius-Rode' });
    expect(checkMunicipality('PAJOTTEGEM')).toEqual({ ok: true, value: 'Pajottegem' });
  });

  it('tolerates spaces around hyphens and spaces instead of hyphens', () => {
    expect(checkMunicipality('Oud - Heverlee')).toEqual({ ok: true, value: 'Oud-Heverlee' });
    expect(checkMunicipality('oud- heverlee')).toEqual({ ok: true, value: 'Oud-Heverlee' });
    expect(checkMunicipality('Kapelle - op - den - Bos')).toEqual({ ok: true, value: 'Kapelle-op-den-Bos' });
    expect(checkMunicipality('Sint Pieters Leeuw')).toEqual({ ok: true, value: 'Sint-Pieters-Leeuw' });
    expect(checkMunicipality('Scherpenheuvel–Zichem')).toEqual({ ok: true, value: 'Scherpenheuvel-Zichem' }); // en dash
  });

  it('rejects Galmaarden, Gooik and Herne with a reason pointing to Pajottegem', () => {
    for (const old of ['Galmaarden', 'gooik', ' HERNE ']) {
      const r = reason(checkMunicipality(old));
      expect(r).toMatch(/merged into Pajottegem/);
      expect(r).toMatch(/2025/);
    }
    expect(reason(checkMunicipality('gooik'))).toMatch(/^Gooik /);
  });

  it('rejects unknown names, villages, other provinces and empty input', () => {
    for (const bad of ['Atlantis', 'Heverlee', 'Brussel', 'Gent', 'Hasselt', 'Wavre', 'Leuven3000', 'Louvain']) {
      expect(reason(checkMunicipality(bad))).toMatch(/not one of the 63 municipalities of Vlaams-Brabant/);
    }
    expect(checkMunicipality('').ok).toBe(false);
    expect(checkMunicipality('  ').ok).toBe(false);
    expect(checkMunicipality('-').ok).toBe(false);
    expect(checkMunicipality('Oud-').ok).toBe(false);
  });
});

describe('checkPostalCode', () => {
  it('accepts four digits in 1500-1999 and 3000-3499, trimmed', () => {
    for (const code of ['1500', '1999', '3000', '3499', '3090', '1755']) {
      expect(checkPostalCode(code)).toEqual({ ok: true, value: code });
    }
    expect(checkPostalCode(' 3000 ')).toEqual({ ok: true, value: '3000' });
  });

  it('rejects codes outside the province ranges', () => {
    for (const code of ['1000', '1499', '2000', '2999', '3500', '9000', '0000']) {
      const r = checkPostalCode(code);
      expect(r.ok, code).toBe(false);
    }
  });

  it('rejects anything but four digits', () => {
    for (const code of ['300', '30000', 'B-3000', '3 000', '3000a', '', '３０００']) {
      const r = checkPostalCode(code);
      expect(r.ok, code).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/4 digits/);
    }
  });
});

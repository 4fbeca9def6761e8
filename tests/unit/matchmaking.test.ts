import { describe, expect, it } from 'vitest';
import {
  compareMatches,
  DOMAIN_WEIGHT,
  domainScore,
  matchKey,
  rankPartners,
  scoreMatch,
  sharedDomains,
  THEME_WEIGHT,
  THEME_WEIGHTS,
  themeScore,
  type MatchCandidate,
  type MatchCompany,
} from '../../subgraphs/partners/matchmaking';
import { ChinaStatus, CleantechDomain as D, PartnershipTheme as T } from '../../subgraphs/kit/domain';

const company = (cleantechDomains: D[], chinaStatus = ChinaStatus.EXPLORING): MatchCompany => ({ id: 'c1', cleantechDomains, chinaStatus });
const partner = (id: string, nameEn: string, cleantechDomains: D[], themes: T[] = []): MatchCandidate => ({
  id,
  nameEn,
  cleantechDomains,
  themes,
});

describe('matchmaking weights', () => {
  it('weighs domains 0.7 and themes 0.3, every theme weight within 0..1 for every status', () => {
    expect(DOMAIN_WEIGHT + THEME_WEIGHT).toBeCloseTo(1, 10);
    for (const status of Object.values(ChinaStatus)) {
      expect(Object.keys(THEME_WEIGHTS[status]).sort()).toEqual(Object.values(T).sort());
      for (const w of Object.values(THEME_WEIGHTS[status])) {
        expect(w).toBeGreaterThanOrEqual(0);
        expect(w).toBeLessThan(1);
      }
    }
  });

  it('favours market-entry themes for newcomers and exchange and government themes for ACTIVE companies', () => {
    for (const status of [ChinaStatus.NOT_ACTIVE, ChinaStatus.EXPLORING]) {
      const w = THEME_WEIGHTS[status];
      const top = Math.max(...Object.values(w));
      expect([w[T.FOREIGN_INVESTMENT], w[T.SMART_HUB_CLUSTERS]]).toContain(top);
      expect(w[T.FOREIGN_INVESTMENT]).toBeGreaterThan(w[T.PEOPLE_TO_PEOPLE]);
      expect(w[T.SMART_HUB_CLUSTERS]).toBeGreaterThan(w[T.LOCAL_GOVERNMENT]);
    }
    const active = THEME_WEIGHTS[ChinaStatus.ACTIVE];
    expect(active[T.PEOPLE_TO_PEOPLE]).toBeGreaterThan(active[T.FOREIGN_INVESTMENT]);
    expect(active[T.LOCAL_GOVERNMENT]).toBeGreaterThan(active[T.FOREIGN_INVESTMENT]);
  });
});

describe('sharedDomains and domainScore', () => {
  it('answers the intersection once per domain, sorted by name', () => {
    expect(
      sharedDomains([D.WATER_TREATMENT, D.DRINKING_WATER, D.WATER_TREATMENT], [D.WATER_TREATMENT, D.AIR_QUALITY, D.DRINKING_WATER]),
    ).toEqual([D.DRINKING_WATER, D.WATER_TREATMENT]);
    expect(sharedDomains([D.SMART_GRIDS], [D.AIR_QUALITY])).toEqual([]);
    expect(sharedDomains([], [D.AIR_QUALITY])).toEqual([]);
  });

  it('is the share of the company domains the partner covers', () => {
    expect(domainScore([D.WATER_TREATMENT, D.DRINKING_WATER], [D.WATER_TREATMENT])).toBe(0.5);
    expect(domainScore([D.WATER_TREATMENT, D.DRINKING_WATER, D.AIR_QUALITY], [D.WATER_TREATMENT, D.DRINKING_WATER, D.AIR_QUALITY])).toBe(1);
    expect(domainScore([D.WATER_TREATMENT, D.WATER_TREATMENT], [D.WATER_TREATMENT])).toBe(1);
    expect(domainScore([], [])).toBe(0);
  });
});

describe('themeScore', () => {
  it('is 0 without themes and the weight itself for one theme', () => {
    expect(themeScore(ChinaStatus.NOT_ACTIVE, [])).toBe(0);
    expect(themeScore(ChinaStatus.NOT_ACTIVE, [T.FOREIGN_INVESTMENT])).toBeCloseTo(THEME_WEIGHTS.NOT_ACTIVE.FOREIGN_INVESTMENT, 10);
    expect(themeScore(ChinaStatus.ACTIVE, [T.HERITAGE])).toBeCloseTo(THEME_WEIGHTS.ACTIVE.HERITAGE, 10);
  });

  it('combines themes as a noisy-or: more fitting themes score higher, never above 1, duplicates ignored', () => {
    const one = themeScore(ChinaStatus.EXPLORING, [T.FOREIGN_INVESTMENT]);
    const two = themeScore(ChinaStatus.EXPLORING, [T.FOREIGN_INVESTMENT, T.SMART_HUB_CLUSTERS]);
    expect(two).toBeCloseTo(1 - (1 - 0.7) * (1 - 0.7), 10);
    expect(two).toBeGreaterThan(one);
    const all = themeScore(ChinaStatus.EXPLORING, Object.values(T));
    expect(all).toBeGreaterThan(two);
    expect(all).toBeLessThanOrEqual(1);
    expect(themeScore(ChinaStatus.EXPLORING, [T.FOREIGN_INVESTMENT, T.FOREIGN_INVESTMENT])).toBe(one);
  });

  it('depends on the China status', () => {
    const investment = [T.FOREIGN_INVESTMENT];
    const exchange = [T.PEOPLE_TO_PEOPLE, T.LOCAL_GOVERNMENT];
    expect(themeScore(ChinaStatus.NOT_ACTIVE, investment)).toBeGreaterThan(themeScore(ChinaStatus.NOT_ACTIVE, exchange));
    expect(themeScore(ChinaStatus.ACTIVE, exchange)).toBeGreaterThan(themeScore(ChinaStatus.ACTIVE, investment));
  });
});

describe('scoreMatch', () => {
  it('suggests nobody without a shared domain, however well the themes fit', () => {
    expect(scoreMatch(company([D.SMART_GRIDS]), partner('p', 'P', [D.AIR_QUALITY], Object.values(T)))).toBeNull();
    expect(scoreMatch(company([]), partner('p', 'P', [D.AIR_QUALITY]))).toBeNull();
    expect(scoreMatch(company([D.AIR_QUALITY]), partner('p', 'P', []))).toBeNull();
  });

  it('computes 0.7 domain + 0.3 theme, rounded to 3 decimals', () => {
    const m = scoreMatch(
      company([D.WATER_TREATMENT, D.DRINKING_WATER, D.AIR_QUALITY], ChinaStatus.NOT_ACTIVE),
      partner('p', 'P', [D.AIR_QUALITY, D.WATER_TREATMENT], [T.FOREIGN_INVESTMENT, T.LOCAL_GOVERNMENT]),
    )!;
    const expected = 0.7 * (2 / 3) + 0.3 * (1 - 0.2 * 0.7);
    expect(m.score).toBe(Math.round(expected * 1000) / 1000);
    expect(m.score).toBe(0.725);
    expect(m.sharedDomains).toEqual([D.AIR_QUALITY, D.WATER_TREATMENT]);
  });

  it('stays within 0..1: a full domain match with every theme is below or at 1, one weak overlap above 0', () => {
    const best = scoreMatch(company([D.AIR_QUALITY], ChinaStatus.EXPLORING), partner('p', 'P', [D.AIR_QUALITY], Object.values(T)))!;
    expect(best.score).toBeLessThanOrEqual(1);
    expect(best.score).toBeGreaterThan(0.9);
    const weak = scoreMatch(company(Object.values(D), ChinaStatus.EXPLORING), partner('p', 'P', [D.AIR_QUALITY], [T.HERITAGE]))!;
    expect(weak.score).toBe(Math.round((0.7 / 8) * 1000) / 1000);
    expect(weak.score).toBeGreaterThan(0);
    for (const m of [best, weak]) expect(Math.round(m.score * 1000) / 1000).toBe(m.score);
  });

  it('keeps the partner object it was given', () => {
    const p = partner('p', 'P', [D.AIR_QUALITY]);
    expect(scoreMatch(company([D.AIR_QUALITY]), p)!.partner).toBe(p);
  });
});

describe('rankPartners', () => {
  it('drops partners without a shared domain and orders by score, then nameEn, then id', () => {
    const c = company([D.WATER_TREATMENT, D.DRINKING_WATER], ChinaStatus.EXPLORING);
    const candidates = [
      partner('id-3', 'Beta', [D.WATER_TREATMENT]),
      partner('id-2', 'Alpha', [D.WATER_TREATMENT]),
      partner('id-1', 'Alpha', [D.WATER_TREATMENT]),
      partner('id-4', 'Zeta', [D.WATER_TREATMENT, D.DRINKING_WATER]),
      partner('id-5', 'Gamma', [D.AIR_QUALITY], [T.FOREIGN_INVESTMENT]),
      partner('id-6', 'Delta', [D.DRINKING_WATER], [T.FOREIGN_INVESTMENT]),
    ];
    const ranked = rankPartners(c, candidates);
    expect(ranked.map((m) => m.partner.id)).toEqual(['id-4', 'id-6', 'id-1', 'id-2', 'id-3']);
    for (let i = 1; i < ranked.length; i++) expect(compareMatches(ranked[i - 1], ranked[i])).toBeLessThan(0);
    for (const m of ranked) {
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
  });

  it('ranks the same partners differently for a newcomer and for a company active in China', () => {
    const domains = [D.ENERGY_PRODUCTION];
    const bureau = partner('a', 'Investment Bureau', domains, [T.FOREIGN_INVESTMENT]);
    const university = partner('b', 'University', domains, [T.PEOPLE_TO_PEOPLE, T.LOCAL_GOVERNMENT]);
    expect(rankPartners(company(domains, ChinaStatus.NOT_ACTIVE), [university, bureau])[0].partner).toBe(bureau);
    expect(rankPartners(company(domains, ChinaStatus.ACTIVE), [bureau, university])[0].partner).toBe(university);
  });

  it('sorts names by code point, independent of locale', () => {
    const c = company([D.AIR_QUALITY]);
    const ranked = rankPartners(c, [
      partner('1', 'b', [D.AIR_QUALITY]),
      partner('2', 'B', [D.AIR_QUALITY]),
      partner('3', 'a', [D.AIR_QUALITY]),
    ]);
    expect(ranked.map((m) => m.partner.nameEn)).toEqual(['B', 'a', 'b']);
  });

  it('answers [] for no candidates', () => {
    expect(rankPartners(company([D.AIR_QUALITY]), [])).toEqual([]);
  });
});

describe('matchKey', () => {
  it('is the same for the same company whatever the domain order, and differs by status', () => {
    expect(matchKey(company([D.AIR_QUALITY, D.SMART_GRIDS]))).toBe(matchKey(company([D.SMART_GRIDS, D.AIR_QUALITY, D.AIR_QUALITY])));
    expect(matchKey(company([D.AIR_QUALITY], ChinaStatus.ACTIVE))).not.toBe(matchKey(company([D.AIR_QUALITY], ChinaStatus.EXPLORING)));
  });
});

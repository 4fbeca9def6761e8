import { describe, expect, it } from 'vitest';
import { rankPartners, type MatchCandidate, type MatchCompany } from '../../subgraphs/partners/matchmaking';
import { topMatchesForEach } from '../../subgraphs/partners/ranking';
import { ChinaStatus, CleantechDomain, PartnershipTheme } from '../../subgraphs/kit/domain';

const DOMAINS = Object.values(CleantechDomain);
const THEMES = Object.values(PartnershipTheme);
const STATUSES = Object.values(ChinaStatus);

/** A small deterministic generator, so that a failure can be reproduced. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pickSome<T>(rnd: () => number, values: readonly T[], max: number): T[] {
  return Array.from({ length: Math.floor(rnd() * (max + 1)) }, () => values[Math.floor(rnd() * values.length)]);
}

describe('topMatchesForEach', () => {
  it('answers exactly what rankPartners(...).slice(0, k) answers, on random data with many ties', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rnd = random(seed);
      // Few names and theme sets: many equal scores and equal names, so the tie-breaks matter.
      const candidates: MatchCandidate[] = Array.from({ length: 150 + Math.floor(rnd() * 150) }, (_, i) => ({
        id: `p${Math.floor(rnd() * 1e6)}-${i}`,
        nameEn: ['Alpha', 'alpha', 'Beta', 'Żeta', 'Gamma'][Math.floor(rnd() * 5)],
        cleantechDomains: pickSome(rnd, [...DOMAINS, 'NOT_A_DOMAIN' as CleantechDomain], 4),
        themes: pickSome(rnd, THEMES, 3),
      }));
      const companies: MatchCompany[] = Array.from({ length: 40 }, (_, i) => ({
        id: `c${i}`,
        cleantechDomains: pickSome(rnd, DOMAINS, 4),
        chinaStatus: STATUSES[Math.floor(rnd() * STATUSES.length)],
      }));
      for (const k of [1, 5, 20, 1000]) {
        const fast = topMatchesForEach(companies, candidates, k);
        companies.forEach((company, i) => {
          expect(fast[i]).toEqual(rankPartners(company, candidates).slice(0, k));
        });
      }
    }
  });

  it('answers nothing for a company without domains and for k = 0', () => {
    const candidates: MatchCandidate[] = [{ id: 'p1', nameEn: 'A', cleantechDomains: [CleantechDomain.AIR_QUALITY], themes: [] }];
    const company = (domains: CleantechDomain[]): MatchCompany => ({ id: 'c', cleantechDomains: domains, chinaStatus: ChinaStatus.ACTIVE });
    expect(topMatchesForEach([company([])], candidates, 5)).toEqual([[]]);
    expect(topMatchesForEach([company([CleantechDomain.AIR_QUALITY])], candidates, 0)).toEqual([[]]);
    expect(topMatchesForEach([company([CleantechDomain.AIR_QUALITY])], candidates, 5)[0][0].partner).toBe(candidates[0]);
  });

  it('gives every match its own sharedDomains array', () => {
    const candidates: MatchCandidate[] = ['p1', 'p2'].map((id) => ({
      id,
      nameEn: id,
      cleantechDomains: [CleantechDomain.AIR_QUALITY],
      themes: [],
    }));
    const [matches] = topMatchesForEach(
      [{ id: 'c', cleantechDomains: [CleantechDomain.AIR_QUALITY], chinaStatus: ChinaStatus.ACTIVE }],
      candidates,
      5,
    );
    expect(matches).toHaveLength(2);
    expect(matches[0].sharedDomains).not.toBe(matches[1].sharedDomains);
  });
});

/**
 * Matchmaking: which Chengdu partners suit a Vlaams-Brabant company
 * (`Company.suggestedPartners`). Pure functions, no I/O: the loader in
 * `loaders.ts` fetches the candidates for a whole request in one statement and
 * ranks them here, per company. docs/matchmaking.md explains the same rules
 * for readers of the API.
 *
 * Candidates: partners sharing at least one cleantech domain with the company.
 * A partner without a shared domain is never suggested, however well its themes fit.
 *
 *   shared      = company domains ∩ partner domains (duplicates ignored)
 *   domainScore = |shared| / |company domains|                      0..1
 *                 (how much of what the company does the partner covers)
 *   themeScore  = 1 − ∏ (1 − w(status, theme)) over the partner's themes   0..1
 *                 ("noisy-or": one fitting theme counts most, every further
 *                 fitting theme adds a little, the sum never passes 1)
 *   score       = clamp(0.7 · domainScore + 0.3 · themeScore, 0, 1),
 *                 rounded to 3 decimals
 *
 * Theme weights w depend on where the company stands in China (chinaStatus):
 *
 *   theme                NOT_ACTIVE  EXPLORING  ACTIVE
 *   FOREIGN_INVESTMENT      0.8        0.7       0.2    market entry: investment desks, parks
 *   SMART_HUB_CLUSTERS      0.6        0.7       0.6    sector links through the Smart Hub clusters
 *   PEOPLE_TO_PEOPLE        0.2        0.3       0.7    exchanges, universities: deepening ties
 *   LOCAL_GOVERNMENT        0.3        0.3       0.6    government partnerships: scaling up
 *   HERITAGE                0          0         0.1    rarely a cleantech door opener
 *
 * A newcomer (NOT_ACTIVE, EXPLORING) first needs a way in: foreign-investment
 * bureaus, industrial parks and cluster partners. A company already ACTIVE in
 * China gains more from exchange programmes and local-government partnerships.
 *
 * Order: score descending, then the partner's nameEn ascending (by code point,
 * independent of any locale), then its id. sharedDomains are sorted by name.
 */
import { ChinaStatus, CleantechDomain, PartnershipTheme } from '../kit/domain';

export const DOMAIN_WEIGHT = 0.7;
export const THEME_WEIGHT = 0.3;
export const DEFAULT_SUGGESTIONS = 5;
export const MAX_SUGGESTIONS = 20;

export const THEME_WEIGHTS: Readonly<Record<ChinaStatus, Readonly<Record<PartnershipTheme, number>>>> = {
  [ChinaStatus.NOT_ACTIVE]: {
    [PartnershipTheme.FOREIGN_INVESTMENT]: 0.8,
    [PartnershipTheme.SMART_HUB_CLUSTERS]: 0.6,
    [PartnershipTheme.PEOPLE_TO_PEOPLE]: 0.2,
    [PartnershipTheme.LOCAL_GOVERNMENT]: 0.3,
    [PartnershipTheme.HERITAGE]: 0,
  },
  [ChinaStatus.EXPLORING]: {
    [PartnershipTheme.FOREIGN_INVESTMENT]: 0.7,
    [PartnershipTheme.SMART_HUB_CLUSTERS]: 0.7,
    [PartnershipTheme.PEOPLE_TO_PEOPLE]: 0.3,
    [PartnershipTheme.LOCAL_GOVERNMENT]: 0.3,
    [PartnershipTheme.HERITAGE]: 0,
  },
  [ChinaStatus.ACTIVE]: {
    [PartnershipTheme.FOREIGN_INVESTMENT]: 0.2,
    [PartnershipTheme.SMART_HUB_CLUSTERS]: 0.6,
    [PartnershipTheme.PEOPLE_TO_PEOPLE]: 0.7,
    [PartnershipTheme.LOCAL_GOVERNMENT]: 0.6,
    [PartnershipTheme.HERITAGE]: 0.1,
  },
};

/** What matchmaking needs to know about a company (the @requires fields). */
export interface MatchCompany {
  id: string;
  cleantechDomains: readonly CleantechDomain[];
  chinaStatus: ChinaStatus;
}

/** What matchmaking needs to know about a partner. */
export interface MatchCandidate {
  id: string;
  nameEn: string;
  cleantechDomains: readonly CleantechDomain[];
  themes: readonly PartnershipTheme[];
}

export interface Match<P extends MatchCandidate = MatchCandidate> {
  partner: P;
  score: number;
  sharedDomains: CleantechDomain[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The domains both have, each once, sorted by name. */
export function sharedDomains(companyDomains: readonly CleantechDomain[], partnerDomains: readonly CleantechDomain[]): CleantechDomain[] {
  const partner = new Set(partnerDomains);
  return [...new Set(companyDomains)].filter((d) => partner.has(d)).sort(byCodePoint);
}

/** Share of the company's (distinct) domains that the partner covers; 0 for a company without domains. */
export function domainScore(companyDomains: readonly CleantechDomain[], shared: readonly CleantechDomain[]): number {
  const total = new Set(companyDomains).size;
  return total === 0 ? 0 : clamp01(new Set(shared).size / total);
}

/** Noisy-or of the weights of the partner's (distinct) themes for the company's China status. */
export function themeScore(status: ChinaStatus, themes: readonly PartnershipTheme[]): number {
  const weights = THEME_WEIGHTS[status];
  let miss = 1;
  for (const t of new Set(themes)) miss *= 1 - clamp01(weights[t] ?? 0);
  return clamp01(1 - miss);
}

/** The match of one partner for one company, or null when they share no domain. */
export function scoreMatch<P extends MatchCandidate>(company: MatchCompany, partner: P): Match<P> | null {
  const shared = sharedDomains(company.cleantechDomains, partner.cleantechDomains);
  if (shared.length === 0) return null;
  const raw =
    DOMAIN_WEIGHT * domainScore(company.cleantechDomains, shared) + THEME_WEIGHT * themeScore(company.chinaStatus, partner.themes);
  return { partner, score: round3(clamp01(raw)), sharedDomains: shared };
}

/** Score descending, then partner nameEn ascending, then partner id. */
export function compareMatches(a: Match, b: Match): number {
  return b.score - a.score || byCodePoint(a.partner.nameEn, b.partner.nameEn) || byCodePoint(a.partner.id, b.partner.id);
}

/** Every suitable partner for the company, best first (the caller applies the limit). */
export function rankPartners<P extends MatchCandidate>(company: MatchCompany, candidates: readonly P[]): Match<P>[] {
  const matches: Match<P>[] = [];
  for (const p of candidates) {
    const m = scoreMatch(company, p);
    if (m) matches.push(m);
  }
  return matches.sort(compareMatches);
}

/** Loader cache key: the same company with the same required fields ranks the same. */
export function matchKey(company: MatchCompany): string {
  return `${company.id}|${company.chinaStatus}|${[...new Set(company.cleantechDomains)].sort().join(',')}`;
}

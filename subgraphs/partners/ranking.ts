/**
 * Ranking many companies against many candidate partners fast, with exactly
 * the results of `rankPartners(company, candidates).slice(0, k)` (see
 * matchmaking.ts for the rules; tests/unit/ranking.test.ts compares the two).
 *
 * `rankPartners` scores every candidate with sets and sorts the full list: for
 * 50 companies and 5,000 partners that is 250,000 scores and 50 sorts, about
 * 170 ms of CPU per request. Here the candidates are grouped once per batch by
 * their domains (an 8-bit mask) and themes, a group's score is a few integer
 * operations, and only the best `k` are kept: about 4 ms for the same work.
 */
import { ChinaStatus, CleantechDomain, type PartnershipTheme } from '../kit/domain';
import { DOMAIN_WEIGHT, THEME_WEIGHT, themeScore, type Match, type MatchCandidate, type MatchCompany } from './matchmaking';

const DOMAINS = Object.values(CleantechDomain);
const BIT = new Map<string, number>(DOMAINS.map((d, i) => [d, 1 << i]));
const STATUSES = Object.values(ChinaStatus);
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** mask -> its domains sorted by name, as `sharedDomains` answers them. */
const DOMAINS_OF_MASK: readonly CleantechDomain[][] = Array.from({ length: 1 << DOMAINS.length }, (_, mask) =>
  DOMAINS.filter((_d, i) => mask & (1 << i)).sort(byCodePoint),
);
const POPCOUNT: readonly number[] = DOMAINS_OF_MASK.map((ds) => ds.length);

/** Domains outside the enum never match a company (whose domains are checked enum values). */
function maskOf(domains: readonly string[]): number {
  let mask = 0;
  for (const d of domains) mask |= BIT.get(d) ?? 0;
  return mask;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Candidates with the same domains and themes: one score for all of them, for any company. */
interface Group<P> {
  mask: number;
  themeScores: Record<ChinaStatus, number>;
  /** In (nameEn, id) order, the order equal scores rank in. */
  members: P[];
}

/**
 * For every company, its best `k` matches among `candidates`, best first, as
 * `rankPartners(company, candidates).slice(0, k)` would answer them.
 *
 * Candidates are grouped by (domains, themes) once per call; a company then
 * scores each group once and takes at most the first `k` members of a group.
 * The work per company grows with the number of distinct groups (a few
 * hundred), not with the number of partners.
 */
export function topMatchesForEach<P extends MatchCandidate>(
  companies: readonly MatchCompany[],
  candidates: readonly P[],
  k: number,
): Match<P>[][] {
  // mask -> theme set -> group. Candidates often share their arrays (the loader splits each distinct
  // list once): the mask and theme key of an array are worked out once.
  const groups = new Map<number, Map<string, Group<P>>>();
  const masks = new Map<readonly string[], number>();
  const themeKeys = new Map<readonly string[], string>();
  // Theme scores depend on the distinct theme set only.
  const byThemes = new Map<string, Record<ChinaStatus, number>>();
  const all: Group<P>[] = [];
  for (const partner of candidates) {
    let mask = masks.get(partner.cleantechDomains);
    if (mask === undefined) masks.set(partner.cleantechDomains, (mask = maskOf(partner.cleantechDomains)));
    if (mask === 0) continue;
    let themeKey = themeKeys.get(partner.themes);
    if (themeKey === undefined) themeKeys.set(partner.themes, (themeKey = [...new Set(partner.themes)].sort().join(',')));
    let withMask = groups.get(mask);
    if (!withMask) groups.set(mask, (withMask = new Map()));
    let group = withMask.get(themeKey);
    if (!group) {
      let themeScores = byThemes.get(themeKey);
      if (!themeScores) {
        themeScores = {} as Record<ChinaStatus, number>;
        for (const s of STATUSES) themeScores[s] = themeScore(s, partner.themes as readonly PartnershipTheme[]);
        byThemes.set(themeKey, themeScores);
      }
      withMask.set(themeKey, (group = { mask, themeScores, members: [] }));
      all.push(group);
    }
    group.members.push(partner);
  }
  for (const g of all) g.members.sort((a, b) => byCodePoint(a.nameEn, b.nameEn) || byCodePoint(a.id, b.id));
  return companies.map((company) => topMatches(company, all, k));
}

/** compareMatches on the parts, without building a match: negative when (score, partner) ranks before `m`. */
function compareTo(score: number, partner: MatchCandidate, m: Match): number {
  return m.score - score || byCodePoint(partner.nameEn, m.partner.nameEn) || byCodePoint(partner.id, m.partner.id);
}

function topMatches<P extends MatchCandidate>(company: MatchCompany, groups: readonly Group<P>[], k: number): Match<P>[] {
  const companyMask = maskOf(company.cleantechDomains);
  const total = POPCOUNT[companyMask];
  const best: Match<P>[] = [];
  if (total === 0 || k <= 0) return best;
  for (const g of groups) {
    const shared = companyMask & g.mask;
    if (shared === 0) continue;
    // The same arithmetic as scoreMatch: domainScore = |shared| / |company domains|.
    const score = round3(clamp01(DOMAIN_WEIGHT * clamp01(POPCOUNT[shared] / total) + THEME_WEIGHT * g.themeScores[company.chinaStatus]));
    for (const partner of g.members) {
      // Members come in rank order: once one does not make the list, the rest of the group does not either.
      if (best.length === k && compareTo(score, partner, best[k - 1]) >= 0) break;
      let i = best.length;
      while (i > 0 && compareTo(score, partner, best[i - 1]) < 0) i--;
      best.splice(i, 0, { partner, score, sharedDomains: DOMAINS_OF_MASK[shared] });
      if (best.length > k) best.pop();
    }
  }
  // Each match gets its own array, as rankPartners answers.
  for (const m of best) m.sharedDomains = [...m.sharedDomains];
  return best;
}

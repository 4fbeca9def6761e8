import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { historyLoader } from '../kit/audit';
import { disclosuresLoader } from '../kit/disclosures';
import { DataSet } from '../../platform/organisations';
import type { CleantechDomain, PartnershipTheme } from '../kit/domain';
import { byKeyLoader } from '../kit/loaders';
import { Partner } from './entities/Partner';
import { matchKey, MAX_SUGGESTIONS, type Match, type MatchCandidate, type MatchCompany } from './matchmaking';
import { topMatchesForEach } from './ranking';

/**
 * Every company asked about in one request (all representations of one
 * `_entities` call) in one statement: the partners sharing any of their
 * domains (`&&`, served by the GIN index), ranked per company in memory by
 * topMatchesForEach (the same results as rankPartners). Only what ranking
 * needs is read (id, nameEn, domains, themes; arrays as text, which pg parses
 * far faster than text[]). Answers each company's best MAX_SUGGESTIONS with
 * slim partners; the resolver applies `limit` and loads the full partners it
 * answers through `partnerById`, one more statement for the whole request.
 */
function matchesLoader(ds: DataSource): DataLoader<MatchCompany, Match<MatchCandidate>[], string> {
  return new DataLoader<MatchCompany, Match<MatchCandidate>[], string>(
    async (companies) => {
      const domains = [...new Set(companies.flatMap((c) => c.cleantechDomains))].sort();
      if (domains.length === 0) return companies.map(() => []);
      const rows: { id: string; nameEn: string; domains: string; themes: string }[] = await ds.query(
        `SELECT id, name_en AS "nameEn", array_to_string(cleantech_domains, ',') AS domains, array_to_string(themes, ',') AS themes
         FROM partner WHERE cleantech_domains && $1::text[]`,
        [domains],
      );
      // A few hundred distinct lists among thousands of partners: split each once and share the array
      // (topMatchesForEach also works per distinct array).
      const lists = new Map<string, string[]>();
      const split = (text: string) => {
        let list = lists.get(text);
        if (!list) lists.set(text, (list = text === '' ? [] : text.split(',')));
        return list;
      };
      const candidates: MatchCandidate[] = rows.map((r) => ({
        id: r.id,
        nameEn: r.nameEn,
        cleantechDomains: split(r.domains) as CleantechDomain[],
        themes: split(r.themes) as PartnershipTheme[],
      }));
      return topMatchesForEach(companies, candidates, MAX_SUGGESTIONS);
    },
    { cacheKeyFn: matchKey },
  );
}

export function createLoaders(ds: DataSource) {
  return {
    partnerById: byKeyLoader(ds, Partner),
    historyByPartner: historyLoader(ds, 'Partner'),
    disclosuresOfPartner: disclosuresLoader(ds, DataSet.PARTNER_CONTACTS),
    matchesByCompany: matchesLoader(ds),
  };
}
export type PartnerLoaders = ReturnType<typeof createLoaders>;

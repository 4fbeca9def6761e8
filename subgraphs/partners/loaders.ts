import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { historyLoader } from '../shared/audit';
import { byKeyLoader } from '../shared/loaders';
import { Partner } from './entities/Partner';
import { matchKey, rankPartners, type Match, type MatchCompany } from './matchmaking';

/**
 * Every company asked about in one request (all representations of one
 * `_entities` call) in one statement: the partners sharing any of their
 * domains (`&&`, served by the GIN index), ranked per company in memory.
 * Answers the full ranking; the resolver applies `limit`.
 */
function matchesLoader(ds: DataSource): DataLoader<MatchCompany, Match<Partner>[], string> {
  return new DataLoader<MatchCompany, Match<Partner>[], string>(
    async (companies) => {
      const domains = [...new Set(companies.flatMap((c) => c.cleantechDomains))].sort();
      const candidates = domains.length
        ? await ds
            .getRepository(Partner)
            .createQueryBuilder('p')
            .where('p.cleantechDomains && CAST(:domains AS text[])', { domains })
            .getMany()
        : [];
      return companies.map((c) => rankPartners(c, candidates));
    },
    { cacheKeyFn: matchKey },
  );
}

export function createLoaders(ds: DataSource) {
  return {
    partnerById: byKeyLoader(ds, Partner),
    historyByPartner: historyLoader(ds, 'Partner'),
    matchesByCompany: matchesLoader(ds),
  };
}
export type PartnerLoaders = ReturnType<typeof createLoaders>;

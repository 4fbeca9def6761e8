import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ChinaStatus, CleantechDomain } from '../../kit/domain';
import { BadUserInputError } from '../../../platform/errors';
import { mustBeIntInRange } from '../../kit/input';
import type { HubContext } from '../../kit/context';
import { CompanyRef } from '../entities/CompanyRef';
import { Partner } from '../entities/Partner';
import { PartnerMatch } from '../entities/PartnerMatch';
import type { PartnerLoaders } from '../loaders';
import { DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS, type MatchCompany } from '../matchmaking';

type Ctx = HubContext<PartnerLoaders>;

const DOMAINS = new Set<string>(Object.values(CleantechDomain));
const STATUSES = new Set<string>(Object.values(ChinaStatus));

/**
 * The @requires fields as the representation carries them. The gateway always
 * sends them; a hand-written `_entities` call without them gets a clear error.
 */
export function matchCompanyOf(company: CompanyRef): MatchCompany {
  const { cleantechDomains, chinaStatus } = company as Partial<CompanyRef>;
  if (!Array.isArray(cleantechDomains) || !cleantechDomains.every((d) => DOMAINS.has(d))) {
    throw new BadUserInputError(
      'representations',
      'a Company representation must carry cleantechDomains (a list of CleantechDomain values) for suggestedPartners',
    );
  }
  if (typeof chinaStatus !== 'string' || !STATUSES.has(chinaStatus)) {
    throw new BadUserInputError(
      'representations',
      'a Company representation must carry chinaStatus (a ChinaStatus value) for suggestedPartners',
    );
  }
  return { id: company.id, cleantechDomains, chinaStatus };
}

@Resolver(() => CompanyRef)
export class CompanySuggestedPartnersResolver {
  @FieldResolver(() => [PartnerMatch])
  async suggestedPartners(
    @Root() company: CompanyRef,
    @Arg('limit', () => Int, { nullable: true, defaultValue: DEFAULT_SUGGESTIONS, description: `1..${MAX_SUGGESTIONS}.` })
    limit: number | null,
    @Ctx() ctx: Ctx,
  ): Promise<PartnerMatch[]> {
    const n = mustBeIntInRange('limit', limit ?? DEFAULT_SUGGESTIONS, 1, MAX_SUGGESTIONS);
    const matches = (await ctx.loaders.matchesByCompany.load(matchCompanyOf(company))).slice(0, n);
    // Every company's suggestions of the request resume together here: one statement loads all their partners.
    const partners = await ctx.loaders.partnerById.loadMany(matches.map((m) => m.partner.id));
    return matches.flatMap((m, i) => {
      const partner = partners[i];
      return partner instanceof Partner ? [{ ...m, partner }] : [];
    });
  }
}

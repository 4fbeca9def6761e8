import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireEditor, requireOrganisation } from '../../../platform/auth';
import { AuditEntry, Contact } from '../../kit/graphql-types';
import { contactOf, must, mustBeId } from '../../kit/input';
import { ConnectionType, PageArgs, paginate } from '../../kit/pagination';
import { tableOf } from '../../kit/tables';
import type { HubContext } from '../../kit/context';
import { checkLength, NAME_MAX } from '../../kit/validation';
import { checkCreditCode, checkDistrict } from '../validation';
import { write } from '../../kit/writes';
import { Partner } from '../entities/Partner';
import type { PartnerLoaders } from '../loaders';
import { partnerColumns } from '../validate';
import { partnerTarget } from '../writes';
import { CreatePartnerInput, PartnerFilter, UpdatePartnerInput } from './inputs';
import { DataSet, OWNERS } from '../../../platform/organisations';

const OWNER = OWNERS.partners;

const PartnerConnection = ConnectionType(Partner, 'Partner');

const PartnersArgs = PageArgs(PartnerFilter);

type Ctx = HubContext<PartnerLoaders>;

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => Partner, { nullable: true })
  async partner(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Partner | null> {
    return ctx.loaders.partnerById.load(mustBeId('id', id));
  }

  @Query(() => Partner, { nullable: true })
  async partnerByCreditCode(@Arg('creditCode') creditCode: string, @Ctx() ctx: Ctx): Promise<Partner | null> {
    const normalised = must('creditCode', checkCreditCode(creditCode));
    return ctx.ds.getRepository(Partner).findOneBy({ creditCode: normalised });
  }

  @Query(() => PartnerConnection)
  async partners(@Args(() => PartnersArgs) { filter, first, after }: InstanceType<typeof PartnersArgs>, @Ctx() ctx: Ctx) {
    const table = tableOf(ctx.ds, Partner);
    const where = table.where();
    if (filter?.search != null && filter.search.trim() !== '') {
      const term = must('filter.search', checkLength(filter.search, NAME_MAX));
      const like = `%${term.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      const codeLike = `%${term
        .replace(/\s+/g, '')
        .toUpperCase()
        .replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      where.and('lower({nameEn}) LIKE $1 OR {nameZh} ILIKE $1 OR {creditCode} LIKE $2', like, codeLike);
    }
    if (filter?.kind != null) where.and('{kind} = $1', filter.kind);
    if (filter?.district != null) {
      where.and('{district} = $1', must('filter.district', checkDistrict(filter.district)));
    }
    if (filter?.cleantechDomain != null) {
      where.and('{cleantechDomains} @> CAST($1 AS text[])', [filter.cleantechDomain]);
    }
    if (filter?.theme != null) where.and('{themes} @> CAST($1 AS text[])', [filter.theme]);
    return paginate(table, where, { sortBy: 'nameEn', first, after, counts: ctx.counts });
  }

  @FieldResolver(() => Contact, { nullable: true })
  contact(@Root() partner: Partner, @Ctx() ctx: Ctx): Promise<Contact | null> {
    return ctx.sharing.reveal(DataSet.PARTNER_CONTACTS, partner.id, () => contactOf(partner));
  }

  @FieldResolver(() => [AuditEntry], { nullable: true })
  async history(@Root() partner: Partner, @Ctx() ctx: Ctx): Promise<AuditEntry[]> {
    requireOrganisation(ctx.principal, OWNER, 'The history of a partner');
    return ctx.loaders.historyByPartner.load(partner.id);
  }

  @Mutation(() => Partner)
  async createPartner(@Arg('input', () => CreatePartnerInput) input: CreatePartnerInput, @Ctx() ctx: Ctx): Promise<Partner> {
    const principal = requireEditor(ctx.principal, OWNER, 'Creating a partner');
    return write.create(ctx.ds, { principal, target: partnerTarget, values: partnerColumns(input) });
  }

  @Mutation(() => Partner)
  async updatePartner(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePartnerInput) input: UpdatePartnerInput,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: Ctx,
  ): Promise<Partner> {
    const principal = requireEditor(ctx.principal, OWNER, 'Updating a partner');
    const { row } = await write.update(ctx.ds, {
      principal,
      target: partnerTarget,
      id: mustBeId('id', id),
      expectedVersion,
      values: partnerColumns(input),
    });
    return row;
  }
}

import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireEditor, requireOrganisation } from '../../../platform/auth';
import { NotFoundError } from '../../../platform/errors';
import { AuditEntry, Contact } from '../../kit/graphql-types';
import { contactOf, must, mustBeId } from '../../kit/input';
import { ConnectionType, PageArgs, paginate } from '../../kit/pagination';
import { tableOf } from '../../kit/tables';
import type { HubContext } from '../../kit/context';
import { checkLength, NAME_MAX } from '../../kit/validation';
import { checkEnterpriseNumber, checkMunicipality } from '../validation';
import { ANY_VERSION, write } from '../../kit/writes';
import { Company } from '../entities/Company';
import type { CompanyLoaders } from '../loaders';
import { companyColumns } from '../validate';
import { companyTarget } from '../writes';
import { CompanyFilter, CreateCompanyInput, UpdateCompanyInput } from './inputs';
import { DataSet, OWNERS } from '../../../platform/organisations';

const OWNER = OWNERS.companies;

const CompanyConnection = ConnectionType(Company, 'Company');

const CompaniesArgs = PageArgs(CompanyFilter);

/** Archived companies are gone for writes: NOT_FOUND naming `id`. */
const notArchived = (current: Company) => {
  if (current.archived) throw new NotFoundError('Company', current.id, 'id');
};

type Ctx = HubContext<CompanyLoaders>;

@Resolver(() => Company)
export class CompanyResolver {
  @Query(() => Company, { nullable: true })
  async company(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Company | null> {
    return ctx.loaders.companyById.load(mustBeId('id', id));
  }

  @Query(() => Company, { nullable: true })
  async companyByEnterpriseNumber(@Arg('enterpriseNumber') enterpriseNumber: string, @Ctx() ctx: Ctx): Promise<Company | null> {
    const normalised = must('enterpriseNumber', checkEnterpriseNumber(enterpriseNumber));
    return ctx.ds.getRepository(Company).findOneBy({ enterpriseNumber: normalised });
  }

  @Query(() => CompanyConnection)
  async companies(@Args(() => CompaniesArgs) { filter, first, after }: InstanceType<typeof CompaniesArgs>, @Ctx() ctx: Ctx) {
    const table = tableOf(ctx.ds, Company);
    const where = table.where().and('{archived} = false');
    if (filter?.search != null && filter.search.trim() !== '') {
      const term = must('filter.search', checkLength(filter.search, NAME_MAX));
      const like = `%${term.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      where.and("lower({name}) LIKE $1 OR {enterpriseNumber} LIKE $1 OR replace({enterpriseNumber}, '.', '') LIKE $1", like);
    }
    if (filter?.municipality != null) {
      where.and('{municipality} = $1', must('filter.municipality', checkMunicipality(filter.municipality)));
    }
    if (filter?.cleantechDomain != null) {
      where.and('{cleantechDomains} @> CAST($1 AS text[])', [filter.cleantechDomain]);
    }
    if (filter?.chinaStatus != null) where.and('{chinaStatus} = $1', filter.chinaStatus);
    return paginate(table, where, { sortBy: 'name', first, after, counts: ctx.counts });
  }

  @FieldResolver(() => Contact, { nullable: true })
  contact(@Root() company: Company, @Ctx() ctx: Ctx): Promise<Contact | null> {
    return ctx.sharing.reveal(DataSet.COMPANY_CONTACTS, company.id, () => contactOf(company));
  }

  @FieldResolver(() => [AuditEntry], { nullable: true })
  async history(@Root() company: Company, @Ctx() ctx: Ctx): Promise<AuditEntry[]> {
    requireOrganisation(ctx.principal, OWNER, 'The history of a company');
    return ctx.loaders.historyByCompany.load(company.id);
  }

  @Mutation(() => Company)
  async createCompany(@Arg('input', () => CreateCompanyInput) input: CreateCompanyInput, @Ctx() ctx: Ctx): Promise<Company> {
    const principal = requireEditor(ctx.principal, OWNER, 'Creating a company');
    return write.create(ctx.ds, { principal, target: companyTarget, values: companyColumns(input) });
  }

  @Mutation(() => Company)
  async updateCompany(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateCompanyInput) input: UpdateCompanyInput,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: Ctx,
  ): Promise<Company> {
    const principal = requireEditor(ctx.principal, OWNER, 'Updating a company');
    const { row } = await write.update(ctx.ds, {
      principal,
      target: companyTarget,
      id: mustBeId('id', id),
      expectedVersion,
      values: companyColumns(input),
      guard: notArchived,
    });
    return row;
  }

  @Mutation(() => Boolean, { description: 'Archives the company: it leaves lists and search; references keep resolving.' })
  async deleteCompany(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<boolean> {
    const principal = requireEditor(ctx.principal, OWNER, 'Deleting a company');
    await write.update(ctx.ds, {
      principal,
      target: companyTarget,
      id: mustBeId('id', id),
      // Archiving is the same answer whatever the caller last read.
      expectedVersion: ANY_VERSION,
      values: { archived: true },
      action: 'DELETE',
      guard: notArchived,
    });
    return true;
  }
}

import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { requireOrganisation } from '../../platform/auth';
import { DATA_SET_INFO, DataSet, Purpose } from '../../platform/organisations';
import type { HubContext } from './context';
import { DisclosureConnection, type DisclosurePage, type disclosuresLoader } from './disclosures';
import { DEFAULT_PAGE_SIZE } from './pagination';
import { readRegister, registerPeriod, type Register, type RegisterLine } from './register';
import { DateTimeScalar } from './scalars';

/**
 * Stub of the registry's SharingAgreement: a register line names its
 * agreement and the gateway asks the registry for the rest (legal basis,
 * validity, the grantee's name and jurisdiction), with the caller's token.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('SharingAgreement')
export class SharingAgreementRef {
  @Field(() => ID)
  id: string;
}

/** The GraphQL type of a register line: its shape is the kit's RegisterLine (kit/register.ts), which readRegister fills. */
@Directive('@shareable')
@ObjectType({
  description: 'Disclosures of one data set to one recipient for one purpose under one agreement in a period.',
})
export class DisclosureRegisterLine implements RegisterLine {
  @Field(() => DataSet)
  dataSet: DataSet;

  @Field({ description: 'Organisation id of the recipient.' })
  recipient: string;

  @Field(() => Purpose)
  purpose: Purpose;

  @Field(() => ID)
  agreementId: string;

  @Field(() => SharingAgreementRef, {
    nullable: true,
    description: 'The agreement, from the registry: its legalBasis, validity and grantee.',
  })
  agreement: SharingAgreementRef;

  @Field({ description: 'Owner and recipient are in different jurisdictions (EU / CN): a transfer to a third country.' })
  crossBorder: boolean;

  @Field(() => Int, { description: 'Disclosure records: one per record shown per answer.' })
  disclosures: number;

  @Field(() => Int, { description: 'Distinct records shown.' })
  records: number;

  @Field(() => Int, { description: 'Answers (requests) that showed them.' })
  requests: number;

  @Field(() => DateTimeScalar)
  first: Date;

  @Field(() => DateTimeScalar)
  last: Date;
}

@Directive('@shareable')
@ObjectType({ description: "The owner's register of disclosures of one data set in the period [from, to)." })
export class DisclosureRegister implements Register {
  @Field(() => DataSet)
  dataSet: DataSet;

  @Field(() => DateTimeScalar)
  from: Date;

  @Field(() => DateTimeScalar, { description: 'Exclusive.' })
  to: Date;

  @Field(() => [DisclosureRegisterLine], { description: 'By recipient, purpose, agreement.' })
  lines: DisclosureRegisterLine[];
}

export interface DisclosureResolverOptions<L> {
  /** The data set the entity's restricted field is (DATA_SET_INFO names its owner, type and field). */
  dataSet: DataSet;
  /** The root field of the owner's register, e.g. `companyDisclosureRegister`: one per owning subgraph (see docs/evidence.md). */
  registerField: string;
  /** The request's disclosures loader of that data set. */
  loader: (loaders: L) => ReturnType<typeof disclosuresLoader>;
}

/**
 * The owner's two questions about a data set it owns, the same in every
 * owning subgraph: `<Entity>.disclosures` (who received this record's data,
 * newest first, paged) and `<registerField>(from, to)` (the register of the
 * period). Both for the owning organisation only: no token is
 * UNAUTHENTICATED, another organisation's token FORBIDDEN.
 */
export function DisclosureResolver<T extends { id: string }, L>(entity: ClassType<T>, options: DisclosureResolverOptions<L>) {
  const { dataSet, registerField, loader } = options;
  const { owner, type, field } = DATA_SET_INFO[dataSet];
  const noun = type.toLowerCase();

  @Resolver(() => entity)
  class OwnerDisclosureResolver {
    @FieldResolver(() => DisclosureConnection, { nullable: true })
    async disclosures(
      @Root() record: T,
      @Ctx() ctx: HubContext<L>,
      @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first: number | null,
      @Arg('after', () => String, { nullable: true }) after: string | null,
    ): Promise<DisclosurePage> {
      requireOrganisation(ctx.principal, owner, `Who received the ${field} data of a ${noun}`);
      return loader(ctx.loaders).load(record.id, { first, after });
    }

    @Query(() => DisclosureRegister, {
      name: registerField,
      nullable: true,
      description: `${owner} only: disclosures of ${dataSet} in [from, to) per recipient, purpose and agreement, cross-border ones marked. Default: the last 90 days; at most 366 days.`,
    })
    async register(
      @Ctx() ctx: HubContext<L>,
      @Arg('from', () => DateTimeScalar, { nullable: true }) from: Date | null,
      @Arg('to', () => DateTimeScalar, { nullable: true }) to: Date | null,
    ): Promise<Register> {
      requireOrganisation(ctx.principal, owner, `The register of disclosures of ${dataSet}`);
      return readRegister(ctx.ds, dataSet, registerPeriod(from, to));
    }
  }
  return OwnerDisclosureResolver;
}

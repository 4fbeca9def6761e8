import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { requireAuthenticated, requireOrganisation, requireSteward } from '../../../platform/auth';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../platform/errors';
import type { DataSet } from '../../../platform/organisations';
import { crossesBorder, organisationOf } from '../../../platform/trust';
import type { HubContext } from '../../kit/context';
import { AuditEntry } from '../../kit/graphql-types';
import { mustBeId } from '../../kit/input';
import { write } from '../../kit/writes';
import { Organisation } from '../entities/Organisation';
import { isInForce, SharingAgreement } from '../entities/SharingAgreement';
import type { RegistryLoaders } from '../loaders';
import { agreementColumns, mustBeOrganisation, ownerOf } from '../validate';
import { agreementTarget } from '../writes';
import { AgreementFilter, GrantAccessInput } from './inputs';

type Ctx = HubContext<RegistryLoaders>;

export interface AgreementQuery {
  /** The caller's organisation: only agreements it is grantor or grantee of. */
  org: string;
  grantor?: string | null;
  grantee?: string | null;
  dataSet?: DataSet | null;
  activeOnly?: boolean | null;
  /** Not revoked and not expired at `now`, whether started or not (activeOnly: started too). */
  notEnded?: boolean | null;
  now: Date;
}

/** The agreements one organisation takes part in, newest first: one statement. */
export function findAgreements(ds: DataSource, q: AgreementQuery): Promise<SharingAgreement[]> {
  const qb = ds.getRepository(SharingAgreement).createQueryBuilder('a').where('(a.grantorId = :org OR a.granteeId = :org)', { org: q.org });
  if (q.grantor != null) qb.andWhere('a.grantorId = :grantor', { grantor: q.grantor });
  if (q.grantee != null) qb.andWhere('a.granteeId = :grantee', { grantee: q.grantee });
  if (q.dataSet != null) qb.andWhere('a.dataSet = :dataSet', { dataSet: q.dataSet });
  // An agreement in force has not ended either; sharing_agreement_grantee_not_ended_idx serves both for a grantee.
  if (q.activeOnly || q.notEnded) qb.andWhere('a.revokedAt IS NULL AND a.validUntil > :now', { now: q.now });
  if (q.activeOnly) qb.andWhere('a.validFrom <= :now');
  return qb.orderBy('a.validFrom', 'DESC').addOrderBy('a.id').getMany();
}

function organisation(ctx: Ctx, id: string): Organisation {
  const o = organisationOf(ctx.trust, id);
  // An agreement with an organisation removed from the configuration still names it.
  return o ? Organisation.of(o) : Object.assign(new Organisation(), { id, name: id, jurisdiction: 'EU', issuer: '', dataSets: [] });
}

@Resolver(() => SharingAgreement)
export class SharingAgreementResolver {
  @Query(() => [SharingAgreement], {
    description: "The caller's organisation's agreements, as grantor or grantee; UNAUTHENTICATED without a token.",
  })
  async sharingAgreements(
    @Arg('filter', () => AgreementFilter, { nullable: true }) filter: AgreementFilter | null,
    @Ctx() ctx: Ctx,
  ): Promise<SharingAgreement[]> {
    const principal = requireAuthenticated(ctx.principal);
    return findAgreements(ctx.ds, {
      org: principal.org,
      grantor: filter?.grantor != null ? mustBeOrganisation(ctx.trust, 'filter.grantor', filter.grantor) : null,
      grantee: filter?.grantee != null ? mustBeOrganisation(ctx.trust, 'filter.grantee', filter.grantee) : null,
      dataSet: filter?.dataSet,
      activeOnly: filter?.activeOnly,
      notEnded: filter?.notEnded,
      now: new Date(),
    });
  }

  @FieldResolver(() => Organisation)
  grantor(@Root() a: SharingAgreement, @Ctx() ctx: Ctx): Organisation {
    return organisation(ctx, a.grantorId);
  }

  @FieldResolver(() => Organisation)
  grantee(@Root() a: SharingAgreement, @Ctx() ctx: Ctx): Organisation {
    return organisation(ctx, a.granteeId);
  }

  @FieldResolver(() => Boolean)
  active(@Root() a: SharingAgreement): boolean {
    return isInForce(a);
  }

  @FieldResolver(() => Boolean)
  crossBorder(@Root() a: SharingAgreement, @Ctx() ctx: Ctx): boolean {
    return crossesBorder(ctx.trust, a.grantorId, a.granteeId);
  }

  @FieldResolver(() => [AuditEntry], { nullable: true })
  async history(@Root() a: SharingAgreement, @Ctx() ctx: Ctx): Promise<AuditEntry[]> {
    requireOrganisation(ctx.principal, [a.grantorId, a.granteeId], 'The history of a sharing agreement');
    return ctx.loaders.historyByAgreement.load(a.id);
  }

  @Mutation(() => SharingAgreement, { description: 'Stewards of the organisation that owns the data set.' })
  async grantAccess(@Arg('input', () => GrantAccessInput) input: GrantAccessInput, @Ctx() ctx: Ctx): Promise<SharingAgreement> {
    const principal = requireSteward(ctx.principal, ownerOf(ctx.trust, input.dataSet), `Granting access to ${input.dataSet}`);
    const values = agreementColumns(ctx.trust, input, { now: new Date() });
    return write.create(ctx.ds, { principal, target: agreementTarget, values, action: 'GRANT' });
  }

  @Mutation(() => SharingAgreement, {
    description: 'Stewards of the grantor; every owning subgraph refuses the data within one second of the return (docs/trust.md).',
  })
  async revokeAccess(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: Ctx,
  ): Promise<SharingAgreement> {
    const principal = requireAuthenticated(ctx.principal);
    const agreementId = mustBeId('id', id);
    const { row } = await write.update(ctx.ds, {
      principal,
      target: agreementTarget,
      id: agreementId,
      expectedVersion,
      values: { revokedAt: new Date() },
      action: 'REVOKE',
      guard: (current) => {
        // Others do not learn that the agreement exists.
        if (principal.org !== current.grantorId && principal.org !== current.granteeId) {
          throw new NotFoundError('SharingAgreement', agreementId, 'id');
        }
        if (principal.org !== current.grantorId) {
          throw new ForbiddenError(`Only stewards of ${current.grantorId}, the grantor, revoke this agreement.`);
        }
        requireSteward(principal, current.grantorId, 'Revoking a sharing agreement');
        if (current.revokedAt) {
          throw new ConflictError(`This agreement was already revoked at ${current.revokedAt.toISOString()}.`, {
            revokedAt: current.revokedAt.toISOString(),
          });
        }
      },
    });
    return row;
  }
}

import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { organisationOf } from '../../../platform/trust';
import type { HubContext } from '../../kit/context';
import { Organisation } from '../entities/Organisation';
import { SharingAgreement } from '../entities/SharingAgreement';
import { Viewer } from '../entities/Viewer';
import type { RegistryLoaders } from '../loaders';
import { findAgreements } from './SharingAgreementResolver';

type Ctx = HubContext<RegistryLoaders>;

@Resolver(() => Viewer)
export class OrganisationResolver {
  @Query(() => [Organisation], { description: 'The organisations of the hub (its trust configuration).' })
  organisations(@Ctx() ctx: Ctx): Organisation[] {
    return ctx.trust.organisations.map((o) => Organisation.of(o));
  }

  @Query(() => Viewer, { nullable: true, description: 'The caller; null for anonymous callers.' })
  me(@Ctx() ctx: Ctx): Viewer | null {
    const p = ctx.principal;
    if (!p) return null;
    const org = organisationOf(ctx.trust, p.org)!;
    return Object.assign(new Viewer(), { subject: p.sub, organisation: Organisation.of(org), roles: p.roles });
  }

  @FieldResolver(() => [SharingAgreement])
  grantsReceived(@Root() viewer: Viewer, @Ctx() ctx: Ctx): Promise<SharingAgreement[]> {
    return findAgreements(ctx.ds, { org: viewer.organisation.id, grantee: viewer.organisation.id, activeOnly: true, now: new Date() });
  }

  @FieldResolver(() => [SharingAgreement])
  grantsGiven(@Root() viewer: Viewer, @Ctx() ctx: Ctx): Promise<SharingAgreement[]> {
    return findAgreements(ctx.ds, { org: viewer.organisation.id, grantor: viewer.organisation.id, activeOnly: true, now: new Date() });
  }
}

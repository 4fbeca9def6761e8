import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ListPageArgs } from '../../kit/pagination';
import { requireEditor, requireOrganisation } from '../../../platform/auth';
import { ClusterCode } from '../../kit/domain';
import { NotFoundError } from '../../../platform/errors';
import { AuditEntry } from '../../kit/graphql-types';
import { mustBeId } from '../../kit/input';
import { DateScalar } from '../../kit/scalars';
import type { HubContext } from '../../kit/context';
import { confirmedWrite, write } from '../../kit/writes';
import { membershipColumns } from '../validate';
import { clusterMembers } from '../writes';
import { Cluster } from '../entities/Cluster';
import { ClusterMembership } from '../entities/ClusterMembership';
import { CompanyRef } from '../entities/CompanyRef';
import type { ClusterLoaders } from '../loaders';
import { checkCompaniesExist } from '../../kit/references-check';
import { OWNERS } from '../../../platform/organisations';

const OWNER = OWNERS.clusters;

type Ctx = HubContext<ClusterLoaders>;

@Resolver(() => Cluster)
export class ClusterResolver {
  @Query(() => [Cluster])
  clusters(@Ctx() ctx: Ctx): Promise<Cluster[]> {
    return ctx.ds.getRepository(Cluster).find({ order: { code: 'ASC' } });
  }

  @Query(() => Cluster, { nullable: true })
  cluster(@Arg('code', () => ClusterCode) code: ClusterCode, @Ctx() ctx: Ctx): Promise<Cluster | null> {
    return ctx.loaders.clusterByCode.load(code);
  }

  @FieldResolver(() => Int)
  memberCount(@Root() cluster: Cluster, @Ctx() ctx: Ctx): Promise<number> {
    return ctx.loaders.memberCountByCluster.load(cluster.code);
  }

  @FieldResolver(() => [ClusterMembership], { description: 'Oldest membership first (then by company id); `after`: a company id.' })
  members(@Root() cluster: Cluster, @Args(() => ListPageArgs) page: ListPageArgs, @Ctx() ctx: Ctx): Promise<ClusterMembership[]> {
    return ctx.loaders.membersByCluster.page(cluster.code, page);
  }

  @FieldResolver(() => [AuditEntry], { nullable: true, description: 'Restricted: owner (smart-hub) only.' })
  history(@Root() cluster: Cluster, @Ctx() ctx: Ctx): Promise<AuditEntry[]> {
    requireOrganisation(ctx.principal, OWNER, 'The history of a cluster');
    return ctx.loaders.historyByCluster.load(cluster.code);
  }

  @Mutation(() => ClusterMembership)
  async addClusterMember(
    @Arg('cluster', () => ClusterCode) code: ClusterCode,
    @Arg('companyId', () => ID) companyId: string,
    @Arg('since', () => DateScalar, { nullable: true }) since: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<ClusterMembership> {
    const principal = requireEditor(ctx.principal, OWNER, 'Adding a cluster member');
    const membership = membershipColumns(code, companyId, since);
    const common = { principal, table: clusterMembers, parentId: code, parentArgument: 'cluster' };
    const { row } = await confirmedWrite({
      check: () => checkCompaniesExist(ctx, [membership.companyId], 'companyId'), // archived meanwhile: undone, NOT_FOUND
      commit: () =>
        write.addChild(ctx.ds, { ...common, row: { companyId: membership.companyId, since: membership.since }, action: 'ADD_MEMBER' }),
      undo: () => write.removeChild(ctx.ds, { ...common, match: { companyId: membership.companyId }, action: 'UNDO_ADD_MEMBER' }),
    });
    return row!; // clusterMembers answers a duplicate with CONFLICT, never with null
  }

  @Mutation(() => Boolean, { description: 'False when the company was not a member (nothing is written).' })
  async removeClusterMember(
    @Arg('cluster', () => ClusterCode) code: ClusterCode,
    @Arg('companyId', () => ID) companyId: string,
    @Ctx() ctx: Ctx,
  ): Promise<boolean> {
    const principal = requireEditor(ctx.principal, OWNER, 'Removing a cluster member');
    const id = mustBeId('companyId', companyId);
    const { removed } = await write.removeChild(ctx.ds, {
      principal,
      table: clusterMembers,
      parentId: code,
      parentArgument: 'cluster',
      match: { companyId: id },
      action: 'REMOVE_MEMBER',
    });
    return removed !== null;
  }
}

@Resolver(() => ClusterMembership)
export class ClusterMembershipResolver {
  @FieldResolver(() => Cluster)
  async cluster(@Root() m: ClusterMembership, @Ctx() ctx: Ctx): Promise<Cluster> {
    const cluster = await ctx.loaders.clusterByCode.load(m.clusterCode);
    if (!cluster) throw new NotFoundError('Cluster', m.clusterCode);
    return cluster;
  }
}

@Resolver(() => CompanyRef)
export class CompanyClustersResolver {
  @FieldResolver(() => [Cluster], { description: 'The Smart Hub clusters this company is a member of.' })
  async clusters(@Root() company: CompanyRef, @Ctx() ctx: Ctx): Promise<Cluster[]> {
    const memberships = await ctx.loaders.membershipsByCompany.load(company.id);
    const clusters = await ctx.loaders.clusterByCode.loadMany(memberships.map((m) => m.clusterCode));
    return clusters.filter((c): c is Cluster => c instanceof Cluster);
  }
}

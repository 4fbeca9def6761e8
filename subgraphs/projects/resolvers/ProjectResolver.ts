import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireEditor, requireOrganisation, type Principal } from '../../../platform/auth';
import { ProjectStatus } from '../../kit/domain';
import { BadUserInputError, NotFoundError } from '../../../platform/errors';
import { AuditEntry } from '../../kit/graphql-types';
import { must, mustBeId } from '../../kit/input';
import { ConnectionType, ListPageArgs, PageArgs, paginate } from '../../kit/pagination';
import { tableOf } from '../../kit/tables';
import { checkCompaniesExist, checkPartnersExist } from '../../kit/references-check';
import type { HubContext } from '../../kit/context';
import { checkLength, NAME_MAX } from '../../kit/validation';
import { confirmedWrite, write } from '../../kit/writes';
import { CompanyRef } from '../entities/CompanyRef';
import { Event } from '../entities/Event';
import { PartnerRef } from '../entities/PartnerRef';
import { Project } from '../entities/Project';
import type { ProjectLoaders } from '../loaders';
import { checkProjectDates, projectColumns } from '../validate';
import { projectCompanies, projectPartners, projectTarget } from '../writes';
import { CreateProjectInput, ProjectFilter, UpdateProjectInput } from './inputs';

const ProjectConnection = ConnectionType(Project, 'Project');

const ProjectsArgs = PageArgs(ProjectFilter);

type Ctx = HubContext<ProjectLoaders>;

/** Writes to a project: the editor role in the project's lead organisation. */
export function requireLeadEditor(principal: Principal | null, project: Project, what: string): Principal {
  return requireEditor(principal, project.leadOrganisation, what);
}

/** The project, or NOT_FOUND naming `field`. */
export async function loadProject(ctx: Ctx, id: string, field: string): Promise<Project> {
  const project = await ctx.loaders.projectById.load(id);
  if (!project) throw new NotFoundError('Project', id, field);
  return project;
}

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true })
  project(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Project | null> {
    return ctx.loaders.projectById.load(mustBeId('id', id));
  }

  @Query(() => ProjectConnection)
  async projects(@Args(() => ProjectsArgs) { filter, first, after }: InstanceType<typeof ProjectsArgs>, @Ctx() ctx: Ctx) {
    const table = tableOf(ctx.ds, Project);
    const where = table.where();
    if (filter?.status != null) where.and('{status} = $1', filter.status);
    if (filter?.theme != null) where.and('{theme} = $1', filter.theme);
    if (filter?.search != null && filter.search.trim() !== '') {
      const term = must('filter.search', checkLength(filter.search, NAME_MAX));
      const like = `%${term.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      where.and('lower({title}) LIKE $1 OR lower({summary}) LIKE $1', like);
    }
    return paginate(table, where, { sortBy: 'title', first, after, counts: ctx.counts });
  }

  @FieldResolver(() => [CompanyRef], { description: 'By company id; `after`: a company id.' })
  async companies(@Root() project: Project, @Args(() => ListPageArgs) page: ListPageArgs, @Ctx() ctx: Ctx): Promise<CompanyRef[]> {
    const rows = await ctx.loaders.companiesByProject.page(project.id, page);
    return rows.map((r) => ({ id: r.companyId }));
  }

  @FieldResolver(() => [PartnerRef], { description: 'By partner id; `after`: a partner id.' })
  async partners(@Root() project: Project, @Args(() => ListPageArgs) page: ListPageArgs, @Ctx() ctx: Ctx): Promise<PartnerRef[]> {
    const rows = await ctx.loaders.partnersByProject.page(project.id, page);
    return rows.map((r) => ({ id: r.partnerId }));
  }

  @FieldResolver(() => [Event], { description: 'In start order; `after`: an event id.' })
  events(@Root() project: Project, @Args(() => ListPageArgs) page: ListPageArgs, @Ctx() ctx: Ctx): Promise<Event[]> {
    return ctx.loaders.eventsByProject.page(project.id, page);
  }

  @FieldResolver(() => [AuditEntry], { nullable: true, description: 'Restricted: lead organisation only.' })
  history(@Root() project: Project, @Ctx() ctx: Ctx): Promise<AuditEntry[]> {
    requireOrganisation(ctx.principal, project.leadOrganisation, 'The history of a project');
    return ctx.loaders.historyByProject.load(project.id);
  }

  @Mutation(() => Project, { description: "Any organisation's editor; the caller's organisation becomes the lead organisation." })
  async createProject(@Arg('input', () => CreateProjectInput) input: CreateProjectInput, @Ctx() ctx: Ctx): Promise<Project> {
    const principal = requireEditor(ctx.principal, null, 'Creating a project');
    const values = projectColumns(input);
    return write.create(ctx.ds, {
      principal,
      target: projectTarget,
      values: { ...values, status: values.status ?? ProjectStatus.PROPOSED, leadOrganisation: principal.org },
    });
  }

  @Mutation(() => Project, { description: "The lead organisation's editors only." })
  async updateProject(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateProjectInput) input: UpdateProjectInput,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: Ctx,
  ): Promise<Project> {
    const principal = requireEditor(ctx.principal, null, 'Updating a project');
    const projectId = mustBeId('id', id);
    const values = projectColumns(input);
    const { row } = await write.update(ctx.ds, {
      principal,
      target: projectTarget,
      id: projectId,
      expectedVersion,
      values,
      guard: (current) => {
        requireLeadEditor(principal, current, 'Updating a project');
        checkProjectDates(values, current);
      },
    });
    return row;
  }

  @Mutation(() => Project, {
    description:
      "The lead organisation's editors only. Exactly one of companyId and partnerId. " +
      'Adding a company or partner that already takes part changes nothing and answers the project.',
  })
  async addProjectParticipant(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('companyId', () => ID, { nullable: true }) companyId: string | null,
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<Project> {
    const what = 'Adding a project participant';
    const principal = requireEditor(ctx.principal, null, what);
    const id = mustBeId('projectId', projectId);
    const hasCompany = companyId !== null && companyId !== undefined;
    const hasPartner = partnerId !== null && partnerId !== undefined;
    if (hasCompany === hasPartner) {
      throw new BadUserInputError(
        hasCompany ? 'partnerId' : 'companyId',
        `give exactly one of companyId and partnerId; got ${hasCompany ? 'both' : 'neither'}`,
      );
    }
    const companyRef = hasCompany ? mustBeId('companyId', companyId!) : null;
    const partnerRef = hasCompany ? null : mustBeId('partnerId', partnerId!);

    // Cheap local checks first; the owner is asked only for an allowed write.
    requireLeadEditor(principal, await loadProject(ctx, id, 'projectId'), what);

    const common = {
      principal,
      parentId: id,
      parentArgument: 'projectId',
      action: 'ADD_PARTICIPANT',
      guard: (current: Project) => void requireLeadEditor(principal, current, what),
    };
    if (!companyRef) {
      await checkPartnersExist(ctx, [partnerRef!], 'partnerId');
      return (await write.addChild(ctx.ds, { ...common, table: projectPartners, row: { partnerId: partnerRef! } })).parent;
    }
    const { parent } = await confirmedWrite({
      check: () => checkCompaniesExist(ctx, [companyRef], 'companyId'), // archived meanwhile: undone, NOT_FOUND
      commit: () => write.addChild(ctx.ds, { ...common, table: projectCompanies, row: { companyId: companyRef } }),
      undo: ({ row }) =>
        row &&
        write.removeChild(ctx.ds, {
          ...common,
          table: projectCompanies,
          match: { companyId: companyRef },
          action: 'UNDO_ADD_PARTICIPANT',
        }),
    });
    return parent;
  }
}

@Resolver(() => CompanyRef)
export class CompanyProjectsResolver {
  @FieldResolver(() => [Project], { description: 'The projects this company takes part in, by title; `after`: a project id.' })
  projects(@Root() company: CompanyRef, @Args(() => ListPageArgs) page: ListPageArgs, @Ctx() ctx: Ctx): Promise<Project[]> {
    return ctx.loaders.projectsByCompany.page(company.id, page);
  }
}

@Resolver(() => PartnerRef)
export class PartnerProjectsResolver {
  @FieldResolver(() => [Project], { description: 'The projects this partner takes part in, by title; `after`: a project id.' })
  projects(@Root() partner: PartnerRef, @Args(() => ListPageArgs) page: ListPageArgs, @Ctx() ctx: Ctx): Promise<Project[]> {
    return ctx.loaders.projectsByPartner.page(partner.id, page);
  }
}

import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isUuid } from '../../../platform/ids';
import { checkFirst, LIST_PAGE_SIZE, ListPageArgs } from '../../kit/pagination';
import { tableOf } from '../../kit/tables';
import { requireEditor } from '../../../platform/auth';
import { BadUserInputError } from '../../../platform/errors';
import { checkCompaniesExist } from '../../kit/references-check';
import { DateTimeScalar } from '../../kit/scalars';
import type { HubContext } from '../../kit/context';
import { confirmedWrite, write } from '../../kit/writes';
import { CompanyRef } from '../entities/CompanyRef';
import { Event } from '../entities/Event';
import { Project } from '../entities/Project';
import type { ProjectLoaders } from '../loaders';
import { eventColumns } from '../validate';
import { eventAttendees, eventTarget } from '../writes';
import { ScheduleEventInput } from './inputs';
import { loadProject, requireLeadEditor } from './ProjectResolver';

type Ctx = HubContext<ProjectLoaders>;

@Resolver(() => Event)
export class EventResolver {
  @Query(() => [Event], { description: 'Events in start order; `from` and `to` both inclusive; `after`: an event id.' })
  async events(
    @Arg('from', () => DateTimeScalar, { nullable: true }) from: Date | null,
    @Arg('to', () => DateTimeScalar, { nullable: true }) to: Date | null,
    @Args(() => ListPageArgs) { first, after }: ListPageArgs,
    @Ctx() ctx: Ctx,
  ): Promise<Event[]> {
    if (from && to && to < from) {
      throw new BadUserInputError('to', `must not be before from (${from.toISOString()}), got ${to.toISOString()}`);
    }
    const size = checkFirst(first, 'first', LIST_PAGE_SIZE);
    const table = tableOf(ctx.ds, Event);
    const where = table.where();
    if (from) where.and('{startsAt} >= $1', from);
    if (to) where.and('{startsAt} <= $1', to);
    if (after !== null && after !== undefined) {
      // Keyset: the page starts after the (startsAt, id) of the event named by `after`.
      const last = isUuid(after) ? await ctx.loaders.eventById.load(after) : null;
      if (!last) throw new BadUserInputError('after', 'is not the id of an event; pass the id of the last event of the previous page');
      where.and('({startsAt}, {id}) > ($1, $2)', last.startsAt, last.id);
    }
    return table.select(where, { orderBy: table.sql('{startsAt} ASC, {id} ASC'), limit: size });
  }

  @FieldResolver(() => Project, { nullable: true, description: 'Null for a standalone event.' })
  project(@Root() event: Event, @Ctx() ctx: Ctx): Promise<Project | null> | null {
    return event.projectId ? ctx.loaders.projectById.load(event.projectId) : null;
  }

  @FieldResolver(() => [CompanyRef], { description: 'By company id; `after`: a company id.' })
  async attendees(@Root() event: Event, @Args(() => ListPageArgs) page: ListPageArgs, @Ctx() ctx: Ctx): Promise<CompanyRef[]> {
    const rows = await ctx.loaders.attendeesByEvent.page(event.id, page);
    return rows.map((r) => ({ id: r.companyId }));
  }

  @Mutation(() => Event, {
    description: "With projectId: the project's lead organisation's editors. Without: a standalone event, any organisation's editor.",
  })
  async scheduleEvent(@Arg('input', () => ScheduleEventInput) input: ScheduleEventInput, @Ctx() ctx: Ctx): Promise<Event> {
    const what = 'Scheduling an event';
    const principal = requireEditor(ctx.principal, null, what);
    const { columns, attendeeIds } = eventColumns(input);
    if (columns.projectId)
      requireLeadEditor(principal, await loadProject(ctx, columns.projectId, 'input.projectId'), `${what} of a project`);
    // Projects are never deleted and their lead organisation never changes: no lock needed.
    return confirmedWrite({
      check: () => checkCompaniesExist(ctx, attendeeIds, 'input.attendeeCompanyIds'), // an attendee archived meanwhile: the event is undone, NOT_FOUND
      commit: () =>
        write.create(ctx.ds, {
          principal,
          target: eventTarget,
          values: columns,
          action: 'SCHEDULE_EVENT',
          children: { table: eventAttendees, rows: attendeeIds.map((companyId) => ({ companyId })) },
        }),
      undo: (event) =>
        attendeeIds.length > 0 &&
        write.remove(ctx.ds, { principal, target: eventTarget, id: event.id, action: 'UNDO_SCHEDULE_EVENT', children: [eventAttendees] }),
    });
  }
}

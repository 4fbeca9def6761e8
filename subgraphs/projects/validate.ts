import { BadUserInputError } from '../../platform/errors';
import { inputFields, must, mustBeId, mustBeIntInRange } from '../kit/input';
import { checkLength, NAME_MAX, TEXT_MAX } from '../kit/validation';
import type { Assessment } from './entities/Assessment';
import type { Event } from './entities/Event';
import type { Project } from './entities/Project';
import type { CreateProjectInput, RecordAssessmentInput, ScheduleEventInput, UpdateProjectInput } from './resolvers/inputs';

export type ProjectColumns = Partial<
  Pick<Project, 'title' | 'summary' | 'theme' | 'status' | 'startsOn' | 'endsOn' | 'budgetEur' | 'leadOrganisation'>
>;

/** The audited project columns, in the order changes are reported. */
export const PROJECT_FIELDS: (keyof ProjectColumns)[] = [
  'title',
  'summary',
  'theme',
  'status',
  'startsOn',
  'endsOn',
  'budgetEur',
  'leadOrganisation',
];

/** Largest budget a PostgreSQL int holds (GraphQL Int is 32-bit as well). */
export const BUDGET_MAX = 2_147_483_647;
/** Most attendees one scheduleEvent call may name. */
export const ATTENDEES_MAX = 500;

const optionalText = (field: string, v: string | null | undefined, max: number) =>
  v === null || v === undefined || v.trim() === '' ? null : must(field, checkLength(v, max, { multiline: true }));

/**
 * Checks a create or update input field by field and answers the columns to
 * write. Only fields present in the input are checked and returned (updates).
 * Every failure names the input field: `input.title: must not be empty`.
 * The dates are compared with each other here when both are given; an update
 * that gives one side is compared with the stored other side by `checkProjectDates`.
 */
export function projectColumns(input: CreateProjectInput | UpdateProjectInput): ProjectColumns {
  const cols: ProjectColumns = {};
  const { has, notNull } = inputFields(input);
  if (has('title')) {
    notNull('title');
    cols.title = must('input.title', checkLength(input.title!, NAME_MAX, { required: true }));
  }
  if (has('summary')) cols.summary = optionalText('input.summary', input.summary, TEXT_MAX);
  if (has('theme')) {
    notNull('theme');
    cols.theme = input.theme!;
  }
  if (has('status')) {
    notNull('status', '; leave it out to keep the current status (PROPOSED for a new project)');
    cols.status = input.status!;
  }
  // Dates arrive checked by the Date scalar (a real calendar date, YYYY-MM-DD).
  if (has('startsOn')) cols.startsOn = input.startsOn ?? null;
  if (has('endsOn')) cols.endsOn = input.endsOn ?? null;
  if (has('budgetEur')) {
    cols.budgetEur = input.budgetEur === null ? null : mustBeIntInRange('input.budgetEur', input.budgetEur!, 0, BUDGET_MAX);
  }
  checkProjectDates(cols);
  return cols;
}

/**
 * `endsOn` must not be before `startsOn`. Sides missing from `values` are taken
 * from `current` (the stored, locked row of an update). Names the side the
 * input gave: input.endsOn when it is there, else input.startsOn.
 */
export function checkProjectDates(values: ProjectColumns, current?: Pick<Project, 'startsOn' | 'endsOn'>): void {
  const startsOn = 'startsOn' in values ? values.startsOn : (current?.startsOn ?? null);
  const endsOn = 'endsOn' in values ? values.endsOn : (current?.endsOn ?? null);
  if (!startsOn || !endsOn || endsOn >= startsOn) return;
  if ('endsOn' in values) {
    throw new BadUserInputError('input.endsOn', `must not be before startsOn (${startsOn}), got ${endsOn}`);
  }
  throw new BadUserInputError('input.startsOn', `must not be after endsOn (${endsOn}), got ${startsOn}`);
}

export type EventColumns = Pick<Event, 'projectId' | 'title' | 'kind' | 'startsAt' | 'location'>;

/** The audited event columns. */
export const EVENT_FIELDS: (keyof EventColumns)[] = ['projectId', 'title', 'kind', 'startsAt', 'location'];

/** ScheduleEventInput -> the event columns and the distinct attendee ids. */
export function eventColumns(input: ScheduleEventInput): { columns: EventColumns; attendeeIds: string[] } {
  const ids = input.attendeeCompanyIds ?? [];
  if (ids.length > ATTENDEES_MAX) {
    throw new BadUserInputError('input.attendeeCompanyIds', `may name at most ${ATTENDEES_MAX} companies, got ${ids.length}`);
  }
  const attendeeIds = [...new Set(ids.map((id, i) => mustBeId(`input.attendeeCompanyIds[${i}]`, id)))];
  return {
    columns: {
      projectId: input.projectId === null || input.projectId === undefined ? null : mustBeId('input.projectId', input.projectId),
      title: must('input.title', checkLength(input.title, NAME_MAX, { required: true })),
      kind: input.kind,
      startsAt: input.startsAt,
      location: must('input.location', checkLength(input.location, NAME_MAX, { required: true })),
    },
    attendeeIds,
  };
}

export type AssessmentColumns = Pick<Assessment, 'companyId' | 'panelDate' | 'marketFit' | 'recommendation'>;

/** The audited assessment columns. */
export const ASSESSMENT_FIELDS: (keyof AssessmentColumns)[] = ['companyId', 'panelDate', 'marketFit', 'recommendation'];

/** RecordAssessmentInput -> the assessment columns. `today` is YYYY-MM-DD. */
export function assessmentColumns(input: RecordAssessmentInput, today = new Date().toISOString().slice(0, 10)): AssessmentColumns {
  const companyId = mustBeId('input.companyId', input.companyId);
  if (input.panelDate > today) throw new BadUserInputError('input.panelDate', `cannot be in the future, got ${input.panelDate}`);
  return {
    companyId,
    panelDate: input.panelDate,
    marketFit: mustBeIntInRange('input.marketFit', input.marketFit, 1, 5),
    recommendation: must('input.recommendation', checkLength(input.recommendation, TEXT_MAX, { required: true, multiline: true })),
  };
}

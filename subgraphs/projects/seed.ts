import type { DataSource } from 'typeorm';
import { BadUserInputError, NotFoundError } from '../../platform/errors';
import { stableUuid } from '../../platform/ids';
import { ASSESSOR, ORGANISATION_IDS, VLAAMS_BRABANT } from '../../platform/organisations';
import { ROOT } from '../../platform/paths';
import { EventKind, PartnershipTheme, ProjectStatus } from '../kit/domain';
import { must } from '../kit/input';
import { DateScalar, DateTimeScalar } from '../kit/scalars';
import { demoKeys, demoReferences, insertRows, insertSeeded, readSeed, SEED_ACTOR, seedIfEmpty, type SeedRow } from '../kit/seed';
import { enterpriseNumberKey } from '../kit/sheets/formats';
import type { FieldType } from '../kit/sheets/cells';
import type { SheetFormat } from '../kit/sheets/rows';
import { checkLength, NAME_MAX } from '../kit/validation';
import { Assessment } from './entities/Assessment';
import { Event, EventAttendee } from './entities/Event';
import { Project } from './entities/Project';
import { ProjectCompany, ProjectPartner } from './entities/ProjectParticipant';
import {
  assessmentColumns,
  eventColumns,
  projectColumns,
  type AssessmentColumns,
  type EventColumns,
  type ProjectColumns,
} from './validate';

/*
 * The projects subgraph's demo data: seed/projects.csv (with the companies and
 * partners taking part), seed/events.csv (with the attending companies) and
 * seed/assessments.csv. Rows name projects and events by a key, companies by
 * enterprise number and partners by credit code; ids are stable UUIDs derived
 * from those keys. Dates fit the demo's "today", 2026-11-28: completed projects
 * ended before it, active ones span it, proposed ones start after it.
 */

const str: FieldType = { kind: 'string' };
const required = (column: string, type: FieldType = str) => ({ column, type, required: true });
const optional = (column: string, type: FieldType = str) => ({ column, type });
const byKey = (column: string) => ({ keyColumn: column, keyOf: (v: Record<string, string>) => (v[column] ?? '').trim() });

/** A row of seed/projects.csv: createProject's input, the lead organisation and the participants by natural key. */
export interface DemoProject {
  key: string;
  leadOrganisation: string;
  title: string;
  summary: string | null;
  theme: PartnershipTheme;
  status: ProjectStatus;
  startsOn: string | null;
  endsOn: string | null;
  budgetEur: number | null;
  /** Enterprise numbers. */
  companies: string[];
  /** Credit codes. */
  partners: string[];
}

/** A row of seed/events.csv: scheduleEvent's input, the project by key and the attendees by enterprise number. */
export interface DemoEvent {
  key: string;
  /** The project's key; null for a standalone event. */
  project: string | null;
  title: string;
  kind: EventKind;
  /** ISO-8601 with offset. */
  startsAt: string;
  location: string;
  attendees: string[];
}

/** A row of seed/assessments.csv: recordAssessment's input, the company by enterprise number. */
export interface DemoAssessment {
  enterpriseNumber: string;
  panelDate: string;
  marketFit: number;
  recommendation: string;
}

const PROJECT_SHEET: SheetFormat = {
  fields: [
    required('key'),
    required('leadOrganisation'),
    required('title'),
    optional('summary'),
    required('theme', { kind: 'enum', values: Object.values(PartnershipTheme) }),
    required('status', { kind: 'enum', values: Object.values(ProjectStatus) }),
    optional('startsOn', { kind: 'scalar', scalar: DateScalar }),
    optional('endsOn', { kind: 'scalar', scalar: DateScalar }),
    optional('budgetEur', { kind: 'int' }),
    optional('companies', { kind: 'list' }),
    optional('partners', { kind: 'list' }),
  ],
  ...byKey('key'),
};

const EVENT_SHEET: SheetFormat = {
  fields: [
    required('key'),
    optional('project'),
    required('title'),
    required('kind', { kind: 'enum', values: Object.values(EventKind) }),
    required('startsAt', { kind: 'scalar', scalar: DateTimeScalar }),
    required('location'),
    optional('attendees', { kind: 'list' }),
  ],
  ...byKey('key'),
};

const ASSESSMENT_SHEET: SheetFormat = {
  fields: [
    required('enterpriseNumber'),
    required('panelDate', { kind: 'scalar', scalar: DateScalar }),
    required('marketFit', { kind: 'int' }),
    required('recommendation'),
  ],
  // One assessment per company and panel date, as the database has it.
  keyColumn: 'panelDate',
  keyOf: (v) => `${enterpriseNumberKey(v.enterpriseNumber ?? '')} ${(v.panelDate ?? '').trim()}`,
};

const PROJECTS_FILE = 'subgraphs/projects/seed/projects.csv';

export const projectIdFor = (key: string) => stableUuid('project', key);
export const eventIdFor = (key: string) => stableUuid('event', key);
export const assessmentIdFor = (enterpriseNumber: string, panelDate: string) => stableUuid('assessment', enterpriseNumber + panelDate);

type ProjectRow = Required<ProjectColumns> & Pick<Project, 'id'>;
type EventRow = EventColumns & Pick<Event, 'id'>;
type AssessmentRow = AssessmentColumns & Pick<Assessment, 'id' | 'recordedByOrg' | 'recordedBy'>;

export interface DemoProjectsData {
  projects: SeedRow<DemoProject, { project: ProjectRow; companyIds: string[]; partnerIds: string[] }>[];
  events: SeedRow<DemoEvent, { event: EventRow; attendeeIds: string[] }>[];
  assessments: SeedRow<DemoAssessment, AssessmentRow>[];
}

/**
 * The projects subgraph's demo data, every row through the validator its
 * mutation calls (createProject, addProjectParticipant, scheduleEvent,
 * recordAssessment); companies and partners must be in their owners' demo
 * data, projects in projects.csv. SeedError when a row is wrong.
 */
export function demoProjectsData(root = ROOT): DemoProjectsData {
  const refs = demoReferences(root);
  return readSeed(root, (reader) => {
    const projects = reader.read({
      file: PROJECTS_FILE,
      format: PROJECT_SHEET,
      aliases: { companyId: 'companies', partnerId: 'partners' },
      validate: (p: DemoProject) => {
        const key = must('key', checkLength(p.key, NAME_MAX, { required: true }));
        // createProject takes the lead organisation from the caller's token: a known organisation.
        if (!(ORGANISATION_IDS as readonly string[]).includes(p.leadOrganisation)) {
          throw new BadUserInputError('leadOrganisation', `must be one of ${ORGANISATION_IDS.join(', ')}, got "${p.leadOrganisation}"`);
        }
        const { title, summary, theme, status, startsOn, endsOn, budgetEur } = p;
        const columns = projectColumns({ title, summary, theme, status, startsOn, endsOn, budgetEur });
        return {
          project: { id: projectIdFor(key), ...(columns as Required<ProjectColumns>), leadOrganisation: p.leadOrganisation },
          // Adding a participant twice changes nothing, as addProjectParticipant answers.
          companyIds: [...new Set(p.companies.map((n) => refs.company(n, 'companyId')))],
          partnerIds: [...new Set(p.partners.map((c) => refs.partner(c, 'partnerId')))],
        };
      },
    });
    // An event names its project by key, as the key is written in projects.csv.
    const projectKeys = demoKeys(root, PROJECTS_FILE, 'key');
    const events = reader.read({
      file: 'subgraphs/projects/seed/events.csv',
      format: EVENT_SHEET,
      aliases: { projectId: 'project', attendeeCompanyIds: 'attendees' },
      validate: (e: DemoEvent) => {
        const key = must('key', checkLength(e.key, NAME_MAX, { required: true }));
        if (e.project !== null && !projectKeys.has(e.project)) throw new NotFoundError('Project', e.project, 'input.projectId');
        const { columns, attendeeIds } = eventColumns({
          projectId: e.project === null ? null : projectIdFor(e.project),
          title: e.title,
          kind: e.kind,
          startsAt: DateTimeScalar.parseValue(e.startsAt) as Date,
          location: e.location,
          attendeeCompanyIds: e.attendees.map((n, i) => refs.company(n, `input.attendeeCompanyIds[${i}]`)),
        });
        return { event: { id: eventIdFor(key), ...columns }, attendeeIds };
      },
    });
    const assessments = reader.read({
      file: 'subgraphs/projects/seed/assessments.csv',
      format: ASSESSMENT_SHEET,
      aliases: { companyId: 'enterpriseNumber' },
      validate: (a: DemoAssessment) => {
        const { enterpriseNumber, panelDate, marketFit, recommendation } = a;
        const companyId = refs.company(enterpriseNumber, 'input.companyId');
        const columns = assessmentColumns({ companyId, panelDate, marketFit, recommendation });
        return { id: assessmentIdFor(enterpriseNumber, panelDate), ...columns, recordedByOrg: ASSESSOR, recordedBy: SEED_ACTOR };
      },
    });
    return { projects, events, assessments };
  });
}

/**
 * Demo projects (each audited for its lead organisation) with their
 * participants, events with their attendees (audited for the project's lead
 * organisation; standalone demo events were organised by the province's China
 * Cleantech programme) and assessments (audited for the assessor).
 */
export function seed(ds: DataSource, root = ROOT): Promise<boolean> {
  return seedIfEmpty(ds, Project, async (em) => {
    const { projects, events, assessments } = demoProjectsData(root);
    const projectRows = projects.map((r) => r.value);
    await insertSeeded(
      em,
      Project,
      projectRows.map((r) => r.project),
      { type: 'Project', organisation: (p) => p.leadOrganisation, id: (p) => p.id },
    );
    await insertRows(
      em,
      ProjectCompany,
      projectRows.flatMap((r) => r.companyIds.map((companyId) => ({ projectId: r.project.id, companyId }))),
    );
    await insertRows(
      em,
      ProjectPartner,
      projectRows.flatMap((r) => r.partnerIds.map((partnerId) => ({ projectId: r.project.id, partnerId }))),
    );
    const leadOf = new Map(projectRows.map((r) => [r.project.id, r.project.leadOrganisation]));
    await insertSeeded(
      em,
      Event,
      events.map((r) => r.value.event),
      { type: 'Event', organisation: (e) => (e.projectId && leadOf.get(e.projectId)) || VLAAMS_BRABANT, id: (e) => e.id },
    );
    await insertRows(
      em,
      EventAttendee,
      events.flatMap((r) => r.value.attendeeIds.map((companyId) => ({ eventId: r.value.event.id, companyId }))),
    );
    await insertSeeded(
      em,
      Assessment,
      assessments.map((r) => r.value),
      { type: 'Assessment', organisation: ASSESSOR, id: (a) => a.id },
    );
  });
}

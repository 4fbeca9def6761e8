import type { AuditedTarget, ChildTable } from '../kit/writes';
import { Assessment } from './entities/Assessment';
import { Event, EventAttendee } from './entities/Event';
import { Project } from './entities/Project';
import { ProjectCompany, ProjectPartner } from './entities/ProjectParticipant';
import { ASSESSMENT_FIELDS, EVENT_FIELDS, PROJECT_FIELDS } from './validate';

/** What the projects subgraph writes through the kit's write path, and how each write is audited. */
export const projectTarget: AuditedTarget<Project> = { entity: Project, type: 'Project', fields: PROJECT_FIELDS };

/** A project's companies and partners: ADD_PARTICIPANT on the project, which bumps its version; adding one twice changes nothing. */
export const projectCompanies: ChildTable<Project, ProjectCompany> = {
  parent: projectTarget,
  entity: ProjectCompany,
  parentKey: 'projectId',
  fields: ['companyId'],
  duplicate: 'ignore',
};
export const projectPartners: ChildTable<Project, ProjectPartner> = {
  parent: projectTarget,
  entity: ProjectPartner,
  parentKey: 'projectId',
  fields: ['partnerId'],
  duplicate: 'ignore',
};

export const eventTarget: AuditedTarget<Event> = { entity: Event, type: 'Event', fields: EVENT_FIELDS };

/** An event's attendees, written with the event: its audit entry lists them as attendeeCompanyIds. */
export const eventAttendees: ChildTable<Event, EventAttendee> = {
  parent: eventTarget,
  entity: EventAttendee,
  parentKey: 'eventId',
  fields: ['companyId'],
  duplicate: 'ignore',
  asList: { field: 'attendeeCompanyIds', of: 'companyId' },
};

export const assessmentTarget: AuditedTarget<Assessment> = {
  entity: Assessment,
  type: 'Assessment',
  fields: ASSESSMENT_FIELDS,
  unique: { field: 'input.panelDate', message: 'This company already has an assessment for this panel date.' },
};

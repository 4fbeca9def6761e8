import type { DataSource } from 'typeorm';
import { historyLoader } from '../kit/audit';
import { isUuid } from '../../platform/ids';
import { childPages } from '../kit/child-pages';
import { byKeyLoader, groupLoader } from '../kit/loaders';
import { Assessment } from './entities/Assessment';
import { Event, EventAttendee } from './entities/Event';
import { Project } from './entities/Project';
import { ProjectCompany, ProjectPartner } from './entities/ProjectParticipant';

export function createLoaders(ds: DataSource) {
  return {
    projectById: byKeyLoader(ds, Project),
    eventById: byKeyLoader(ds, Event),
    assessmentById: byKeyLoader(ds, Assessment),
    /** Project.companies, Project.partners (by id; primary keys), Project.events (start order; event_project_page_idx) */
    companiesByProject: childPages(ds, {
      entity: ProjectCompany,
      from: 'project_company e',
      parent: 'e.project_id',
      parentType: 'uuid',
      id: 'companyId',
      order: [],
    }),
    partnersByProject: childPages(ds, {
      entity: ProjectPartner,
      from: 'project_partner e',
      parent: 'e.project_id',
      parentType: 'uuid',
      id: 'partnerId',
      order: [],
    }),
    eventsByProject: childPages(ds, {
      entity: Event,
      from: 'event e',
      parent: 'e.project_id',
      parentType: 'uuid',
      id: 'id',
      order: ['startsAt'],
    }),
    /** Event.attendees, by company id (primary key) */
    attendeesByEvent: childPages(ds, {
      entity: EventAttendee,
      from: 'event_attendee e',
      parent: 'e.event_id',
      parentType: 'uuid',
      id: 'companyId',
      order: [],
    }),
    /** Company.projects, Partner.projects: by title, then id, through the link table; Company.assessments */
    projectsByCompany: childPages(ds, {
      entity: Project,
      from: 'project_company l JOIN project e ON e.id = l.project_id',
      parent: 'l.company_id',
      parentType: 'uuid',
      id: 'id',
      order: ['title'],
      isValidParent: isUuid,
    }),
    projectsByPartner: childPages(ds, {
      entity: Project,
      from: 'project_partner l JOIN project e ON e.id = l.project_id',
      parent: 'l.partner_id',
      parentType: 'uuid',
      id: 'id',
      order: ['title'],
      isValidParent: isUuid,
    }),
    assessmentsByCompany: groupLoader(ds, Assessment, 'companyId', { property: 'panelDate', direction: 'DESC' }, isUuid),
    historyByProject: historyLoader(ds, 'Project'),
  };
}
export type ProjectLoaders = ReturnType<typeof createLoaders>;

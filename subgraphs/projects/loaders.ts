import type { DataSource } from 'typeorm';
import { historyLoader } from '../kit/audit';
import { isUuid } from '../../platform/ids';
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
    /** Project.companies, Project.partners, Project.events */
    companiesByProject: groupLoader(ds, ProjectCompany, 'projectId', { property: 'companyId' }),
    partnersByProject: groupLoader(ds, ProjectPartner, 'projectId', { property: 'partnerId' }),
    eventsByProject: groupLoader(ds, Event, 'projectId', [{ property: 'startsAt' }, { property: 'id' }]),
    /** Event.attendees */
    attendeesByEvent: groupLoader(ds, EventAttendee, 'eventId', { property: 'companyId' }),
    /** Company.projects, Partner.projects (then projectById), Company.assessments */
    projectsByCompany: groupLoader(ds, ProjectCompany, 'companyId', undefined, isUuid),
    projectsByPartner: groupLoader(ds, ProjectPartner, 'partnerId', undefined, isUuid),
    assessmentsByCompany: groupLoader(ds, Assessment, 'companyId', { property: 'panelDate', direction: 'DESC' }, isUuid),
    historyByProject: historyLoader(ds, 'Project'),
  };
}
export type ProjectLoaders = ReturnType<typeof createLoaders>;

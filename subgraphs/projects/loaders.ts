import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { historyLoader } from '../shared/audit';
import { isUuid } from '../shared/ids';
import { byKeyLoader, groupLoader } from '../shared/loaders';
import { Assessment } from './entities/Assessment';
import { Event, EventAttendee } from './entities/Event';
import { Project } from './entities/Project';
import { ProjectCompany, ProjectPartner } from './entities/ProjectParticipant';

/**
 * Keys that come from other subgraphs (`_entities` representations) may be
 * anything; a malformed id has no rows and must not reach a uuid column.
 */
function validKeysOnly<V>(loader: DataLoader<string, V[]>): DataLoader<string, V[]> {
  return new DataLoader<string, V[]>(async (keys) => {
    const valid = keys.filter(isUuid);
    const results = valid.length ? await loader.loadMany(valid) : [];
    const byKey = new Map(valid.map((k, i) => [k, results[i]]));
    return keys.map((k) => byKey.get(k) ?? []);
  });
}

export function createLoaders(ds: DataSource) {
  return {
    projectById: byKeyLoader(ds, Project),
    eventById: byKeyLoader(ds, Event),
    assessmentById: byKeyLoader(ds, Assessment),
    /** Project.companies, Project.partners, Project.events */
    companiesByProject: groupLoader(ds, ProjectCompany, 'projectId', { property: 'companyId' }),
    partnersByProject: groupLoader(ds, ProjectPartner, 'projectId', { property: 'partnerId' }),
    eventsByProject: groupLoader(ds, Event, 'projectId', { property: 'startsAt' }),
    /** Event.attendees */
    attendeesByEvent: groupLoader(ds, EventAttendee, 'eventId', { property: 'companyId' }),
    /** Company.projects, Partner.projects (then projectById), Company.assessments */
    projectsByCompany: validKeysOnly(groupLoader(ds, ProjectCompany, 'companyId')),
    projectsByPartner: validKeysOnly(groupLoader(ds, ProjectPartner, 'partnerId')),
    assessmentsByCompany: validKeysOnly(groupLoader(ds, Assessment, 'companyId', { property: 'panelDate', direction: 'DESC' })),
    historyByProject: historyLoader(ds, 'Project'),
  };
}
export type ProjectLoaders = ReturnType<typeof createLoaders>;

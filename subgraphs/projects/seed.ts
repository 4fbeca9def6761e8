import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../kit/audit';
import { demoCompanyId as companyIdFor, demoPartnerId as partnerIdFor, stableUuid } from '../../platform/ids';
import { seedIfEmpty } from '../kit/seed';
import { Assessment } from './entities/Assessment';
import { Event, EventAttendee } from './entities/Event';
import { Project } from './entities/Project';
import { ProjectCompany, ProjectPartner } from './entities/ProjectParticipant';
import { ASSESSOR, VLAAMS_BRABANT } from '../../platform/organisations';
import { ASSESSMENTS, EVENTS, PROJECTS } from './seed-data';

export const projectIdFor = (key: string) => stableUuid('project', key);
export const eventIdFor = (key: string) => stableUuid('event', key);
export const assessmentIdFor = (enterpriseNumber: string, panelDate: string) => stableUuid('assessment', enterpriseNumber + panelDate);

export function demoProjects(): Partial<Project>[] {
  return PROJECTS.map((p) => ({
    id: projectIdFor(p.key),
    title: p.title,
    summary: p.summary,
    theme: p.theme,
    status: p.status,
    startsOn: p.startsOn ?? null,
    endsOn: p.endsOn ?? null,
    budgetEur: p.budgetEur ?? null,
    leadOrganisation: p.leadOrganisation,
  }));
}

const seedEntry = (entityType: string, entityId: string, organisation: string) => ({
  entityType,
  entityId,
  organisation,
  actor: 'demo-seed',
  action: 'SEED',
  changes: null,
});

/** Participants, events with attendees and assessments, each record with its SEED audit entry. */
async function seedRest(em: EntityManager): Promise<void> {
  const leadOf = new Map(PROJECTS.map((p) => [p.key, p.leadOrganisation]));
  await em.insert(
    ProjectCompany,
    PROJECTS.flatMap((p) => p.companies.map((n) => ({ projectId: projectIdFor(p.key), companyId: companyIdFor(n) }))),
  );
  await em.insert(
    ProjectPartner,
    PROJECTS.flatMap((p) => p.partners.map((c) => ({ projectId: projectIdFor(p.key), partnerId: partnerIdFor(c) }))),
  );
  await em.insert(
    Event,
    EVENTS.map((e) => ({
      id: eventIdFor(e.key),
      projectId: e.projectKey ? projectIdFor(e.projectKey) : null,
      title: e.title,
      kind: e.kind,
      startsAt: new Date(e.startsAt),
      location: e.location,
    })),
  );
  await em.insert(
    EventAttendee,
    EVENTS.flatMap((e) => e.attendees.map((n) => ({ eventId: eventIdFor(e.key), companyId: companyIdFor(n) }))),
  );
  const assessments = ASSESSMENTS.map((a) => ({
    id: assessmentIdFor(a.enterpriseNumber, a.panelDate),
    companyId: companyIdFor(a.enterpriseNumber),
    panelDate: a.panelDate,
    marketFit: a.marketFit,
    recommendation: a.recommendation,
    recordedByOrg: ASSESSOR,
    recordedBy: 'demo-seed',
  }));
  await em.insert(Assessment, assessments);
  await em.insert(AuditLog, [
    // Standalone demo events were organised by the province's China Cleantech programme.
    ...EVENTS.map((e) => seedEntry('Event', eventIdFor(e.key), (e.projectKey && leadOf.get(e.projectKey)) || VLAAMS_BRABANT)),
    ...assessments.map((a) => seedEntry('Assessment', a.id, ASSESSOR)),
  ]);
}

/** Demo projects (each audited for its lead organisation), participants, events and assessments. */
export function seed(ds: DataSource): Promise<boolean> {
  const projects = demoProjects() as Project[];
  return seedIfEmpty(ds, Project, projects, null, async (em) => {
    await em.insert(
      AuditLog,
      projects.map((p) => seedEntry('Project', p.id, p.leadOrganisation)),
    );
    await seedRest(em);
  });
}

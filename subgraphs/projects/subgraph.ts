import { AuditLog } from '../kit/audit';
import type { SubgraphModule } from '../kit/subgraph';
import { ChainTrails1796860800000 } from './migrations/1796860800000-ChainTrails';
import { EventPages1796947200000 } from './migrations/1796947200000-EventPages';
import { Assessment } from './entities/Assessment';
import { Event, EventAttendee } from './entities/Event';
import { Project } from './entities/Project';
import { ProjectCompany, ProjectPartner } from './entities/ProjectParticipant';
import { createLoaders, type ProjectLoaders } from './loaders';
import { CreateProjects1764288000000 } from './migrations/1764288000000-CreateProjects';
import { buildSchema } from './schema';
import { seed } from './seed';

/** Shared: no single owner; each project's lead organisation changes it. */
export const projects: SubgraphModule<ProjectLoaders> = {
  name: 'projects',
  owner: null,
  entities: [Project, ProjectCompany, ProjectPartner, Event, EventAttendee, Assessment, AuditLog],
  migrations: [CreateProjects1764288000000, ChainTrails1796860800000, EventPages1796947200000],
  buildSchema,
  createLoaders,
  seed,
};

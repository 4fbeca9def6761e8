import { requireOrganisation } from '../../platform/auth';
import { buildFederatedSchema } from '../kit/federation';
import type { HubContext } from '../kit/context';
import { Assessment } from './entities/Assessment';
import { CompanyRef } from './entities/CompanyRef';
import { Event } from './entities/Event';
import { PartnerRef } from './entities/PartnerRef';
import { Project } from './entities/Project';
import type { ProjectLoaders } from './loaders';
import { AssessmentResolver, CompanyAssessmentsResolver } from './resolvers/AssessmentResolver';
import { ASSESSOR } from '../../platform/organisations';
import { EventResolver } from './resolvers/EventResolver';
import { CompanyProjectsResolver, PartnerProjectsResolver, ProjectResolver } from './resolvers/ProjectResolver';

type Ctx = HubContext<ProjectLoaders>;

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [
      ProjectResolver,
      EventResolver,
      AssessmentResolver,
      CompanyProjectsResolver,
      CompanyAssessmentsResolver,
      PartnerProjectsResolver,
    ],
    referenceResolvers: {
      Project: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.projectById.load(ref.id) },
      Event: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.eventById.load(ref.id) },
      // `_entities` must not hand out what Company.assessments restricts.
      Assessment: {
        __resolveReference: (ref: { id: string }, ctx: Ctx) => {
          requireOrganisation(ctx.principal, ASSESSOR, 'An assessment');
          return ctx.loaders.assessmentById.load(ref.id);
        },
      },
      // Stubs: the companies and partners subgraphs own the data, this one their projects (and assessments).
      Company: { __resolveReference: (ref: { id: string }): CompanyRef => ({ id: ref.id }) },
      Partner: { __resolveReference: (ref: { id: string }): PartnerRef => ({ id: ref.id }) },
    },
  });
}

export { Assessment, Event, Project };

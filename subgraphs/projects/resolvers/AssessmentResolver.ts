import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { requireEditor, requireOrganisation } from '../../../platform/auth';
import { checkCompaniesExist } from '../../kit/references-check';
import type { HubContext } from '../../kit/context';
import { confirmedWrite, write } from '../../kit/writes';
import { Assessment } from '../entities/Assessment';
import { CompanyRef } from '../entities/CompanyRef';
import type { ProjectLoaders } from '../loaders';
import { assessmentColumns } from '../validate';
import { assessmentTarget } from '../writes';
import { RecordAssessmentInput } from './inputs';
import { ASSESSOR } from '../../../platform/organisations';

type Ctx = HubContext<ProjectLoaders>;

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Mutation(() => Assessment, { description: 'Organisation vlaams-brabant only.' })
  async recordAssessment(@Arg('input', () => RecordAssessmentInput) input: RecordAssessmentInput, @Ctx() ctx: Ctx): Promise<Assessment> {
    const principal = requireEditor(ctx.principal, ASSESSOR, 'Recording an assessment');
    const values = assessmentColumns(input);
    return confirmedWrite({
      check: () => checkCompaniesExist(ctx, [values.companyId], 'input.companyId'), // archived meanwhile: undone, NOT_FOUND
      commit: () =>
        write.create(ctx.ds, {
          principal,
          target: assessmentTarget,
          values: { ...values, recordedByOrg: principal.org, recordedBy: principal.sub },
          action: 'RECORD_ASSESSMENT',
        }),
      undo: (assessment) =>
        write.remove(ctx.ds, { principal, target: assessmentTarget, id: assessment.id, action: 'UNDO_RECORD_ASSESSMENT' }),
    });
  }
}

@Resolver(() => CompanyRef)
export class CompanyAssessmentsResolver {
  @FieldResolver(() => [Assessment], { nullable: true, description: 'Restricted: organisation vlaams-brabant only. Newest panel first.' })
  assessments(@Root() company: CompanyRef, @Ctx() ctx: Ctx): Promise<Assessment[]> {
    requireOrganisation(ctx.principal, ASSESSOR, 'The assessments of a company');
    return ctx.loaders.assessmentsByCompany.load(company.id);
  }
}

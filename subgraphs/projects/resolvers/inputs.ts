import { Field, ID, InputType, Int } from 'type-graphql';
import { EventKind, PartnershipTheme, ProjectStatus } from '../../kit/domain';
import { DateScalar, DateTimeScalar } from '../../kit/scalars';

@InputType()
export class ProjectFilter {
  @Field(() => ProjectStatus, { nullable: true })
  status?: ProjectStatus | null;

  @Field(() => PartnershipTheme, { nullable: true })
  theme?: PartnershipTheme | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive, on title and summary.' })
  search?: string | null;
}

@InputType()
export class CreateProjectInput {
  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => PartnershipTheme)
  theme: PartnershipTheme;

  @Field(() => ProjectStatus, { nullable: true, defaultValue: ProjectStatus.PROPOSED })
  status?: ProjectStatus | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'Whole euros, 0 or more.' })
  budgetEur?: number | null;
}

@InputType()
export class UpdateProjectInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => PartnershipTheme, { nullable: true })
  theme?: PartnershipTheme | null;

  @Field(() => ProjectStatus, { nullable: true })
  status?: ProjectStatus | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;

  @Field(() => Int, { nullable: true })
  budgetEur?: number | null;
}

@InputType()
export class ScheduleEventInput {
  @Field(() => ID, { nullable: true, description: 'Without a project the event stands alone.' })
  projectId?: string | null;

  @Field()
  title: string;

  @Field(() => EventKind)
  kind: EventKind;

  @Field(() => DateTimeScalar)
  startsAt: Date;

  @Field()
  location: string;

  @Field(() => [ID], { nullable: true })
  attendeeCompanyIds?: string[] | null;
}

@InputType()
export class RecordAssessmentInput {
  @Field(() => ID)
  companyId: string;

  @Field(() => DateScalar)
  panelDate: string;

  @Field(() => Int, { description: '1..5' })
  marketFit: number;

  @Field()
  recommendation: string;
}

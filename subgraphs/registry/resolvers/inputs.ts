import { Field, ID, InputType } from 'type-graphql';
import { DataSet, Purpose } from '../../../platform/organisations';
import { DateTimeScalar } from '../../kit/scalars';

@InputType()
export class AgreementFilter {
  @Field(() => DataSet, { nullable: true })
  dataSet?: DataSet | null;

  @Field(() => ID, { nullable: true, description: 'Organisation id.' })
  grantee?: string | null;

  @Field(() => ID, { nullable: true, description: 'Organisation id.' })
  grantor?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Only agreements in force now.' })
  activeOnly?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Only agreements that have not ended: not revoked and validUntil in the future; those that start later included.',
  })
  notEnded?: boolean | null;
}

@InputType()
export class GrantAccessInput {
  @Field(() => DataSet)
  dataSet: DataSet;

  @Field(() => ID, { description: 'The organisation allowed to read.' })
  grantee: string;

  @Field(() => [Purpose])
  purposes: Purpose[];

  @Field({ description: 'e.g. "consent of the data subjects", "SCC (EU) 2021/914".' })
  legalBasis: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Default: now.' })
  validFrom?: Date | null;

  @Field(() => DateTimeScalar, { description: 'After validFrom and in the future.' })
  validUntil: Date;
}

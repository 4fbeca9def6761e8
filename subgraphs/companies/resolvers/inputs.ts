import { Field, InputType, Int } from 'type-graphql';
import { ChinaStatus, CleantechDomain } from '../../kit/domain';
import { ContactInput } from '../../kit/graphql-types';

@InputType()
export class CompanyFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive, on name and enterprise number.' })
  search?: string | null;

  @Field(() => String, { nullable: true })
  municipality?: string | null;

  @Field(() => CleantechDomain, { nullable: true })
  cleantechDomain?: CleantechDomain | null;

  @Field(() => ChinaStatus, { nullable: true })
  chinaStatus?: ChinaStatus | null;
}

@InputType()
export class CreateCompanyInput {
  @Field({ description: 'Accepted with or without dots, spaces or a BE prefix.' })
  enterpriseNumber: string;

  @Field()
  name: string;

  @Field()
  municipality: string;

  @Field()
  postalCode: string;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => Int, { nullable: true })
  foundedYear?: number | null;

  @Field(() => Int)
  employees: number;

  @Field(() => [CleantechDomain])
  cleantechDomains: CleantechDomain[];

  @Field(() => ChinaStatus)
  chinaStatus: ChinaStatus;

  @Field(() => String, { nullable: true })
  descriptionNl?: string | null;

  @Field(() => String, { nullable: true })
  descriptionEn?: string | null;

  @Field(() => String, { nullable: true })
  descriptionZh?: string | null;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
}

@InputType()
export class UpdateCompanyInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  municipality?: string | null;

  @Field(() => String, { nullable: true })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => Int, { nullable: true })
  foundedYear?: number | null;

  @Field(() => Int, { nullable: true })
  employees?: number | null;

  @Field(() => [CleantechDomain], { nullable: true })
  cleantechDomains?: CleantechDomain[] | null;

  @Field(() => ChinaStatus, { nullable: true })
  chinaStatus?: ChinaStatus | null;

  @Field(() => String, { nullable: true })
  descriptionNl?: string | null;

  @Field(() => String, { nullable: true })
  descriptionEn?: string | null;

  @Field(() => String, { nullable: true })
  descriptionZh?: string | null;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
}

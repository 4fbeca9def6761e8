import { Field, InputType } from 'type-graphql';
import { CleantechDomain, PartnerKind, PartnershipTheme } from '../../kit/domain';
import { ContactInput } from '../../kit/graphql-types';

@InputType()
export class PartnerFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive, on nameEn, nameZh and credit code.' })
  search?: string | null;

  @Field(() => PartnerKind, { nullable: true })
  kind?: PartnerKind | null;

  @Field(() => String, { nullable: true, description: 'Pinyin or Chinese, any letter case, e.g. Wuhou or 武侯区.' })
  district?: string | null;

  @Field(() => CleantechDomain, { nullable: true })
  cleantechDomain?: CleantechDomain | null;

  @Field(() => PartnershipTheme, { nullable: true })
  theme?: PartnershipTheme | null;
}

@InputType()
export class CreatePartnerInput {
  @Field({ description: 'Unified Social Credit Code; any letter case, spaces ignored.' })
  creditCode: string;

  @Field()
  nameZh: string;

  @Field()
  nameEn: string;

  @Field(() => PartnerKind)
  kind: PartnerKind;

  @Field({ description: 'Pinyin or Chinese, e.g. Wuhou or 武侯区; stored as pinyin.' })
  district: string;

  @Field(() => [CleantechDomain])
  cleantechDomains: CleantechDomain[];

  @Field(() => [PartnershipTheme])
  themes: PartnershipTheme[];

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
}

@InputType()
export class UpdatePartnerInput {
  @Field(() => String, { nullable: true })
  nameZh?: string | null;

  @Field(() => String, { nullable: true })
  nameEn?: string | null;

  @Field(() => PartnerKind, { nullable: true })
  kind?: PartnerKind | null;

  @Field(() => String, { nullable: true })
  district?: string | null;

  @Field(() => [CleantechDomain], { nullable: true })
  cleantechDomains?: CleantechDomain[] | null;

  @Field(() => [PartnershipTheme], { nullable: true })
  themes?: PartnershipTheme[] | null;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
}

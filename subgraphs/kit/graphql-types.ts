import { Arg, Directive, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ChinaStatus, CleantechDomain, ClusterCode, EventKind, Language, PartnerKind, PartnershipTheme, ProjectStatus } from './domain';
import { DateTimeScalar, JSONScalar } from './scalars';
import { DataSet, Jurisdiction, Purpose } from '../../platform/organisations';

/**
 * GraphQL types that more than one subgraph exposes. Value types are
 * @shareable so that every subgraph may resolve them; enums are registered once
 * so that all subgraphs print identical definitions.
 */
registerEnumType(Language, { name: 'Language' });
registerEnumType(CleantechDomain, { name: 'CleantechDomain' });
registerEnumType(ChinaStatus, { name: 'ChinaStatus' });
registerEnumType(ClusterCode, { name: 'ClusterCode' });
registerEnumType(PartnershipTheme, { name: 'PartnershipTheme' });
registerEnumType(PartnerKind, { name: 'PartnerKind' });
registerEnumType(ProjectStatus, { name: 'ProjectStatus' });
registerEnumType(EventKind, { name: 'EventKind' });
registerEnumType(Jurisdiction, { name: 'Jurisdiction', description: 'EU: GDPR applies; CN: PIPL applies.' });
registerEnumType(DataSet, { name: 'DataSet', description: 'Restricted data another organisation reads only under a sharing agreement.' });
registerEnumType(Purpose, { name: 'Purpose', description: 'Why a request reads restricted data (the Hub-Purpose header).' });

@Directive('@shareable')
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@Directive('@shareable')
@ObjectType()
export class Contact {
  @Field()
  name: string;

  @Field()
  email: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'One committed write, kept by the owning subgraph.' })
export class AuditEntry {
  @Field(() => DateTimeScalar)
  at: Date;

  @Field({ description: 'Organisation id from the caller token.' })
  organisation: string;

  @Field({ description: '`sub` from the caller token.' })
  actor: string;

  @Field({ description: 'CREATE, UPDATE, DELETE, ADD_MEMBER, ...' })
  action: string;

  @Field(() => JSONScalar, { nullable: true, description: 'field -> { from, to }' })
  changes?: Record<string, { from: unknown; to: unknown }> | null;
}

@InputType()
export class ContactInput {
  @Field()
  name: string;

  @Field()
  email: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

/** `lang: Language = EN`, nullable as the contract has it (null means EN). */
export const LangArg = () => Arg('lang', () => Language, { nullable: true, defaultValue: Language.EN });

/** The text in the language asked for, falling back to English. */
export function inLanguage<T extends string | null>(lang: Language | null | undefined, texts: { NL: T; EN: T; ZH: T }): T {
  return texts[lang ?? Language.EN] ?? texts.EN;
}

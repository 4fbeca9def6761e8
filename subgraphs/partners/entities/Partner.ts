import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CleantechDomain, Language, PartnerKind, PartnershipTheme } from '../../kit/domain';
import { AuditEntry, Contact, inLanguage, LangArg } from '../../kit/graphql-types';

/** A Chengdu partner organisation. Owner: organisation chengdu. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A Chengdu partner organisation (owner: chengdu).' })
@Entity('partner')
export class Partner {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Unified Social Credit Code (GB 32100-2015), 18 characters, upper case.' })
  @Column({ name: 'credit_code', type: 'text', unique: true })
  creditCode: string;

  @Field()
  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  @Field()
  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Field({ description: 'ZH answers nameZh; EN and NL answer nameEn.' })
  name(@LangArg() lang: Language | null): string {
    return inLanguage(lang, { NL: this.nameEn, EN: this.nameEn, ZH: this.nameZh });
  }

  @Field(() => PartnerKind)
  @Column({ type: 'text' })
  kind: PartnerKind;

  @Field({ description: "One of Chengdu's 20 county-level divisions, in pinyin, e.g. Wuhou." })
  @Column({ type: 'text' })
  district: string;

  @Field(() => [CleantechDomain])
  @Column({ name: 'cleantech_domains', type: 'text', array: true })
  cleantechDomains: CleantechDomain[];

  @Field(() => [PartnershipTheme])
  @Column({ type: 'text', array: true })
  themes: PartnershipTheme[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone: string | null;

  /** Declared for the schema; resolved (with its access rule) in PartnerResolver. */
  @Field(() => Contact, {
    nullable: true,
    description:
      'Restricted: the owner, or another organisation under a sharing agreement in force on PARTNER_CONTACTS that covers the Hub-Purpose of the request.',
  })
  contact?: Contact | null;

  @Field(() => Int, { description: 'Optimistic-locking version, +1 per update.' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @Field(() => [AuditEntry], { nullable: true, description: 'Restricted: owner (chengdu) only.' })
  history?: AuditEntry[] | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

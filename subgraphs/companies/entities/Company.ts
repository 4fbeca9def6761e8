import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ChinaStatus, CleantechDomain, Language } from '../../kit/domain';
import { AuditEntry, Contact, inLanguage, LangArg } from '../../kit/graphql-types';

/** A Vlaams-Brabant cleantech company. Owner: organisation vlaams-brabant. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A Vlaams-Brabant cleantech company (owner: vlaams-brabant).' })
@Entity('company')
export class Company {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'KBO/BCE enterprise number, normalised as 0712.345.630.' })
  @Column({ name: 'enterprise_number', type: 'text', unique: true })
  enterpriseNumber: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'One of the 63 municipalities of Vlaams-Brabant.' })
  @Column({ type: 'text' })
  municipality: string;

  @Field()
  @Column({ name: 'postal_code', type: 'text' })
  postalCode: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'founded_year', type: 'int', nullable: true })
  foundedYear: number | null;

  @Field(() => Int)
  @Column({ type: 'int' })
  employees: number;

  @Field({ description: 'Fewer than 250 employees.' })
  get isSme(): boolean {
    return this.employees < 250;
  }

  @Field(() => [CleantechDomain])
  @Column({ name: 'cleantech_domains', type: 'text', array: true })
  cleantechDomains: CleantechDomain[];

  @Field(() => ChinaStatus)
  @Column({ name: 'china_status', type: 'text' })
  chinaStatus: ChinaStatus;

  @Column({ name: 'description_nl', type: 'text', nullable: true })
  descriptionNl: string | null;

  @Column({ name: 'description_en', type: 'text', nullable: true })
  descriptionEn: string | null;

  @Column({ name: 'description_zh', type: 'text', nullable: true })
  descriptionZh: string | null;

  @Field(() => String, { nullable: true, description: 'In the language asked for, falling back to English.' })
  description(@LangArg() lang: Language | null): string | null {
    return inLanguage(lang, { NL: this.descriptionNl, EN: this.descriptionEn, ZH: this.descriptionZh });
  }

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone: string | null;

  /** Declared for the schema; resolved (with its access rule) in CompanyResolver. */
  @Field(() => Contact, {
    nullable: true,
    description:
      'Restricted: the owner, or another organisation under a sharing agreement in force on COMPANY_CONTACTS that covers the Hub-Purpose of the request.',
  })
  contact?: Contact | null;

  @Field({ description: 'deleteCompany archives: references from other subgraphs keep resolving.' })
  @Column({ type: 'boolean', default: false })
  archived: boolean;

  @Field(() => Int, { description: 'Optimistic-locking version, +1 per update.' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @Field(() => [AuditEntry], { nullable: true, description: 'Restricted: owner only.' })
  history?: AuditEntry[] | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

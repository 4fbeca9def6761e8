import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PartnershipTheme, ProjectStatus } from '../../kit/domain';
import { AuditEntry } from '../../kit/graphql-types';
import { DateScalar } from '../../kit/scalars';

/**
 * A partnership project. Shared: the creating organisation becomes the lead
 * organisation and only its editors change it. Participants are references
 * by id only (project_company, project_partner).
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A partnership project (shared; changed by its lead organisation only).' })
@Entity('project')
export class Project {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Field(() => PartnershipTheme)
  @Column({ type: 'text' })
  theme: PartnershipTheme;

  @Field(() => ProjectStatus)
  @Column({ type: 'text', default: ProjectStatus.PROPOSED })
  status: ProjectStatus;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'budget_eur', type: 'int', nullable: true })
  budgetEur: number | null;

  @Field({ description: 'Organisation id of the lead organisation (the creator).' })
  @Column({ name: 'lead_organisation', type: 'text' })
  leadOrganisation: string;

  @Field(() => Int, { description: 'Optimistic-locking version, +1 per update.' })
  @Column({ type: 'int', default: 1 })
  version: number;

  /** Declared for the schema; resolved (with its access rule) in ProjectResolver. */
  @Field(() => [AuditEntry], { nullable: true, description: 'Restricted: lead organisation only.' })
  history?: AuditEntry[] | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  // companies, partners and events are resolved through loaders in ProjectResolver.
}

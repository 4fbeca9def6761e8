import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DataSet, Purpose } from '../../../platform/organisations';
import { AuditEntry } from '../../kit/graphql-types';
import { DateTimeScalar } from '../../kit/scalars';
import { Organisation } from './Organisation';

/**
 * An agreement that lets one grantee organisation read one data set of the
 * grantor (its owner) for the listed purposes, between two instants, on a
 * stated legal basis. Created and revoked by the grantor's stewards.
 * An entity: the owning subgraphs' disclosure registers name agreements by id
 * and the gateway asks here for the rest (grantor and grantee only).
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'Lets the grantee read one data set of the grantor for the listed purposes, between two instants.' })
@Entity('sharing_agreement')
export class SharingAgreement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => DataSet)
  @Column({ name: 'data_set', type: 'text' })
  dataSet: DataSet;

  /** Organisation id of the owner of the data set. */
  @Column({ name: 'grantor', type: 'text' })
  grantorId: string;

  /** Organisation id of the organisation allowed to read. */
  @Column({ name: 'grantee', type: 'text' })
  granteeId: string;

  @Field(() => Organisation)
  grantor?: Organisation;

  @Field(() => Organisation)
  grantee?: Organisation;

  @Field(() => [Purpose])
  @Column({ type: 'text', array: true })
  purposes: Purpose[];

  @Field({ description: 'e.g. "consent of the data subjects", "SCC (EU) 2021/914".' })
  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis: string;

  @Field(() => DateTimeScalar)
  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom: Date;

  @Field(() => DateTimeScalar)
  @Column({ name: 'valid_until', type: 'timestamptz' })
  validUntil: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Field({ description: 'Started, not expired, not revoked.' })
  active?: boolean;

  @Field({ description: 'Grantor and grantee are in different jurisdictions.' })
  crossBorder?: boolean;

  @Field(() => Int, { description: 'Optimistic-locking version, +1 per change.' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @Field(() => [AuditEntry], { nullable: true, description: 'Restricted: grantor and grantee.' })
  history?: AuditEntry[] | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/** In force at `now`: started, not expired, not revoked. */
export function isInForce(a: Pick<SharingAgreement, 'validFrom' | 'validUntil' | 'revokedAt'>, now = new Date()): boolean {
  return a.revokedAt === null && a.validFrom.getTime() <= now.getTime() && now.getTime() < a.validUntil.getTime();
}

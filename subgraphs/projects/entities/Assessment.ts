import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../kit/scalars';
import { CompanyRef } from './CompanyRef';

/**
 * An expert panel's assessment of a company's fit with the Chinese market.
 * Restricted to organisation vlaams-brabant (reading and writing).
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An expert panel assessment (restricted: organisation vlaams-brabant only).' })
@Entity('assessment')
export class Assessment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Field(() => DateScalar)
  @Column({ name: 'panel_date', type: 'date' })
  panelDate: string;

  @Field(() => Int, { description: '1..5' })
  @Column({ name: 'market_fit', type: 'int' })
  marketFit: number;

  @Field()
  @Column({ type: 'text' })
  recommendation: string;

  @Column({ name: 'recorded_by_org', type: 'text' })
  recordedByOrg: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Field(() => CompanyRef)
  get company(): CompanyRef {
    return { id: this.companyId };
  }
}

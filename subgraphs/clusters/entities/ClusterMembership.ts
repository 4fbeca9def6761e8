import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ClusterCode } from '../../kit/domain';
import { DateScalar } from '../../kit/scalars';
import { CompanyRef } from './CompanyRef';

/** A company's membership of a cluster. The company is a reference by id only. */
@ObjectType()
@Entity('cluster_membership')
export class ClusterMembership {
  @PrimaryColumn({ name: 'cluster_code', type: 'text' })
  clusterCode: ClusterCode;

  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  since: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Field(() => CompanyRef)
  get company(): CompanyRef {
    return { id: this.companyId };
  }
}

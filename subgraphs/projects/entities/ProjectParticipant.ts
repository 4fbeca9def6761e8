import { Entity, PrimaryColumn } from 'typeorm';

/** A company taking part in a project: ids only, the company belongs to vlaams-brabant. */
@Entity('project_company')
export class ProjectCompany {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;
}

/** A Chengdu partner taking part in a project: ids only, the partner belongs to chengdu. */
@Entity('project_partner')
export class ProjectPartner {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @PrimaryColumn({ name: 'partner_id', type: 'uuid' })
  partnerId: string;
}

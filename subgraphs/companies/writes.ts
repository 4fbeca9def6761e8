import type { AuditedTarget } from '../kit/writes';
import { Company } from './entities/Company';
import { COMPANY_FIELDS } from './validate';

/** What the companies subgraph writes through the kit's write path, and how each write is audited. */
export const companyTarget: AuditedTarget<Company> = {
  entity: Company,
  type: 'Company',
  fields: COMPANY_FIELDS,
  unique: { field: 'input.enterpriseNumber', message: 'A company with this enterprise number already exists.' },
};

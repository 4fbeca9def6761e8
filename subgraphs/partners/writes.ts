import type { AuditedTarget } from '../kit/writes';
import { Partner } from './entities/Partner';
import { PARTNER_FIELDS } from './validate';

/** What the partners subgraph writes through the kit's write path, and how each write is audited. */
export const partnerTarget: AuditedTarget<Partner> = {
  entity: Partner,
  type: 'Partner',
  fields: PARTNER_FIELDS,
  unique: { field: 'input.creditCode', message: 'A partner with this credit code already exists.' },
};

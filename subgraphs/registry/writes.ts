import type { AuditedTarget } from '../kit/writes';
import { SharingAgreement } from './entities/SharingAgreement';
import { AGREEMENT_FIELDS } from './validate';

/** What the registry writes through the kit's write path, and how each write is audited. */
export const agreementTarget: AuditedTarget<SharingAgreement> = {
  entity: SharingAgreement,
  type: 'SharingAgreement',
  fields: AGREEMENT_FIELDS,
};

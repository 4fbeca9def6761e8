import { BadUserInputError } from '../../platform/errors';
import type { DataSet } from '../../platform/organisations';
import { organisationOf, type TrustConfig } from '../../platform/trust';
import { must } from '../kit/input';
import { checkLength } from '../kit/validation';
import type { SharingAgreement } from './entities/SharingAgreement';
import type { GrantAccessInput } from './resolvers/inputs';

/** Longest legal basis, in characters: a reference and a sentence, not a contract. */
export const LEGAL_BASIS_MAX = 500;
/** How far in the past `validFrom` may lie (clock skew between the caller and the hub). */
export const VALID_FROM_SKEW_MS = 5 * 60_000;

export type AgreementColumns = Pick<
  SharingAgreement,
  'dataSet' | 'grantorId' | 'granteeId' | 'purposes' | 'legalBasis' | 'validFrom' | 'validUntil' | 'revokedAt'
>;

/** The audited columns, in the order changes are reported. */
export const AGREEMENT_FIELDS: (keyof AgreementColumns)[] = [
  'dataSet',
  'grantorId',
  'granteeId',
  'purposes',
  'legalBasis',
  'validFrom',
  'validUntil',
  'revokedAt',
];

/** The organisation that owns a data set (the trust configuration names exactly one). */
export function ownerOf(trust: TrustConfig, dataSet: DataSet): string {
  const owner = trust.organisations.find((o) => o.dataSets.includes(dataSet));
  if (!owner) throw new Error(`the trust configuration names no owner of ${dataSet}`);
  return owner.id;
}

/** An organisation id of the trust configuration, or BAD_USER_INPUT naming `field`. */
export function mustBeOrganisation(trust: TrustConfig, field: string, id: string): string {
  if (!organisationOf(trust, id)) {
    throw new BadUserInputError(
      field,
      `"${id.slice(0, 60)}" is not an organisation of this hub (${trust.organisations.map((o) => o.id).join(', ')})`,
    );
  }
  return id;
}

export interface GrantOptions {
  now: Date;
  /**
   * Demo data records agreements that started, or even ended, before it is
   * loaded; a grant made through the API starts now or later and ends in the future.
   */
  historical?: boolean;
}

/**
 * Checks a grant field by field and answers the row to write; every failure
 * names the input field. The grantor is the data set's owner.
 */
export function agreementColumns(trust: TrustConfig, input: GrantAccessInput, options: GrantOptions): AgreementColumns {
  const grantor = ownerOf(trust, input.dataSet);
  const grantee = mustBeOrganisation(trust, 'input.grantee', input.grantee);
  if (grantee === grantor)
    throw new BadUserInputError('input.grantee', `${grantor} owns ${input.dataSet}: an agreement is with another organisation`);
  if (input.purposes.length === 0) throw new BadUserInputError('input.purposes', 'name at least one purpose');
  const now = options.now.getTime();
  const validFrom = input.validFrom ?? options.now;
  if (!options.historical && validFrom.getTime() < now - VALID_FROM_SKEW_MS) {
    throw new BadUserInputError('input.validFrom', 'must not lie in the past: leave it out to start now');
  }
  if (input.validUntil.getTime() <= validFrom.getTime()) throw new BadUserInputError('input.validUntil', 'must lie after validFrom');
  if (!options.historical && input.validUntil.getTime() <= now) throw new BadUserInputError('input.validUntil', 'must lie in the future');
  return {
    dataSet: input.dataSet,
    grantorId: grantor,
    granteeId: grantee,
    purposes: [...new Set(input.purposes)].sort(),
    legalBasis: must('input.legalBasis', checkLength(input.legalBasis, LEGAL_BASIS_MAX, { required: true })),
    validFrom,
    validUntil: input.validUntil,
    revokedAt: null,
  };
}

import { contactColumns, inputFields, must } from '../kit/input';
import { checkLength, checkUrl, NAME_MAX } from '../kit/validation';
import { checkCreditCode, checkDistrict } from './validation';
import type { Partner } from './entities/Partner';
import type { CreatePartnerInput, UpdatePartnerInput } from './resolvers/inputs';

export type PartnerColumns = Partial<
  Pick<
    Partner,
    | 'creditCode'
    | 'nameZh'
    | 'nameEn'
    | 'kind'
    | 'district'
    | 'cleantechDomains'
    | 'themes'
    | 'website'
    | 'contactName'
    | 'contactEmail'
    | 'contactPhone'
  >
>;

/** The audited columns, in the order changes are reported. */
export const PARTNER_FIELDS: (keyof PartnerColumns)[] = [
  'creditCode',
  'nameZh',
  'nameEn',
  'kind',
  'district',
  'cleantechDomains',
  'themes',
  'website',
  'contactName',
  'contactEmail',
  'contactPhone',
];

/**
 * Checks a create or update input field by field and answers the columns to
 * write. Only fields present in the input are checked and returned (updates).
 * Every failure names the input field: `input.district: must be ...`.
 */
export function partnerColumns(input: CreatePartnerInput | UpdatePartnerInput): PartnerColumns {
  const cols: PartnerColumns = {};
  const { has, notNull } = inputFields(input);
  if ('creditCode' in input && has('creditCode')) {
    cols.creditCode = must('input.creditCode', checkCreditCode(input.creditCode));
  }
  if (has('nameZh')) {
    notNull('nameZh');
    cols.nameZh = must('input.nameZh', checkLength(input.nameZh!, NAME_MAX, { required: true }));
  }
  if (has('nameEn')) {
    notNull('nameEn');
    cols.nameEn = must('input.nameEn', checkLength(input.nameEn!, NAME_MAX, { required: true }));
  }
  if (has('kind')) {
    notNull('kind');
    cols.kind = input.kind!;
  }
  if (has('district')) {
    notNull('district');
    cols.district = must('input.district', checkDistrict(input.district!));
  }
  if (has('cleantechDomains')) {
    notNull('cleantechDomains');
    cols.cleantechDomains = [...new Set(input.cleantechDomains!)].sort();
  }
  if (has('themes')) {
    notNull('themes');
    cols.themes = [...new Set(input.themes!)].sort();
  }
  if (has('website')) cols.website = input.website ? must('input.website', checkUrl(input.website)) : null;
  if (has('contact')) Object.assign(cols, contactColumns('input.contact', input.contact));
  return cols;
}

import { contactColumns, inputFields, must, mustBeIntInRange } from '../kit/input';
import { checkLength, checkUrl, NAME_MAX, TEXT_MAX } from '../kit/validation';
import { checkEnterpriseNumber, checkMunicipality, checkPostalCode } from './validation';
import type { Company } from './entities/Company';
import type { CreateCompanyInput, UpdateCompanyInput } from './resolvers/inputs';

export type CompanyColumns = Partial<
  Pick<
    Company,
    | 'enterpriseNumber'
    | 'name'
    | 'municipality'
    | 'postalCode'
    | 'website'
    | 'foundedYear'
    | 'employees'
    | 'cleantechDomains'
    | 'chinaStatus'
    | 'descriptionNl'
    | 'descriptionEn'
    | 'descriptionZh'
    | 'contactName'
    | 'contactEmail'
    | 'contactPhone'
  >
>;

/** The audited columns, in the order changes are reported. */
export const COMPANY_FIELDS: (keyof CompanyColumns)[] = [
  'enterpriseNumber',
  'name',
  'municipality',
  'postalCode',
  'website',
  'foundedYear',
  'employees',
  'cleantechDomains',
  'chinaStatus',
  'descriptionNl',
  'descriptionEn',
  'descriptionZh',
  'contactName',
  'contactEmail',
  'contactPhone',
];

const optionalText = (field: string, v: string | null | undefined, max: number) =>
  v === null || v === undefined || v.trim() === '' ? null : must(field, checkLength(v, max, { multiline: true }));

/**
 * Checks a create or update input field by field and answers the columns to
 * write. Only fields present in the input are checked and returned (updates).
 * Every failure names the input field: `input.postalCode: must be ...`.
 */
export function companyColumns(input: CreateCompanyInput | UpdateCompanyInput, currentYear = new Date().getFullYear()): CompanyColumns {
  const cols: CompanyColumns = {};
  const { has, notNull } = inputFields(input);
  if ('enterpriseNumber' in input && has('enterpriseNumber')) {
    cols.enterpriseNumber = must('input.enterpriseNumber', checkEnterpriseNumber(input.enterpriseNumber));
  }
  if (has('name')) {
    notNull('name');
    cols.name = must('input.name', checkLength(input.name!, NAME_MAX, { required: true }));
  }
  if (has('municipality')) {
    notNull('municipality');
    cols.municipality = must('input.municipality', checkMunicipality(input.municipality!));
  }
  if (has('postalCode')) {
    notNull('postalCode');
    cols.postalCode = must('input.postalCode', checkPostalCode(input.postalCode!));
  }
  if (has('website')) cols.website = input.website ? must('input.website', checkUrl(input.website)) : null;
  if (has('foundedYear')) {
    cols.foundedYear = input.foundedYear === null ? null : mustBeIntInRange('input.foundedYear', input.foundedYear!, 1800, currentYear);
  }
  if (has('employees')) {
    notNull('employees');
    cols.employees = mustBeIntInRange('input.employees', input.employees!, 0, 10_000_000);
  }
  if (has('cleantechDomains')) {
    notNull('cleantechDomains');
    cols.cleantechDomains = [...new Set(input.cleantechDomains!)].sort();
  }
  if (has('chinaStatus')) {
    notNull('chinaStatus');
    cols.chinaStatus = input.chinaStatus!;
  }
  if (has('descriptionNl')) cols.descriptionNl = optionalText('input.descriptionNl', input.descriptionNl, TEXT_MAX);
  if (has('descriptionEn')) cols.descriptionEn = optionalText('input.descriptionEn', input.descriptionEn, TEXT_MAX);
  if (has('descriptionZh')) cols.descriptionZh = optionalText('input.descriptionZh', input.descriptionZh, TEXT_MAX);
  if (has('contact')) Object.assign(cols, contactColumns('input.contact', input.contact));
  return cols;
}

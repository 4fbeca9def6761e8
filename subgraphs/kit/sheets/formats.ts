/**
 * The spreadsheet formats of `npm run import` (docs/import.md). The demo data
 * of companies, partners and cluster memberships is written in these very
 * formats, so that the import could load it too.
 */
import { ChinaStatus, CleantechDomain, ClusterCode, PartnerKind, PartnershipTheme } from '../domain';
import { DateScalar } from '../scalars';
import { enumValue, type FieldType } from './cells';
import type { SheetFormat } from './rows';

const str: FieldType = { kind: 'string' };
const DOMAINS: FieldType = { kind: 'enumList', values: Object.values(CleantechDomain) };

/** An enterprise number's digits as a comparable key ('' for none): `BE 0832.531.697` and `0832531697` are one. */
export function enterpriseNumberKey(cell: string): string {
  const digits = cell
    .replace(/^\s*BE/i, '')
    .replace(/\D/g, '')
    .padStart(10, '0');
  return /^0*$/.test(digits) ? '' : digits;
}

/** A credit code as a comparable key: without spaces, upper case. */
export function creditCodeKey(cell: string): string {
  return cell.replace(/\s+/g, '').toUpperCase();
}

/** `companies`: one row per company, createCompany's input (docs/import.md). */
export const COMPANY_SHEET: SheetFormat = {
  fields: [
    { column: 'enterpriseNumber', type: str, required: true },
    { column: 'name', type: str, required: true },
    { column: 'municipality', type: str, required: true },
    { column: 'postalCode', type: str, required: true },
    { column: 'website', type: str },
    { column: 'foundedYear', type: { kind: 'int' } },
    { column: 'employees', type: { kind: 'int' }, required: true },
    { column: 'cleantechDomains', type: DOMAINS, required: true },
    { column: 'chinaStatus', type: { kind: 'enum', values: Object.values(ChinaStatus) }, required: true },
    { column: 'descriptionNl', type: str },
    { column: 'descriptionEn', type: str },
    { column: 'descriptionZh', type: str },
  ],
  contact: true,
  keyColumn: 'enterpriseNumber',
  keyOf: (v) => enterpriseNumberKey(v.enterpriseNumber ?? ''),
};

/** `partners`: one row per Chengdu partner, createPartner's input. */
export const PARTNER_SHEET: SheetFormat = {
  fields: [
    { column: 'creditCode', type: str, required: true },
    { column: 'nameZh', type: str, required: true },
    { column: 'nameEn', type: str, required: true },
    { column: 'kind', type: { kind: 'enum', values: Object.values(PartnerKind) }, required: true },
    { column: 'district', type: str, required: true },
    { column: 'cleantechDomains', type: DOMAINS, required: true },
    { column: 'themes', type: { kind: 'enumList', values: Object.values(PartnershipTheme) }, required: true },
    { column: 'website', type: str },
  ],
  contact: true,
  keyColumn: 'creditCode',
  keyOf: (v) => creditCodeKey(v.creditCode ?? ''),
};

/** `clusters`: one row per membership, addClusterMember's arguments (the company by enterprise number). */
export const MEMBERSHIP_SHEET: SheetFormat = {
  fields: [
    { column: 'cluster', type: { kind: 'enum', values: Object.values(ClusterCode) }, required: true },
    { column: 'enterpriseNumber', type: str, required: true },
    { column: 'since', type: { kind: 'scalar', scalar: DateScalar } },
  ],
  keyColumn: 'enterpriseNumber',
  keyOf: (v) => {
    const company = enterpriseNumberKey(v.enterpriseNumber ?? '');
    return company && `${enumValue(v.cluster ?? '')} ${company}`;
  },
  shownKey: (v) => `${v.cluster ?? ''} ${v.enterpriseNumber ?? ''}`,
};

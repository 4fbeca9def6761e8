/**
 * Companies and partners: one spreadsheet row is one record, found by its
 * natural key (enterprise number, credit code). A record that exists is
 * updated with its version, only in the columns that changed; one that does
 * not is created.
 */
import { checkDistrict } from '../../subgraphs/partners/validation/districts';
import { sameValue } from '../../subgraphs/kit/sheets/cells';
import type { CsvRow } from '../../subgraphs/kit/sheets/csv';
import { COMPANY_SHEET, PARTNER_SHEET } from '../../subgraphs/kit/sheets/formats';
import { parseRow, problemsFromErrors, type SheetFormat } from '../../subgraphs/kit/sheets/rows';
import type { GqlError, HubClient } from './client';
import type { RowOutcome } from './outcome';

export interface RecordKind {
  name: 'companies' | 'partners';
  /** The natural key column. */
  key: string;
  /** The file's columns (shared with the demo data). */
  format: SheetFormat;
  /** Rows per lookup request (the gateway allows 30 aliases per operation). */
  lookupBatch: number;
  lookupField: string;
  lookupArg: string;
  /** Selection of the current record, with the columns' names. */
  fragment: string;
  fragmentOn: string;
  create: string;
  update: string;
}

export const COMPANIES: RecordKind = {
  name: 'companies',
  key: 'enterpriseNumber',
  format: COMPANY_SHEET,
  // Each row's selection uses 3 aliases (one description per language): 7 rows = 28 aliases.
  lookupBatch: 7,
  lookupField: 'companyByEnterpriseNumber',
  lookupArg: 'enterpriseNumber',
  fragmentOn: 'Company',
  fragment: `id version archived enterpriseNumber name municipality postalCode website foundedYear employees
    cleantechDomains chinaStatus contact { name email phone }
    descriptionNl: description(lang: NL) descriptionEn: description(lang: EN) descriptionZh: description(lang: ZH)`,
  create: 'mutation ImportCreateCompany($input: CreateCompanyInput!) { createCompany(input: $input) { id version } }',
  update:
    'mutation ImportUpdateCompany($id: ID!, $input: UpdateCompanyInput!, $v: Int!) { updateCompany(id: $id, input: $input, expectedVersion: $v) { id version } }',
};

export const PARTNERS: RecordKind = {
  name: 'partners',
  key: 'creditCode',
  format: PARTNER_SHEET,
  lookupBatch: 25,
  lookupField: 'partnerByCreditCode',
  lookupArg: 'creditCode',
  fragmentOn: 'Partner',
  fragment: 'id version creditCode nameZh nameEn kind district cleantechDomains themes website contact { name email phone }',
  create: 'mutation ImportCreatePartner($input: CreatePartnerInput!) { createPartner(input: $input) { id version } }',
  update:
    'mutation ImportUpdatePartner($id: ID!, $input: UpdatePartnerInput!, $v: Int!) { updatePartner(id: $id, input: $input, expectedVersion: $v) { id version } }',
};

interface Current {
  id: string;
  version: number;
  archived?: boolean;
  contact: { name: string; email: string; phone: string | null } | null;
  [column: string]: unknown;
}

/** Web addresses as the subgraphs store them (`https://x.be` is kept as `https://x.be/`). */
function urlForm(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  try {
    return new URL(value).href;
  } catch {
    return value;
  }
}

/**
 * What an update has to send: the columns whose value differs. The graph
 * answers description(lang:) in English when that language has none, so an
 * empty cell matches a description equal to the English one.
 */
function changedFields(kind: RecordKind, input: Record<string, unknown>, current: Current): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(input)) {
    if (column === kind.key) continue;
    let existing = column === 'contact' ? current.contact : current[column];
    if ((column === 'descriptionNl' || column === 'descriptionZh') && value === null && existing === current.descriptionEn) existing = null;
    if (column === 'website' && sameValue(urlForm(value), urlForm(existing))) continue;
    if (column === 'district' && typeof value === 'string') {
      // 武侯区, wuhou and Wuhou are one district (stored in pinyin).
      const d = checkDistrict(value);
      if (d.ok && d.value === existing) continue;
    }
    if (!sameValue(value, existing)) changes[column] = value;
  }
  return changes;
}

/** Looks up a batch of rows by key: one request, one alias per row. */
async function lookup(
  client: HubClient,
  kind: RecordKind,
  keys: string[],
): Promise<{ found: (Current | null)[]; errors: (GqlError | null)[] }> {
  const vars = keys.map((_, i) => `$k${i}: String!`).join(', ');
  const fields = keys.map((_, i) => `r${i}: ${kind.lookupField}(${kind.lookupArg}: $k${i}) { ...Current }`).join('\n  ');
  const query = `query ImportLookup(${vars}) {\n  ${fields}\n}\nfragment Current on ${kind.fragmentOn} { ${kind.fragment} }`;
  const { data, errors } = await client.request<Record<string, Current | null>>(
    query,
    Object.fromEntries(keys.map((k, i) => [`k${i}`, k])),
  );
  return {
    found: keys.map((_, i) => data?.[`r${i}`] ?? null),
    errors: keys.map((_, i) => errors.find((e) => e.path?.[0] === `r${i}`) ?? null),
  };
}

/** Imports a batch of rows (already free of duplicate keys). */
export async function importRecords(
  client: HubClient,
  kind: RecordKind,
  columns: Set<string>,
  rows: CsvRow[],
  done: (o: RowOutcome) => void,
): Promise<void> {
  const parsed = rows.map((row) => parseRow(kind.format, columns, row));
  const keys = rows.map((r) => r.values[kind.key] ?? '');
  const { found, errors } = await lookup(client, kind, keys);
  for (let i = 0; i < rows.length; i++) {
    const { row } = rows[i];
    const key = keys[i];
    const { input, problems } = parsed[i];
    if (problems.length) {
      done({ row, key, fate: 'rejected', problems });
      continue;
    }
    const current = found[i];
    const lookupError = errors[i];
    if (lookupError && lookupError.extensions?.code !== 'BAD_USER_INPUT') {
      done({ row, key, fate: 'rejected', problems: problemsFromErrors([lookupError], kind.key) });
      continue;
    }
    if (!current) {
      // Also for a key the lookup refused: the create mutation names what is wrong with it.
      const res = await client.request<Record<string, { id: string; version: number }>>(kind.create, { input });
      const created = res.data && Object.values(res.data)[0];
      if (created) done({ row, key, fate: 'created', id: created.id, version: created.version });
      else done({ row, key, fate: 'rejected', problems: problemsFromErrors(res.errors, kind.key) });
      continue;
    }
    if (current.archived) {
      done({
        row,
        key,
        fate: 'rejected',
        id: current.id,
        problems: [{ column: kind.key, reason: 'this company was deleted (archived); the import does not restore it' }],
      });
      continue;
    }
    const changes = changedFields(kind, input, current);
    if (Object.keys(changes).length === 0) {
      done({ row, key, fate: 'unchanged', id: current.id, version: current.version });
      continue;
    }
    const res = await client.request<Record<string, { id: string; version: number }>>(kind.update, {
      id: current.id,
      input: changes,
      v: current.version,
    });
    const updated = res.data && Object.values(res.data)[0];
    if (!updated) done({ row, key, fate: 'rejected', id: current.id, problems: problemsFromErrors(res.errors, kind.key) });
    // The subgraph writes nothing when the values it normalised are the same: no new version.
    else
      done({
        row,
        key,
        fate: updated.version > current.version ? 'updated' : 'unchanged',
        id: updated.id,
        version: updated.version,
        changed: Object.keys(changes),
      });
  }
}

/**
 * Smart Hub cluster memberships: one row is (cluster, enterpriseNumber, since).
 * A membership that exists with the same date (or with no date in the row) is
 * unchanged; a new one is added with addClusterMember. The graph has no way to
 * change a membership's date in place, so a different date is reported, not
 * silently rewritten.
 */
import type { CsvRow } from '../../subgraphs/kit/sheets/csv';
import { MEMBERSHIP_SHEET } from '../../subgraphs/kit/sheets/formats';
import { parseRow, problemsFromErrors } from '../../subgraphs/kit/sheets/rows';
import type { HubClient } from './client';
import type { RowOutcome } from './outcome';

const COLUMNS = new Set(MEMBERSHIP_SHEET.fields.map((f) => f.column));

/** companyId and the since argument are the columns enterpriseNumber and since. */
const ALIASES = { companyId: 'enterpriseNumber', since: 'since', cluster: 'cluster' };

/** cluster code → company id → since, read once before the rows. */
export type Memberships = Map<string, Map<string, string>>;

export async function loadMemberships(client: HubClient): Promise<Memberships> {
  const { data } = await client.request<{ clusters: { code: string; members: { since: string; company: { id: string } }[] }[] }>(
    'query ImportMemberships { clusters { code members { since company { id } } } }',
  );
  const out: Memberships = new Map();
  for (const c of data?.clusters ?? []) out.set(c.code, new Map(c.members.map((m) => [m.company.id, m.since])));
  return out;
}

/** Rows per company lookup request (the gateway allows 30 aliases). */
export const MEMBERSHIP_BATCH = 25;

/** Imports a batch of rows (already free of duplicate cluster + company pairs). */
export async function importMemberships(
  client: HubClient,
  memberships: Memberships,
  batch: CsvRow[],
  done: (o: RowOutcome) => void,
): Promise<void> {
  const numbers = batch.map((r) => r.values.enterpriseNumber ?? '');
  const query = `query ImportCompanies(${numbers.map((_, i) => `$k${i}: String!`).join(', ')}) {\n${numbers
    .map((_, i) => `  r${i}: companyByEnterpriseNumber(enterpriseNumber: $k${i}) { id archived }`)
    .join('\n')}\n}`;
  const { data, errors } = await client.request<Record<string, { id: string; archived: boolean } | null>>(
    query,
    Object.fromEntries(numbers.map((k, i) => [`k${i}`, k])),
  );
  for (let i = 0; i < batch.length; i++) {
    const { row } = batch[i];
    const { input, problems } = parseRow(MEMBERSHIP_SHEET, COLUMNS, batch[i]);
    const cluster = String(input.cluster ?? '');
    const since = (input.since as string | null) ?? '';
    const key = `${cluster} ${numbers[i]}`;
    const reject = (column: string, reason: string) => done({ row, key, fate: 'rejected', problems: [{ column, reason }] });
    if (problems.length) {
      done({ row, key, fate: 'rejected', problems });
      continue;
    }
    const lookupError = errors.find((e) => e.path?.[0] === `r${i}`);
    if (lookupError) {
      done({
        row,
        key,
        fate: 'rejected',
        problems: problemsFromErrors([lookupError], 'enterpriseNumber', { enterpriseNumber: 'enterpriseNumber' }),
      });
      continue;
    }
    const company = data?.[`r${i}`];
    if (!company || company.archived) {
      reject('enterpriseNumber', `no company with enterprise number ${numbers[i]}: import the companies first`);
      continue;
    }
    const members = memberships.get(cluster) ?? new Map<string, string>();
    const current = members.get(company.id);
    if (current !== undefined) {
      if (!since || since === current) done({ row, key, fate: 'unchanged', id: company.id });
      else reject('since', `already a member since ${current}: remove the membership first to change its date`);
      continue;
    }
    const res = await client.request<{ addClusterMember: { since: string } | null }>(
      'mutation ImportAddMember($cluster: ClusterCode!, $companyId: ID!, $since: Date) { addClusterMember(cluster: $cluster, companyId: $companyId, since: $since) { since } }',
      { cluster, companyId: company.id, since: since || null },
    );
    if (res.data?.addClusterMember) {
      members.set(company.id, res.data.addClusterMember.since);
      memberships.set(cluster, members);
      done({ row, key, fate: 'created', id: company.id });
    } else {
      done({ row, key, fate: 'rejected', problems: problemsFromErrors(res.errors, 'enterpriseNumber', ALIASES) });
    }
  }
}

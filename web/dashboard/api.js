// The dashboard's only server: the public GraphQL endpoint, like any client.
// Few, batched queries: the whole overview is one request, a search is one,
// a detail view is one. Each stays well inside the gateway's limits (depth 12,
// 30 aliases, 3000 tokens).

export const DOMAINS = [
  'WASTE_PROCESSING',
  'DRINKING_WATER',
  'WATER_TREATMENT',
  'ENERGY_PRODUCTION',
  'HEAT_PRODUCTION',
  'CIRCULAR_MATERIALS',
  'AIR_QUALITY',
  'SMART_GRIDS',
];
export const CHINA_STATUSES = ['NOT_ACTIVE', 'EXPLORING', 'ACTIVE'];
export const THEMES = ['FOREIGN_INVESTMENT', 'SMART_HUB_CLUSTERS', 'PEOPLE_TO_PEOPLE', 'HERITAGE', 'LOCAL_GOVERNMENT'];
export const PROJECT_STATUSES = ['PROPOSED', 'ACTIVE', 'COMPLETED', 'CANCELLED'];

/** Error codes that only mean "this field is restricted for you": the rest of the answer stands. */
const RESTRICTED = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

/** Why a request reads restricted data, declared per request in the Hub-Purpose header (docs/trust.md). */
export const PURPOSES = ['MATCHMAKING', 'PROJECT_COORDINATION', 'EVENT_ORGANISATION', 'STATISTICS'];

/** A refused field: restricted for this caller, or its agreements could not be checked (fails closed, with a reason). */
const isRefusal = (e) => Array.isArray(e.path) && (RESTRICTED.has(e.extensions?.code) || typeof e.extensions?.reason === 'string');

export class GraphQLRequestError extends Error {
  constructor(message, status, code, extensions = {}) {
    super(message);
    this.status = status;
    this.code = code;
    /** The error's extensions: `field` for BAD_USER_INPUT, `reason`, `currentVersion`… */
    this.extensions = extensions;
  }
}

/**
 * POSTs one operation as application/json (the gateway's CSRF prevention
 * refuses simple requests), with the token and the declared purpose if any.
 * Refused fields come back in `refusals` ({ path, code, reason, message }) for
 * the page to explain; anything else throws, unless some data came back, in
 * which case it is reported in `errors`.
 */
export async function gql(query, variables, token, purpose) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (purpose) headers['hub-purpose'] = purpose;
  const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new GraphQLRequestError(`HTTP ${res.status}`, res.status);
  }
  return answerOf(body, res.status);
}

/** One GraphQL answer as the page uses it: { data, errors, refusals }, or a GraphQLRequestError when it has no data. */
export function answerOf(body, status = 200) {
  const errors = (body.errors ?? []).filter((e) => !isRefusal(e));
  if (!body.data) {
    const first = errors[0] ?? body.errors?.[0];
    throw new GraphQLRequestError(first?.message ?? `HTTP ${status}`, status, first?.extensions?.code, first?.extensions);
  }
  const refusals = (body.errors ?? []).filter(isRefusal).map((e) => ({
    path: e.path.join('.'),
    code: e.extensions?.code,
    reason: e.extensions?.reason ?? null,
    message: e.message,
  }));
  return { data: body.data, errors, refusals };
}

const count = (alias, field, filter) => `${alias}: ${field}(first: 1, filter: { ${filter} }) { totalCount }`;

const LIST_FIELDS = `
  companyList: companies(filter: { search: $q }, first: 20) {
    totalCount
    edges { node { id name municipality chinaStatus cleantechDomains } }
  }
  partnerList: partners(filter: { search: $q }, first: 20) {
    totalCount
    edges { node { id name(lang: $lang) kind district } }
  }`;

/** The overview's page of upcoming events: the list is paged (first ≤ 100), so the total shows "100+" beyond it. */
export const EVENTS_PAGE = 100;

/** Everything the first screen shows, in one request (20 aliases). */
export const OVERVIEW = `query DashboardOverview($lang: Language!, $from: DateTime!, $q: String) {
  companies(first: 1) { totalCount }
  partners(first: 1) { totalCount }
  projects(first: 1) { totalCount }
  events(from: $from, first: ${EVENTS_PAGE}) { id title kind startsAt location project { id title } }
  clusters { code name(lang: $lang) description(lang: $lang) memberCount }
  ${DOMAINS.map((d) => count(`domain_${d}`, 'companies', `cleantechDomain: ${d}`)).join('\n  ')}
  ${CHINA_STATUSES.map((s) => count(`china_${s}`, 'companies', `chinaStatus: ${s}`)).join('\n  ')}
  ${THEMES.map((th) => count(`theme_${th}`, 'projects', `theme: ${th}`)).join('\n  ')}
  ${PROJECT_STATUSES.map((s) => count(`status_${s}`, 'projects', `status: ${s}`)).join('\n  ')}
  ${LIST_FIELDS}
}`;

export const SEARCH = `query DashboardSearch($lang: Language!, $q: String) {${LIST_FIELDS}
}`;

export const COMPANY = `query DashboardCompany($id: ID!, $lang: Language!) {
  company(id: $id) {
    id name enterpriseNumber municipality postalCode website foundedYear employees isSme
    cleantechDomains chinaStatus archived
    description(lang: $lang)
    contact { name email phone }
    clusters { code name(lang: $lang) }
    projects { id title theme status }
    suggestedPartners(limit: 5) { score sharedDomains partner { id name(lang: $lang) kind district } }
  }
}`;

export const PARTNER = `query DashboardPartner($id: ID!, $lang: Language!) {
  partner(id: $id) {
    id creditCode nameZh nameEn name(lang: $lang) kind district cleantechDomains themes website
    contact { name email phone }
    projects { id title theme status }
  }
}`;

/** Who the token speaks for, as the hub sees it (works for every issuer, whatever its claims). */
export const ME = `query DashboardMe { me { subject organisation { id name } roles } }`;

/** Data sets a steward can share (the registry's DataSet). */
export const DATA_SETS = ['COMPANY_CONTACTS', 'PARTNER_CONTACTS'];

const AGREEMENT_FIELDS = `id dataSet grantor { id name } grantee { id name } purposes legalBasis
    validFrom validUntil revokedAt active crossBorder version`;

/** The steward's view: the organisations, and every agreement the caller's organisation gave or received. */
export const AGREEMENTS = `query DashboardAgreements {
  organisations { id name jurisdiction dataSets }
  sharingAgreements { ${AGREEMENT_FIELDS} }
}`;

export const GRANT = `mutation DashboardGrant($input: GrantAccessInput!) {
  grantAccess(input: $input) { ${AGREEMENT_FIELDS} }
}`;

export const REVOKE = `mutation DashboardRevoke($id: ID!, $expectedVersion: Int!) {
  revokeAccess(id: $id, expectedVersion: $expectedVersion) { ${AGREEMENT_FIELDS} }
}`;

/**
 * The cross-border register: one root field per owning subgraph (docs/evidence.md), so the page
 * asks for the fields of the data sets the signed-in organisation owns.
 */
export const REGISTER_FIELDS = { COMPANY_CONTACTS: 'companyDisclosureRegister', PARTNER_CONTACTS: 'partnerDisclosureRegister' };

/** The register of the owner's data sets for [from, to), in one request. */
export function registerQuery(dataSets) {
  const fields = dataSets
    .filter((d) => REGISTER_FIELDS[d])
    .map(
      (d) => `${REGISTER_FIELDS[d]}(from: $from, to: $to) {
    dataSet from to
    lines { dataSet recipient purpose agreementId crossBorder disclosures records requests first last
      agreement { legalBasis grantee { id name jurisdiction } } }
  }`,
    );
  return `query DashboardRegister($from: DateTime!, $to: DateTime!) {\n  ${fields.join('\n  ')}\n}`;
}

import type { SubgraphName } from './services';

/**
 * The organisations of the partnership, their roles, the data sets they own
 * and the purposes data is shared for, named once. Which organisations a
 * deployment trusts, with their token issuers and keys, is configuration (the
 * trust configuration file, platform/trust.ts); these are the names the code
 * itself refers to, and the trust configuration is checked against them.
 */
export const VLAAMS_BRABANT = 'vlaams-brabant';
export const SMART_HUB = 'smart-hub';
export const CHENGDU = 'chengdu';
/** The organisations the code names as owners: every trust configuration must list them. */
export const ORGANISATION_IDS = [VLAAMS_BRABANT, SMART_HUB, CHENGDU] as const;
export type OrganisationId = (typeof ORGANISATION_IDS)[number];

/** What an organisation id looks like (in the trust configuration and in arguments). */
export const ORGANISATION_ID_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;

/** Roles a token carries. `editor` writes the organisation's records; `steward` manages its sharing agreements. */
export const EDITOR_ROLE = 'editor';
export const STEWARD_ROLE = 'steward';
export const ROLES = [EDITOR_ROLE, STEWARD_ROLE] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who owns each organisation's subgraph: only that organisation's editors
 * write its records and only it reads their history.
 */
export const OWNERS = {
  companies: VLAAMS_BRABANT,
  clusters: SMART_HUB,
  partners: CHENGDU,
} as const satisfies Record<Exclude<SubgraphName, 'projects' | 'registry'>, OrganisationId>;

/**
 * Every subgraph's owner. Projects are shared (null): the creating
 * organisation leads a project and only its editors change it. The registry
 * is operated jointly (null): its rules are per agreement.
 */
export const SUBGRAPH_OWNERS: Record<SubgraphName, OrganisationId | null> = { ...OWNERS, projects: null, registry: null };

/** Expert-panel assessments are the province's: only it records and reads them. */
export const ASSESSOR: OrganisationId = VLAAMS_BRABANT;

/** Where an organisation is: which data-protection law applies to it. EU: GDPR; CN: PIPL. */
export const Jurisdiction = { EU: 'EU', CN: 'CN' } as const;
export type Jurisdiction = (typeof Jurisdiction)[keyof typeof Jurisdiction];
export const JURISDICTIONS = Object.values(Jurisdiction);

/**
 * Restricted data that another organisation reads only under a sharing
 * agreement: each data set is one field of one owner's entity.
 */
export const DataSet = { COMPANY_CONTACTS: 'COMPANY_CONTACTS', PARTNER_CONTACTS: 'PARTNER_CONTACTS' } as const;
export type DataSet = (typeof DataSet)[keyof typeof DataSet];
export const DATA_SETS = Object.values(DataSet);

export interface DataSetInfo {
  /** The subgraph that holds it and enforces the agreements. */
  subgraph: keyof typeof OWNERS;
  owner: OrganisationId;
  /** The entity type and field it is, as in the contract. */
  type: string;
  field: string;
}

export const DATA_SET_INFO: Record<DataSet, DataSetInfo> = {
  COMPANY_CONTACTS: { subgraph: 'companies', owner: OWNERS.companies, type: 'Company', field: 'contact' },
  PARTNER_CONTACTS: { subgraph: 'partners', owner: OWNERS.partners, type: 'Partner', field: 'contact' },
};

/** Why a request reads restricted data: one value per request, in the `Hub-Purpose` header. */
export const Purpose = {
  MATCHMAKING: 'MATCHMAKING',
  PROJECT_COORDINATION: 'PROJECT_COORDINATION',
  EVENT_ORGANISATION: 'EVENT_ORGANISATION',
  STATISTICS: 'STATISTICS',
} as const;
export type Purpose = (typeof Purpose)[keyof typeof Purpose];
export const PURPOSES = Object.values(Purpose);

/** The HTTP header that declares the request's purpose (forwarded by the gateway). */
export const PURPOSE_HEADER = 'Hub-Purpose';

export function isPurpose(value: string): value is Purpose {
  return (PURPOSES as string[]).includes(value);
}

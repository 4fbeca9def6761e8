import type { SubgraphName } from './services';

/**
 * The organisations of the partnership and the rules that name them, written
 * once. Which organisations a deployment accepts tokens from is configuration
 * (HUB_ORGANISATIONS); these are the ids the code itself refers to.
 */
export const VLAAMS_BRABANT = 'vlaams-brabant';
export const SMART_HUB = 'smart-hub';
export const CHENGDU = 'chengdu';
export const ORGANISATION_IDS = [VLAAMS_BRABANT, SMART_HUB, CHENGDU] as const;
export type OrganisationId = (typeof ORGANISATION_IDS)[number];

/** Roles a token carries. `editor` writes the organisation's records. */
export const EDITOR_ROLE = 'editor';

/**
 * Who owns each organisation's subgraph: only that organisation's editors
 * write its records and only it reads their history.
 */
export const OWNERS = {
  companies: VLAAMS_BRABANT,
  clusters: SMART_HUB,
  partners: CHENGDU,
} as const satisfies Record<Exclude<SubgraphName, 'projects'>, OrganisationId>;

/**
 * Every subgraph's owner. Projects are shared (null): the creating
 * organisation leads a project and only its editors change it.
 */
export const SUBGRAPH_OWNERS: Record<SubgraphName, OrganisationId | null> = { ...OWNERS, projects: null };

/** Expert-panel assessments are the province's: only it records and reads them. */
export const ASSESSOR: OrganisationId = VLAAMS_BRABANT;

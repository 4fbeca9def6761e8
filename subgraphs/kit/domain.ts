/**
 * Enumerations of the public contract, defined once and registered with
 * type-graphql in `graphql-types.ts`. Every subgraph that exposes one of them
 * uses these very definitions, so composition sees identical enums everywhere.
 */
export enum Language {
  NL = 'NL',
  EN = 'EN',
  ZH = 'ZH',
}

export enum CleantechDomain {
  WASTE_PROCESSING = 'WASTE_PROCESSING',
  DRINKING_WATER = 'DRINKING_WATER',
  WATER_TREATMENT = 'WATER_TREATMENT',
  ENERGY_PRODUCTION = 'ENERGY_PRODUCTION',
  HEAT_PRODUCTION = 'HEAT_PRODUCTION',
  CIRCULAR_MATERIALS = 'CIRCULAR_MATERIALS',
  AIR_QUALITY = 'AIR_QUALITY',
  SMART_GRIDS = 'SMART_GRIDS',
}

export enum ChinaStatus {
  NOT_ACTIVE = 'NOT_ACTIVE',
  EXPLORING = 'EXPLORING',
  ACTIVE = 'ACTIVE',
}
export enum ClusterCode {
  HEALTH = 'HEALTH',
  LOGISTICS = 'LOGISTICS',
  FOOD = 'FOOD',
  CLEANTECH = 'CLEANTECH',
  CREATIVITY = 'CREATIVITY',
}
export enum PartnershipTheme {
  FOREIGN_INVESTMENT = 'FOREIGN_INVESTMENT',
  SMART_HUB_CLUSTERS = 'SMART_HUB_CLUSTERS',
  PEOPLE_TO_PEOPLE = 'PEOPLE_TO_PEOPLE',
  HERITAGE = 'HERITAGE',
  LOCAL_GOVERNMENT = 'LOCAL_GOVERNMENT',
}
export enum PartnerKind {
  COMPANY = 'COMPANY',
  GOVERNMENT = 'GOVERNMENT',
  UNIVERSITY = 'UNIVERSITY',
  INDUSTRIAL_PARK = 'INDUSTRIAL_PARK',
  ASSOCIATION = 'ASSOCIATION',
}
export enum ProjectStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
export enum EventKind {
  SECTOR_EVENT = 'SECTOR_EVENT',
  EXPERT_PANEL = 'EXPERT_PANEL',
  TRADE_MISSION = 'TRADE_MISSION',
  WEBINAR = 'WEBINAR',
}

/**
 * The query shapes of the benchmark (issue 5, a-e). The bench drives them with
 * autocannon; tests/integration/no-n-plus-one.test.ts runs the same queries on
 * a small generated data set to prove their SQL count does not grow with the
 * page size.
 */
import type { SubgraphName } from '../../platform/services';

export interface ShapeInputs {
  /** A company that takes part in projects with events (shape b). */
  companyId: string;
  /** The cursor of the company at position `deepOffset` in (name, id) order (shape d). */
  deepCursor: string;
  deepOffset: number;
}

export interface Shape {
  /** a, b, c, d1, d2, e */
  id: string;
  title: string;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  /** The subgraph that answers this shape alone: the bench sends it straight there too. */
  direct?: SubgraphName;
  /** The shape's page size variable, for the "same SQL at page sizes 10 and 100" check. */
  pageVariable?: string;
}

export const COMPANIES_PAGE = `query BenchCompaniesPage($first: Int, $filter: CompanyFilter) {
  companies(first: $first, filter: $filter) {
    totalCount
    edges { cursor node { id name enterpriseNumber municipality postalCode cleantechDomains chinaStatus isSme } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const COMPANY_EVERYTHING = `query BenchCompanyEverything($id: ID!) {
  company(id: $id) {
    id name enterpriseNumber municipality cleantechDomains chinaStatus
    clusters { code name memberCount }
    projects {
      id title status theme
      partners { id nameEn nameZh district }
      events { id title kind startsAt attendees { id name } }
    }
    suggestedPartners(limit: 5) { score sharedDomains partner { id nameEn kind district } }
  }
}`;

/** The dashboard's question: projects with their companies (and clusters) and partners. */
export const DASHBOARD = `query BenchDashboard($first: Int) {
  projects(first: $first) {
    totalCount
    edges {
      node {
        id title status theme startsOn endsOn leadOrganisation
        companies { id name municipality chinaStatus clusters { code } }
        partners { id nameEn district kind }
        events { id title startsAt }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const COMPANIES_BY_CURSOR = `query BenchCompaniesByCursor($first: Int, $after: String) {
  companies(first: $first, after: $after) {
    edges { cursor node { id name municipality chinaStatus } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const SUGGESTED_PARTNERS = `query BenchSuggestedPartners($first: Int) {
  companies(first: $first, filter: { chinaStatus: EXPLORING }) {
    edges { node { id name cleantechDomains suggestedPartners(limit: 5) { score sharedDomains partner { id nameEn district } } } }
  }
}`;

export function benchShapes(inputs: ShapeInputs): Shape[] {
  return [
    {
      id: 'a',
      title: 'one page of 20 companies with filter',
      operationName: 'BenchCompaniesPage',
      query: COMPANIES_PAGE,
      variables: { first: 20, filter: { cleantechDomain: 'WATER_TREATMENT', chinaStatus: 'EXPLORING' } },
      direct: 'companies',
      pageVariable: 'first',
    },
    {
      id: 'b',
      title: 'one company with everything (4 subgraphs)',
      operationName: 'BenchCompanyEverything',
      query: COMPANY_EVERYTHING,
      variables: { id: inputs.companyId },
    },
    {
      id: 'c',
      title: 'dashboard: 20 projects with companies, clusters, partners',
      operationName: 'BenchDashboard',
      query: DASHBOARD,
      variables: { first: 20 },
      pageVariable: 'first',
    },
    {
      id: 'd1',
      title: 'page 1 of companies by cursor',
      operationName: 'BenchCompaniesByCursor',
      query: COMPANIES_BY_CURSOR,
      variables: { first: 20, after: null },
      direct: 'companies',
      pageVariable: 'first',
    },
    {
      id: 'd2',
      title: `the page after ${inputs.deepOffset.toLocaleString('en')} companies`,
      operationName: 'BenchCompaniesByCursor',
      query: COMPANIES_BY_CURSOR,
      variables: { first: 20, after: inputs.deepCursor },
      direct: 'companies',
      pageVariable: 'first',
    },
    {
      id: 'e',
      title: 'suggested partners for 50 companies',
      operationName: 'BenchSuggestedPartners',
      query: SUGGESTED_PARTNERS,
      variables: { first: 50 },
      pageVariable: 'first',
    },
  ];
}

/** Throws unless `body` is a GraphQL answer without errors whose lists are not empty. */
export function checkAnswer(shape: Shape, body: { data?: any; errors?: { message: string }[] }): void {
  if (body.errors?.length) throw new Error(`shape ${shape.id}: ${body.errors.map((e) => e.message).join('; ')}`);
  const d = body.data;
  const empty = (what: string) => new Error(`shape ${shape.id}: the answer has no ${what}; the bench data does not fit the shape`);
  switch (shape.operationName) {
    case 'BenchCompaniesPage':
    case 'BenchCompaniesByCursor':
      if (!d?.companies?.edges?.length) throw empty('companies');
      break;
    case 'BenchCompanyEverything':
      if (!d?.company) throw empty('company');
      if (!d.company.projects?.length) throw empty('projects');
      if (!d.company.projects.some((p: any) => p.events?.length)) throw empty('events');
      if (!d.company.suggestedPartners?.length) throw empty('suggested partners');
      break;
    case 'BenchDashboard':
      if (!d?.projects?.edges?.length) throw empty('projects');
      break;
    case 'BenchSuggestedPartners':
      if (!d?.companies?.edges?.some((e: any) => e.node.suggestedPartners?.length)) throw empty('suggested partners');
      break;
  }
}

/**
 * The demo data as the tests know it: the rows of every subgraph's seed/*.csv,
 * read and validated by the subgraphs' own seed readers (what `npm start`
 * loads), in file order.
 */
import { demoMemberships } from '../../subgraphs/clusters/seed';
import { demoCompanies } from '../../subgraphs/companies/seed';
import { demoPartners } from '../../subgraphs/partners/seed';
import { demoProjectsData } from '../../subgraphs/projects/seed';

const projectsData = demoProjectsData();

export const COMPANIES = demoCompanies().map((r) => r.input);
export const PARTNERS = demoPartners().map((r) => r.input);
export const MEMBERSHIPS = demoMemberships().map((r) => r.input);
export const PROJECTS = projectsData.projects.map((r) => r.input);
export const EVENTS = projectsData.events.map((r) => r.input);
export const ASSESSMENTS = projectsData.assessments.map((r) => r.input);

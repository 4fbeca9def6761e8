import type { DataSource } from 'typeorm';
import { stableUuid } from '../shared/ids';
import { seedIfEmpty } from '../shared/seed';
import { Company } from './entities/Company';
import { OWNER } from './resolvers/CompanyResolver';
import { COMPANIES } from './seed-data';

export const companyIdFor = (enterpriseNumber: string) => stableUuid('company', enterpriseNumber);

export function demoCompanies(): Partial<Company>[] {
  return COMPANIES.map(({ contact, ...c }) => ({
    ...c,
    id: companyIdFor(c.enterpriseNumber),
    website: c.website ?? null,
    foundedYear: c.foundedYear ?? null,
    descriptionZh: c.descriptionZh ?? null,
    contactName: contact?.name ?? null,
    contactEmail: contact?.email ?? null,
    contactPhone: contact?.phone ?? null,
  }));
}

export function seed(ds: DataSource): Promise<boolean> {
  return seedIfEmpty(ds, Company, demoCompanies() as Company[], { type: 'Company', organisation: OWNER, idOf: (c) => c.id });
}

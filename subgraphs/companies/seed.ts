import type { DataSource } from 'typeorm';
import { demoCompanyId } from '../../platform/ids';
import { seedIfEmpty } from '../kit/seed';
import { Company } from './entities/Company';
import { OWNERS } from '../../platform/organisations';
import { COMPANIES } from './seed-data';

export function demoCompanies(): Partial<Company>[] {
  return COMPANIES.map(({ contact, ...c }) => ({
    ...c,
    id: demoCompanyId(c.enterpriseNumber),
    website: c.website ?? null,
    foundedYear: c.foundedYear ?? null,
    descriptionZh: c.descriptionZh ?? null,
    contactName: contact?.name ?? null,
    contactEmail: contact?.email ?? null,
    contactPhone: contact?.phone ?? null,
  }));
}

export function seed(ds: DataSource): Promise<boolean> {
  return seedIfEmpty(ds, Company, demoCompanies() as Company[], { type: 'Company', organisation: OWNERS.companies, idOf: (c) => c.id });
}

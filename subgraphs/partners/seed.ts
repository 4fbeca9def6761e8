import type { DataSource } from 'typeorm';
import { demoPartnerId } from '../../platform/ids';
import { seedIfEmpty } from '../kit/seed';
import { Partner } from './entities/Partner';
import { OWNERS } from '../../platform/organisations';
import { PARTNERS } from './seed-data';

/** Demo rows in the stored form: arrays deduplicated and sorted, as writes store them. */
export function demoPartners(): Partial<Partner>[] {
  return PARTNERS.map(({ contact, ...p }) => ({
    ...p,
    id: demoPartnerId(p.creditCode),
    cleantechDomains: [...new Set(p.cleantechDomains)].sort(),
    themes: [...new Set(p.themes)].sort(),
    website: p.website ?? null,
    contactName: contact?.name ?? null,
    contactEmail: contact?.email ?? null,
    contactPhone: contact?.phone ?? null,
  }));
}

export function seed(ds: DataSource): Promise<boolean> {
  return seedIfEmpty(ds, Partner, demoPartners() as Partner[], { type: 'Partner', organisation: OWNERS.partners, idOf: (p) => p.id });
}

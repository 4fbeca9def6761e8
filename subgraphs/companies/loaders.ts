import type { DataSource } from 'typeorm';
import { historyLoader } from '../kit/audit';
import { byKeyLoader } from '../kit/loaders';
import { Company } from './entities/Company';

export function createLoaders(ds: DataSource) {
  return {
    companyById: byKeyLoader(ds, Company),
    historyByCompany: historyLoader(ds, 'Company'),
  };
}
export type CompanyLoaders = ReturnType<typeof createLoaders>;

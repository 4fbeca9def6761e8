import type { DataSource } from 'typeorm';
import { historyLoader } from '../kit/audit';
import { disclosuresLoader } from '../kit/disclosures';
import { DataSet } from '../../platform/organisations';
import { byKeyLoader } from '../kit/loaders';
import { Company } from './entities/Company';

export function createLoaders(ds: DataSource) {
  return {
    companyById: byKeyLoader(ds, Company),
    historyByCompany: historyLoader(ds, 'Company'),
    disclosuresOfCompany: disclosuresLoader(ds, DataSet.COMPANY_CONTACTS),
  };
}
export type CompanyLoaders = ReturnType<typeof createLoaders>;

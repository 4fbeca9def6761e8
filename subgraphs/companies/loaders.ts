import type { DataSource } from 'typeorm';
import { AuditLog } from '../shared/audit';
import { byKeyLoader, groupLoader } from '../shared/loaders';
import { Company } from './entities/Company';

export function createLoaders(ds: DataSource) {
  return {
    companyById: byKeyLoader(ds, Company),
    historyByCompany: groupLoader(ds, AuditLog, 'entityId', { property: 'at', direction: 'DESC' }),
  };
}
export type CompanyLoaders = ReturnType<typeof createLoaders>;

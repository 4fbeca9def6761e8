import type { DataSource } from 'typeorm';
import { historyLoader } from '../kit/audit';
import { byKeyLoader } from '../kit/loaders';
import { SharingAgreement } from './entities/SharingAgreement';

export function createLoaders(ds: DataSource) {
  return {
    agreementById: byKeyLoader(ds, SharingAgreement),
    historyByAgreement: historyLoader(ds, 'SharingAgreement'),
  };
}
export type RegistryLoaders = ReturnType<typeof createLoaders>;

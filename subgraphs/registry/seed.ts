import type { DataSource } from 'typeorm';
import { stableUuid } from '../../platform/ids';
import type { DataSet, Purpose } from '../../platform/organisations';
import type { TrustConfig } from '../../platform/trust';
import { seedIfEmpty } from '../kit/seed';
import { SharingAgreement } from './entities/SharingAgreement';
import type { GrantAccessInput } from './resolvers/inputs';
import { agreementColumns } from './validate';
import data from './seed-data.json';

interface AgreementSeed {
  key: string;
  dataSet: DataSet;
  grantor: string;
  grantee: string;
  purposes: Purpose[];
  legalBasis: string;
  validFrom: string;
  validUntil: string;
}

/**
 * The demo agreements (seed-data.json), checked like a grant: the grantor
 * must own the data set in `trust`, the grantee must be another of its
 * organisations. An agreement whose organisations this deployment does not
 * know is left out.
 */
export function demoAgreements(trust: TrustConfig): SharingAgreement[] {
  return (data.agreements as AgreementSeed[]).flatMap((a) => {
    const known = (id: string) => trust.organisations.some((o) => o.id === id);
    if (!known(a.grantor) || !known(a.grantee)) return [];
    const input: GrantAccessInput = {
      dataSet: a.dataSet,
      grantee: a.grantee,
      purposes: a.purposes,
      legalBasis: a.legalBasis,
      validFrom: new Date(a.validFrom),
      validUntil: new Date(a.validUntil),
    };
    const columns = agreementColumns(trust, input, { now: new Date(), historical: true });
    if (columns.grantorId !== a.grantor)
      throw new Error(`seed agreement ${a.key}: ${a.dataSet} belongs to ${columns.grantorId}, not ${a.grantor}`);
    return [Object.assign(new SharingAgreement(), columns, { id: stableUuid('agreement', a.key) })];
  });
}

export function seed(ds: DataSource, trust: TrustConfig): Promise<boolean> {
  return seedIfEmpty(ds, SharingAgreement, demoAgreements(trust), {
    type: 'SharingAgreement',
    organisation: (a) => a.grantorId,
    idOf: (a) => a.id,
  });
}

import type { DataSource } from 'typeorm';
import { stableUuid } from '../../platform/ids';
import { DATA_SETS, PURPOSES, type DataSet, type Purpose } from '../../platform/organisations';
import type { TrustConfig } from '../../platform/trust';
import { fileSeed, type SeedSheet } from '../kit/seed';
import { DateTimeScalar } from '../kit/scalars';
import type { SheetFormat } from '../kit/sheets/rows';
import { SharingAgreement } from './entities/SharingAgreement';
import { agreementColumns, mustBeOrganisation, type AgreementColumns } from './validate';
import { BadUserInputError } from '../../platform/errors';

/** seed/agreements.csv: one row per demo agreement, grantAccess's input plus its grantor and a stable key. */
export const AGREEMENT_SHEET: SheetFormat = {
  fields: [
    { column: 'key', type: { kind: 'string' }, required: true },
    { column: 'dataSet', type: { kind: 'enum', values: DATA_SETS }, required: true },
    { column: 'grantor', type: { kind: 'string' }, required: true },
    { column: 'grantee', type: { kind: 'string' }, required: true },
    { column: 'purposes', type: { kind: 'enumList', values: PURPOSES }, required: true },
    { column: 'legalBasis', type: { kind: 'string' }, required: true },
    { column: 'validFrom', type: { kind: 'scalar', scalar: DateTimeScalar }, required: true },
    { column: 'validUntil', type: { kind: 'scalar', scalar: DateTimeScalar }, required: true },
  ],
  keyColumn: 'key',
  keyOf: (v) => (v.key ?? '').trim(),
};

export const AGREEMENTS_FILE = 'subgraphs/registry/seed/agreements.csv';

interface DemoAgreement {
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
 * The demo agreements, each checked as grantAccess checks a grant against
 * `trust` (the grantor must own the data set, the grantee be another of its
 * organisations), except that demo agreements may have started, or even
 * ended, before they are loaded.
 */
function agreementSheet(trust: TrustConfig): SeedSheet<DemoAgreement, AgreementColumns & { id: string }> {
  return {
    file: AGREEMENTS_FILE,
    format: AGREEMENT_SHEET,
    validate(input) {
      const grantor = mustBeOrganisation(trust, 'input.grantor', input.grantor);
      const columns = agreementColumns(
        trust,
        { ...input, validFrom: new Date(input.validFrom), validUntil: new Date(input.validUntil) },
        { now: new Date(), historical: true },
      );
      if (columns.grantorId !== grantor) {
        throw new BadUserInputError('input.grantor', `${input.dataSet} belongs to ${columns.grantorId}: only its owner grants it`);
      }
      return { id: stableUuid('agreement', input.key), ...columns };
    },
  };
}

const demo = (trust: TrustConfig) =>
  fileSeed({
    entity: SharingAgreement,
    sheet: () => agreementSheet(trust),
    audit: { type: 'SharingAgreement', organisation: (a) => a.grantorId, id: (a) => a.id },
  });

/** The demo agreements (seed/agreements.csv) as `trust` allows them; SeedError when a row is wrong. */
export const demoAgreements = (trust: TrustConfig, root?: string) => demo(trust).read(root);

/** Demo agreements into an empty registry, each with its SEED audit entry for the grantor. */
export function seed(ds: DataSource, root?: string, trust?: TrustConfig): Promise<boolean> {
  if (!trust) throw new Error("the registry's demo agreements are checked against the trust configuration: pass it");
  return demo(trust).seed(ds, root);
}

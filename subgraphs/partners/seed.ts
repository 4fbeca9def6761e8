import { demoPartnerId } from '../../platform/ids';
import { OWNERS } from '../../platform/organisations';
import { PARTNER_SHEET } from '../kit/sheets/formats';
import { DEMO_FILES, fileSeed, storedKey } from '../kit/seed';
import { Partner } from './entities/Partner';
import type { CreatePartnerInput } from './resolvers/inputs';
import { partnerColumns, type PartnerColumns } from './validate';

/** A row of seed/partners.csv (the import's `partners` format): createPartner's input. */
export type DemoPartner = Required<CreatePartnerInput>;

const demo = fileSeed({
  entity: Partner,
  sheet: () => ({
    file: DEMO_FILES.partners,
    format: PARTNER_SHEET,
    validate(input: DemoPartner): PartnerColumns & { id: string } {
      const columns = partnerColumns(input);
      const creditCode = storedKey('input.creditCode', input.creditCode, columns.creditCode!);
      return { id: demoPartnerId(creditCode), ...columns };
    },
  }),
  audit: { type: 'Partner', organisation: OWNERS.partners, id: (p) => p.id },
});

/** The demo partners, each row validated as createPartner validates it; SeedError when a row is wrong. */
export const demoPartners = demo.read;

/** Demo partners into an empty database, each with its SEED audit entry for the owner. */
export const seed = demo.seed;

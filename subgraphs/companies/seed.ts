import { demoCompanyId } from '../../platform/ids';
import { OWNERS } from '../../platform/organisations';
import { COMPANY_SHEET } from '../kit/sheets/formats';
import { DEMO_FILES, fileSeed, storedKey } from '../kit/seed';
import { Company } from './entities/Company';
import type { CreateCompanyInput } from './resolvers/inputs';
import { companyColumns, type CompanyColumns } from './validate';

/** A row of seed/companies.csv (the import's `companies` format): createCompany's input. */
export type DemoCompany = Required<CreateCompanyInput>;

const demo = fileSeed({
  entity: Company,
  sheet: () => ({
    file: DEMO_FILES.companies,
    format: COMPANY_SHEET,
    validate(input: DemoCompany): CompanyColumns & { id: string } {
      const columns = companyColumns(input);
      const enterpriseNumber = storedKey('input.enterpriseNumber', input.enterpriseNumber, columns.enterpriseNumber!);
      return { id: demoCompanyId(enterpriseNumber), ...columns };
    },
  }),
  audit: { type: 'Company', organisation: OWNERS.companies, id: (c) => c.id },
});

/** The demo companies, each row validated as createCompany validates it; SeedError when a row is wrong. */
export const demoCompanies = demo.read;

/** Demo companies into an empty database, each with its SEED audit entry for the owner. */
export const seed = demo.seed;

/** The subgraph's two database URLs (its service role's and its owner's, for the migrations). */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../platform/config';
import { loadSubgraphConfig } from '../../subgraphs/kit/config';

/** What every subgraph needs besides its database (the example trust configuration). */
const BASE = { HUB_TRUST_CONFIG: 'deploy/trust.example.json' };

describe('loadSubgraphConfig: the database URLs', () => {
  it('migrates through the service URL when no migration URL is given (one role owns everything)', () => {
    const config = loadSubgraphConfig('companies', { ...BASE, COMPANIES_DATABASE_URL: 'postgres://127.0.0.1/companies' });
    expect(config.migrationDatabaseUrl).toBe(config.databaseUrl);
  });

  it('takes the owner URL for the migrations when the service URL names the role to grant', () => {
    const config = loadSubgraphConfig('companies', {
      ...BASE,
      COMPANIES_DATABASE_URL: 'postgres://partnerhub_companies:pw@127.0.0.1/companies',
      COMPANIES_MIGRATION_DATABASE_URL: 'postgres://partnerhub_companies_owner:pw@127.0.0.1/companies',
    });
    expect(config.migrationDatabaseUrl).toBe('postgres://partnerhub_companies_owner:pw@127.0.0.1/companies');
  });

  it('refuses a migration URL beside a service URL without a role: the grants would be skipped and the service locked out', () => {
    const load = () =>
      loadSubgraphConfig('companies', {
        ...BASE,
        COMPANIES_DATABASE_URL: 'postgres://127.0.0.1/companies',
        COMPANIES_MIGRATION_DATABASE_URL: 'postgres://partnerhub_companies_owner:pw@127.0.0.1/companies',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/COMPANIES_DATABASE_URL must name the service's role .* COMPANIES_MIGRATION_DATABASE_URL is set/);
  });
});

/**
 * The subgraph's database URLs: a service reads its own role's only and
 * refuses the owner's; the migrations (scripts/migrate.ts, the launcher) read
 * both through loadMigrationConfig.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../platform/config';
import { loadMigrationConfig, loadSubgraphConfig } from '../../subgraphs/kit/config';

/** What every subgraph needs besides its database (the example trust configuration). */
const BASE = { HUB_TRUST_CONFIG: 'deploy/trust.example.json' };
const SERVICE = 'postgres://partnerhub_companies:pw@127.0.0.1/companies';
const OWNER = 'postgres://partnerhub_companies_owner:pw@127.0.0.1/companies';

describe('loadSubgraphConfig: the database URL', () => {
  it('connects and migrates on start through the service URL (one role owns everything)', () => {
    const config = loadSubgraphConfig('companies', { ...BASE, COMPANIES_DATABASE_URL: 'postgres://127.0.0.1/companies' });
    expect(config).toMatchObject({ databaseUrl: 'postgres://127.0.0.1/companies', migrateOnStart: true });
  });

  it("refuses the owner's URL: it is for npm run migrate, the launcher and the migrate job only", () => {
    for (const migrateOnStart of ['true', 'false']) {
      const load = () =>
        loadSubgraphConfig('companies', {
          ...BASE,
          MIGRATE_ON_START: migrateOnStart,
          COMPANIES_DATABASE_URL: SERVICE,
          COMPANIES_MIGRATION_DATABASE_URL: OWNER,
        });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(
        /^COMPANIES_MIGRATION_DATABASE_URL is set: .*`npm run migrate`.*launcher.*migrate job only, never for a service/,
      );
      expect(load).toThrow(/disable the trails' triggers/);
    }
  });

  it('takes an empty migration URL as unset (a copied .env.example)', () => {
    const config = loadSubgraphConfig('companies', { ...BASE, COMPANIES_DATABASE_URL: SERVICE, COMPANIES_MIGRATION_DATABASE_URL: '' });
    expect(config.databaseUrl).toBe(SERVICE);
  });
});

describe('loadMigrationConfig: the owner migrates and grants the service role', () => {
  it('migrates through the service URL when no migration URL is given (one role owns everything)', () => {
    const config = loadMigrationConfig('companies', { COMPANIES_DATABASE_URL: 'postgres://127.0.0.1/companies' });
    expect(config).toEqual({ name: 'companies', url: 'postgres://127.0.0.1/companies', serviceRole: undefined, asOwner: false });
  });

  it('takes the owner URL, and grants the role the service URL names (no password needed)', () => {
    const config = loadMigrationConfig('companies', {
      COMPANIES_DATABASE_URL: 'postgres://partnerhub_companies@127.0.0.1/companies',
      COMPANIES_MIGRATION_DATABASE_URL: OWNER,
    });
    expect(config).toEqual({ name: 'companies', url: OWNER, serviceRole: 'partnerhub_companies', asOwner: true });
  });

  it('refuses a migration URL beside a service URL without a role: the grants would be skipped and the service locked out', () => {
    const load = () =>
      loadMigrationConfig('companies', {
        COMPANIES_DATABASE_URL: 'postgres://127.0.0.1/companies',
        COMPANIES_MIGRATION_DATABASE_URL: OWNER,
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/COMPANIES_DATABASE_URL must name the service's role .* COMPANIES_MIGRATION_DATABASE_URL is set/);
  });
});

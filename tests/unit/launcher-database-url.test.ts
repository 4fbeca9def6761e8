/**
 * How the tools beside a running `npm start` (npm run evidence, the sharing
 * bench) reach a subgraph's database: its *_DATABASE_URL, or the embedded
 * server as the subgraph's own role, with the password `npm start` wrote.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../platform/config';
import { loadLauncherConfig } from '../../scripts/hub/config';
import { launcherDatabaseUrl, rolesFile } from '../../scripts/hub/embedded-postgres';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'partnerhub-launcher-url-'));
  dirs.push(d);
  return d;
};

describe('launcherDatabaseUrl', () => {
  it('is the subgraph’s own *_DATABASE_URL when one is given', () => {
    const launcher = loadLauncherConfig({
      HUB_DATA_DIR: dataDir(),
      COMPANIES_DATABASE_URL: 'postgres://someone:pw@db.example:5432/companies',
    });
    expect(launcherDatabaseUrl(launcher, 'companies')).toBe('postgres://someone:pw@db.example:5432/companies');
  });

  it('is the embedded server as the subgraph’s role, with the password npm start generated', () => {
    const dir = dataDir();
    writeFileSync(rolesFile(dir), JSON.stringify({ companies: 'c/p w', partners: 'other' }), { mode: 0o600 });
    const url = new URL(launcherDatabaseUrl(loadLauncherConfig({ HUB_DATA_DIR: dir, EMBEDDED_PG_PORT: '5599' }), 'companies'));
    expect([url.username, decodeURIComponent(url.password), url.host, url.pathname]).toEqual([
      'partnerhub_companies',
      'c/p w',
      '127.0.0.1:5599',
      '/partnerhub_companies',
    ]);
  });

  it('says to start the hub first when there are no passwords, and names a file it cannot read', () => {
    const dir = dataDir();
    const launcher = loadLauncherConfig({ HUB_DATA_DIR: dir });
    expect(() => launcherDatabaseUrl(launcher, 'companies')).toThrow(ConfigError);
    expect(() => launcherDatabaseUrl(launcher, 'companies')).toThrow(
      /database-roles\.json does not exist: start the hub with `npm start` first/,
    );
    writeFileSync(rolesFile(dir), '{ not json');
    expect(() => launcherDatabaseUrl(launcher, 'registry')).toThrow(/database-roles\.json cannot be read: .*delete it/);
    writeFileSync(rolesFile(dir), JSON.stringify({ companies: 'x' }));
    expect(() => launcherDatabaseUrl(launcher, 'registry')).toThrow(/has no password for registry/);
  });
});

/**
 * serviceEnv (platform/services.ts), the environment the launcher, the bench
 * and the test hubs start each service with: from the launcher's whole
 * environment, a subgraph gets its own database URL and no other, the
 * gateway and the identity providers none, no service an owner's URL, and no
 * service a credential it does not read (role passwords, the tests' and the
 * scripts' server URLs, the evidence key, an editor's token; the development
 * providers' keys only the identity service).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config';
import { ROOT } from '../../platform/paths';
import {
  DEFAULT_PORTS,
  envKey,
  isSubgraph,
  migrationKey,
  SERVICE_NAMES,
  serviceEnv,
  SUBGRAPH_NAMES,
  type Env,
  type HubLayout,
  type ServiceName,
} from '../../platform/services';
import { loadIdentityConfig } from '../../scripts/identity/config';
import { loadSubgraphConfig } from '../../subgraphs/kit/config';
import { recordReads } from '../helpers/env';

const runtimeUrl = (n: string) => `postgres://partnerhub_${n}:runtime-pw@db.example:5432/partnerhub_${n}`;

/**
 * What the repository's scripts and containers take credentials from, none
 * of them a service: the tests', the bench's and scale-out's servers,
 * docker-compose's role and Grafana passwords, the evidence key (`npm run
 * evidence`), an editor's token (`npm run import`).
 */
const SCRIPT_CREDENTIALS: Env = {
  TEST_DATABASE_URL: 'postgres://postgres:test-pw@db.example:5432/postgres',
  BENCH_DATABASE_URL: 'postgres://postgres:bench-pw@db.example:5432/postgres',
  SCALE_OUT_DATABASE_URL: 'postgres://postgres:scale-out-pw@db.example:5432/postgres',
  POSTGRES_PASSWORD: 'superuser-pw',
  GRAFANA_ADMIN_PASSWORD: 'grafana-pw',
  ...Object.fromEntries(
    SUBGRAPH_NAMES.flatMap((n) => [
      [envKey(n, 'DB_PASSWORD'), `${n}-pw`],
      [envKey(n, 'OWNER_DB_PASSWORD'), `${n}-owner-pw`],
    ]),
  ),
  EVIDENCE_KEY_FILE: '/secrets/vlaams-brabant.private.jwk.json',
  HUB_TOKEN: 'editor-token',
};

/** `npm start` with external databases: every subgraph's URLs, the fallback, and the scripts' credentials in the launcher's environment. */
const LAUNCHER_ENV: Env = {
  LOG_LEVEL: 'warn',
  OPS_TOKEN: 'ops-token',
  // Read by Node and by the pg driver, not by a config loader: passed on all the same.
  NODE_EXTRA_CA_CERTS: '/etc/ssl/issuers.pem',
  PGSSLMODE: 'require',
  PGPASSWORD: 'for-a-url-without-one',
  IDENTITY_KEYS_DIR: '/data/identity',
  HUB_TRUST_CONFIG: join(ROOT, 'deploy/trust.example.json'),
  DATABASE_URL: 'postgres://everyone:fallback-pw@db.example:5432/partnerhub',
  ...Object.fromEntries(
    SUBGRAPH_NAMES.flatMap((n) => [
      [envKey(n, 'DATABASE_URL'), `postgres://partnerhub_${n}:given-pw@db.example:5432/partnerhub_${n}`],
      [migrationKey(n), `postgres://partnerhub_${n}_owner:owner-pw@db.example:5432/partnerhub_${n}`],
    ]),
  ),
  ...SCRIPT_CREDENTIALS,
};

const layoutOver = (common: Env): HubLayout => ({
  ports: DEFAULT_PORTS,
  databaseUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, runtimeUrl(n)])),
  common,
});
const layout = layoutOver(LAUNCHER_ENV);

/** The variables of an environment that carry a database URL, by name or by value. */
const databaseVariables = (env: Env) =>
  Object.fromEntries(Object.entries(env).filter(([key, value]) => /DATABASE_URL/.test(key) || /^postgres(ql)?:/.test(value ?? '')));

describe('serviceEnv: database URLs', () => {
  it.each(SUBGRAPH_NAMES)("gives %s its own runtime URL from the layout, and no other subgraph's or owner's", (name) => {
    expect(databaseVariables(serviceEnv(name, layout))).toEqual({ [envKey(name, 'DATABASE_URL')]: runtimeUrl(name) });
  });

  it.each(['gateway', 'identity'] as const)('gives %s no database URL at all', (name) => {
    expect(databaseVariables(serviceEnv(name, layout))).toEqual({});
  });

  it("passes the rest of the launcher's environment on to every service, what Node reads too, and the pg driver's settings to the subgraphs", () => {
    for (const name of SERVICE_NAMES) {
      expect(serviceEnv(name, layout), name).toMatchObject({
        LOG_LEVEL: 'warn',
        OPS_TOKEN: 'ops-token',
        NODE_EXTRA_CA_CERTS: '/etc/ssl/issuers.pem',
      });
      const pg = Object.keys(serviceEnv(name, layout))
        .filter((key) => key.startsWith('PG'))
        .sort();
      // The layout's URLs carry their passwords: a subgraph does not get PGPASSWORD either.
      expect(pg, name).toEqual(isSubgraph(name) ? ['PGSSLMODE'] : []);
    }
  });

  it('gives a subgraph PGPASSWORD and PGPASSFILE only when its URL has no password (peer or .pgpass setups)', () => {
    const common = { ...LAUNCHER_ENV, PGPASSFILE: '/home/ops/.pgpass' };
    const without = {
      ...layoutOver(common),
      databaseUrls: { companies: 'postgres://partnerhub_companies@db.example:5432/partnerhub_companies' },
    };
    expect(serviceEnv('companies', without)).toMatchObject({ PGPASSWORD: 'for-a-url-without-one', PGPASSFILE: '/home/ops/.pgpass' });
    for (const name of SERVICE_NAMES) {
      const env = serviceEnv(name, layoutOver(common));
      expect([env.PGPASSWORD, env.PGPASSFILE], name).toEqual([undefined, undefined]);
    }
  });
});

describe('serviceEnv: other credentials', () => {
  it.each(SERVICE_NAMES)("gives %s none of the scripts' and containers' credentials", (name) => {
    const env = serviceEnv(name, layout);
    expect(Object.keys(SCRIPT_CREDENTIALS).filter((key) => key in env)).toEqual([]);
  });

  it("gives the development providers' keys to the identity service only", () => {
    for (const name of SERVICE_NAMES) {
      expect(serviceEnv(name, layout).IDENTITY_KEYS_DIR, name).toBe(name === 'identity' ? '/data/identity' : undefined);
    }
  });

  it("withholds nothing a service's config loader reads, but the database URLs it gets its own instead of", () => {
    for (const name of SERVICE_NAMES) {
      const env = serviceEnv(name, layout);
      const { read } = recordReads(env, (e) => loadConfig(name, e));
      const withheld = [...read].filter((key) => LAUNCHER_ENV[key] !== undefined && env[key] === undefined).sort();
      // A subgraph reads DATABASE_URL as its own URL's fallback and its owner's URL to refuse it; it gets its own URL instead.
      expect(withheld, name).toEqual(isSubgraph(name) ? ['DATABASE_URL', migrationKey(name)].sort() : []);
    }
  });

  it('passes on, of the credentials .env.example and the README document, only those the service reads', () => {
    const documented = documentedCredentials();
    expect(documented).toEqual(
      expect.arrayContaining(['EVIDENCE_KEY_FILE', 'TEST_DATABASE_URL', 'HUB_TOKEN', 'REGISTRY_OWNER_DB_PASSWORD']),
    );
    const launcherEnv = Object.fromEntries(documented.map((key) => [key, `documented:${key}`]));
    for (const name of SERVICE_NAMES) {
      const passed = Object.entries(serviceEnv(name, layoutOver(launcherEnv))).filter(([, value]) => value?.startsWith('documented:'));
      // OPS_TOKEN: every service checks /metrics and the detailed /ready callers against it; IDENTITY_KEYS_DIR: the providers sign with its keys.
      expect(passed.map(([key]) => key).sort(), name).toEqual(name === 'identity' ? ['IDENTITY_KEYS_DIR', 'OPS_TOKEN'] : ['OPS_TOKEN']);
    }
  });
});

/** A service's configuration, as its entry point loads it. */
function loadConfig(name: ServiceName, env: Env): unknown {
  if (isSubgraph(name)) return loadSubgraphConfig(name, env);
  return name === 'gateway' ? loadGatewayConfig(env) : loadIdentityConfig(env);
}

/** The variables .env.example sets and the README's configuration table names whose name says they carry a credential. */
function documentedCredentials(): string[] {
  const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
  const fromExample = [...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
  const tableRows = read('README.md').match(/^\| `[A-Z].*$/gm) ?? [];
  const fromReadme = tableRows.flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]));
  return [...new Set([...fromExample, ...fromReadme])]
    .filter((key) => /PASSWORD|SECRET|TOKEN$|KEY_FILE|KEYS_DIR|DATABASE_URL/.test(key))
    .sort();
}

/**
 * docker-compose.yml, Dockerfile and the PostgreSQL init script agree with the
 * code's configuration (the config loaders): the services are the
 * subgraphs and the gateway, each on its default port, every environment
 * variable is one the code reads, every compose variable is documented in
 * .env.example, and each service's environment loads as a valid config.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_PORTS, envKey, SUBGRAPH_NAMES, type SubgraphName } from '../../platform/services';
import { loadGatewayConfig } from '../../gateway/config';
import { loadIdentityConfig } from '../../scripts/identity/config';
import { loadMigrationConfig, loadSubgraphConfig } from '../../subgraphs/kit/config';
import { ROOT } from '../../platform/paths';
import { RETIRED_VARIABLES } from '../../platform/config';
import { recordReads } from '../helpers/env';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const composeText = read('docker-compose.yml');
// YAML 1.1 merge keys (<<: *anchor), as docker-compose reads them.
const compose = parse(composeText, { merge: true }) as { services: Record<string, any>; volumes?: Record<string, unknown> };
const services = compose.services;
const envExample = read('.env.example');

/** `${VAR}`, `${VAR:-default}`, `${VAR-default}` resolved against an empty shell environment, as `docker-compose config` does. */
function interpolate(value: unknown): string {
  return String(value).replace(/\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g, (_m, _name, fallback) => fallback ?? '');
}

function environmentOf(service: string): Record<string, string> {
  const env = services[service].environment as Record<string, unknown>;
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(v)]));
}

/** A service's environment as its loaders see it here: the trust configuration at the file compose mounts there. */
function loadableEnvironmentOf(service: string): Record<string, string> {
  const env = environmentOf(service);
  const mount = (services[service].volumes as string[] | undefined)
    ?.map((v) => interpolate(v).split(':'))
    .find(([, target]) => target === env.HUB_TRUST_CONFIG);
  return mount ? { ...env, HUB_TRUST_CONFIG: join(ROOT, mount[0]) } : env;
}

const healthUrl = (service: string) => {
  const test = services[service].healthcheck?.test as string[];
  return test.join(' ').match(/http:\/\/127\.0\.0\.1:(\d+)(\/\w+)/);
};

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, the five subgraphs and the gateway (Prometheus, Grafana and Jaeger only in the observability profile)', () => {
    expect(
      Object.keys(services)
        .filter((n) => !services[n].profiles?.includes('observability'))
        .sort(),
    ).toEqual(['postgres', 'migrate', ...SUBGRAPH_NAMES, 'gateway'].sort());
    expect(Object.keys(compose.volumes ?? {})).toContain('pgdata');
    expect(services.postgres.volumes).toContain('pgdata:/var/lib/postgresql/data');
  });

  it('builds every service from the one Dockerfile, restarted by Docker', () => {
    const images = new Set<string>();
    for (const name of [...SUBGRAPH_NAMES, 'gateway']) {
      const s = services[name];
      expect(s.build, name).toEqual({
        context: '.',
        dockerfile: 'Dockerfile',
        args: { NODE_IMAGE: '${NODE_IMAGE:-node:20-bookworm-slim}' },
      });
      images.add(s.image);
      expect(s.restart, name).toBe('unless-stopped');
    }
    expect(images.size).toBe(1);
    expect(existsSync(join(ROOT, 'Dockerfile'))).toBe(true);
  });

  for (const name of SUBGRAPH_NAMES) {
    describe(`subgraph ${name}`, () => {
      const port = DEFAULT_PORTS[name];

      it('runs its compiled entry point on its default port, with a /ready health check', () => {
        const s = services[name];
        expect(s.command).toEqual(['node', `dist/subgraphs/${name}/index.js`]);
        expect(existsSync(join(ROOT, `subgraphs/${name}/index.ts`))).toBe(true);
        expect(s.expose).toEqual([String(port)]);
        expect(s.ports).toBeUndefined(); // only the gateway is published
        expect(healthUrl(name)?.slice(1)).toEqual([String(port), '/ready']);
        expect(s.depends_on).toEqual({
          postgres: { condition: 'service_healthy' },
          migrate: { condition: 'service_completed_successfully' },
        });
      });

      it('has an environment that loads as a valid production config, with names the code reads', () => {
        const env = loadableEnvironmentOf(name);
        const { config, read } = recordReads(env, (e) => loadSubgraphConfig(name, e));
        expect(Object.keys(env).filter((k) => !read.has(k))).toEqual([]);
        expect(config).toMatchObject({ name, port, host: '0.0.0.0', env: 'production', migrateOnStart: false, seedDemoData: false });
        // The runtime URL only: no owner's credentials in a subgraph's container (it would refuse them).
        expect(Object.keys(services[name].environment).filter((k) => /MIGRATION|OWNER/.test(k))).toEqual([]);
        for (const other of SUBGRAPH_NAMES) expect(config.subgraphUrls[other]).toBe(`http://${other}:${DEFAULT_PORTS[other]}/graphql`);
      });

      it('reaches its own database as its own role, with the password the init script gives that role', () => {
        const url = new URL(environmentOf(name)[envKey(name, 'DATABASE_URL')]);
        expect(url.hostname).toBe('postgres');
        expect(url.pathname).toBe(`/partnerhub_${name}`);
        expect(url.username).toBe(`partnerhub_${name}`);
        const passwordVar = envKey(name, 'DB_PASSWORD');
        expect(decodeURIComponent(url.password)).toBe(environmentOf('postgres')[passwordVar]);
        expect(String(services[name].environment[envKey(name, 'DATABASE_URL')])).toContain(`\${${passwordVar}:-`);
      });
    });
  }

  it('migrates every subgraph once, before the subgraphs start, as each database owner: the only service with the owners passwords', () => {
    const m = services.migrate;
    expect(m.command).toEqual(['node', 'dist/scripts/migrate.js', ...SUBGRAPH_NAMES]);
    expect(m.restart).toBe('no');
    expect(m.image).toBe(services.companies.image);
    expect(m.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    const env = loadableEnvironmentOf('migrate');
    const read = new Set<string>();
    for (const name of SUBGRAPH_NAMES) {
      // scripts/migrate.ts reads the two URLs through loadMigrationConfig, the one reader of a migration URL.
      const { config, read: r } = recordReads(env, (e) => loadMigrationConfig(name, e));
      for (const k of r) read.add(k);
      expect(config.serviceRole).toBe(`partnerhub_${name}`);
      const [owner, service] = [new URL(config.url), new URL(env[envKey(name, 'DATABASE_URL')])];
      expect(owner.username, name).toBe(`partnerhub_${name}_owner`);
      expect(owner.pathname).toBe(`/partnerhub_${name}`);
      expect(decodeURIComponent(owner.password)).toBe(environmentOf('postgres')[envKey(name, 'OWNER_DB_PASSWORD')]);
      // The service's role by name only (the owner grants it its privileges): not its password.
      expect(service.username).toBe(`partnerhub_${name}`);
      expect(service.password).toBe('');
      expect(service.pathname).toBe(owner.pathname);
    }
    // Every database URL it is given is read (the rest is the services' shared environment).
    expect(Object.keys(env).filter((k) => /DATABASE_URL$/.test(k) && !read.has(k))).toEqual([]);
    for (const other of Object.keys(services).filter((n) => n !== 'migrate' && n !== 'postgres')) {
      expect(JSON.stringify(services[other].environment ?? {}), other).not.toMatch(/OWNER_DB_PASSWORD/);
    }
  });

  it('publishes the gateway, which waits for healthy subgraphs on first start', () => {
    const g = services.gateway;
    expect(g.command).toEqual(['node', 'dist/gateway/index.js']);
    expect(g.ports).toEqual([`\${GATEWAY_PUBLISHED_PORT:-${DEFAULT_PORTS.gateway}}:${DEFAULT_PORTS.gateway}`]);
    expect(healthUrl('gateway')?.slice(1)).toEqual([String(DEFAULT_PORTS.gateway), '/health']);
    expect(g.depends_on).toEqual(Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, { condition: 'service_healthy' }])));
  });

  it('mounts the trust configuration (the example by default) where every service reads it', () => {
    for (const name of [...SUBGRAPH_NAMES, 'gateway']) {
      expect(environmentOf(name).HUB_TRUST_CONFIG, name).toBe('/etc/partnerhub/trust.json');
      expect(loadableEnvironmentOf(name).HUB_TRUST_CONFIG, name).toBe(join(ROOT, 'deploy/trust.example.json'));
    }
  });

  it('has a gateway environment that loads as a valid config, with names the code reads', () => {
    const env = loadableEnvironmentOf('gateway');
    const { config, read } = recordReads(env, (e) => loadGatewayConfig(e));
    expect(Object.keys(env).filter((k) => !read.has(k))).toEqual([]);
    expect(config).toMatchObject({ port: DEFAULT_PORTS.gateway, host: '0.0.0.0', env: 'production' });
    expect(existsSync(join(ROOT, config.supergraphPath))).toBe(true);
    for (const n of SUBGRAPH_NAMES) expect(config.subgraphUrls[n]).toBe(`http://${n}:${DEFAULT_PORTS[n]}/graphql`);
  });

  it('takes every variable it interpolates from .env.example', () => {
    const used = new Set([...composeText.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]));
    const documented = new Set([...envExample.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect([...used].filter((v) => !documented.has(v))).toEqual([]);
  });

  it('documents in .env.example every variable the services read', () => {
    const documented = new Set([...envExample.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const read = new Set<string>();
    const trust = { HUB_TRUST_CONFIG: join(ROOT, 'deploy/trust.example.json') };
    const base = { ...trust, ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [envKey(n, 'DATABASE_URL'), 'postgres://x@localhost/x'])) };
    for (const n of SUBGRAPH_NAMES) for (const k of recordReads(base, (e) => loadSubgraphConfig(n, e)).read) read.add(k);
    for (const k of recordReads(trust, (e) => loadGatewayConfig(e)).read) read.add(k);
    for (const k of recordReads(trust, (e) => loadIdentityConfig(e)).read) read.add(k);
    // The retired version-1 variables are read only to refuse them.
    expect([...read].filter((k) => !documented.has(k) && !RETIRED_VARIABLES.includes(k)).sort()).toEqual([]);
  });
});

describe('PostgreSQL init script', () => {
  const script = read('docker/postgres-init/10-organisations.sh');

  it('is mounted into the image init folder and creates one database and role per subgraph', () => {
    expect(services.postgres.volumes).toContain('./docker/postgres-init:/docker-entrypoint-initdb.d:ro');
    const defaults = script.match(/PARTNERHUB_SUBGRAPHS:-([a-z ]+)\}/)?.[1].split(' ');
    expect(defaults).toEqual([...SUBGRAPH_NAMES]);
    for (const n of SUBGRAPH_NAMES) {
      expect(environmentOf('postgres')[envKey(n as SubgraphName, 'DB_PASSWORD')]).toBeTruthy();
      expect(environmentOf('postgres')[envKey(n as SubgraphName, 'OWNER_DB_PASSWORD')]).toBeTruthy();
    }
    expect(script).toMatch(/REVOKE ALL ON DATABASE :"name" FROM PUBLIC, :"name"/);
    expect(script).toMatch(/CREATE DATABASE :"name" OWNER :"owner"/);
    expect(script).toMatch(/GRANT CONNECT ON DATABASE :"name" TO :"name"/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('builds in one stage and runs production dependencies only, as a non-root user, in another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const [build, runtime] = [stages[0], stages[stages.length - 1]];
    expect(build).toMatch(/RUN npm ci\b/);
    expect(build).toMatch(/tsc -p \./);
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist/);
    expect(runtime).toMatch(/HOST=0\.0\.0\.0/);
    const user = runtime.match(/^USER (\S+)/m)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('takes its base image as a build argument (a public one by default)', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    for (const stage of stages) expect(stage).toMatch(/^\$\{NODE_IMAGE\} AS \w+/);
  });

  it('copies what the services read at run time', () => {
    expect(dockerfile).toMatch(/COPY schema \.\/schema/);
    expect(existsSync(join(ROOT, 'schema/supergraph.graphql'))).toBe(true);
    const ignored = read('.dockerignore');
    expect(ignored).toMatch(/^node_modules$/m);
    expect(ignored).toMatch(/^\.env$/m);
  });
});

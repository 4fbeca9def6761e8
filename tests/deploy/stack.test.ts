/**
 * The deployment as shipped, run for real: docker-compose.yml and the
 * Dockerfile, built and started with Debian's podman (deploy/podman/), with
 * the production settings (NODE_ENV=production, no demo data, organisations'
 * own token issuers with real keys). Through the published gateway port only,
 * it answers the README's question, keeps the data when the PostgreSQL
 * container is replaced (named volume) and a subgraph is restarted, gives
 * partial answers while a subgraph's container is killed, and stops cleanly.
 *
 * Not part of `npm test`: `npm run test:deploy` (and a step of .ci/run). Needs
 * root, podman, debootstrap and docker-compose (apt-get install podman
 * debootstrap docker-compose catatonit). The base images are cached on the
 * machine (deploy/podman/base-images.sh), and so are the image's layers
 * (deploy/podman/build.sh).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../platform/paths';
import { freePort } from '../../scripts/hub/processes';
import { graphql } from '../helpers/hub';
import { sleep, waitFor } from '../helpers/processes';
import { README_QUESTION } from '../helpers/readme';

const run = promisify(execFile);
const PROJECT = 'partnerhub-deploytest';
const AUDIENCE = 'partnerhub';
const ORGANISATIONS = [
  { id: 'vlaams-brabant', name: 'Provincie Vlaams-Brabant', jurisdiction: 'EU', dataSets: ['COMPANY_CONTACTS'] },
  { id: 'smart-hub', name: 'Smart Hub Vlaams-Brabant', jurisdiction: 'EU', dataSets: [] },
  { id: 'chengdu', name: 'Chengdu partner office', jurisdiction: 'CN', dataSets: ['PARTNER_CONTACTS'] },
];

let dir: string;
let env: NodeJS.ProcessEnv;
let gatewayUrl: string;
let partnerId: string;
const keys = new Map<string, CryptoKey>();
const started = Date.now();
const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (line: string) => process.stdout.write(`[deploy] ${line}\n`);

/** docker-compose against podman's Docker API, with this test's project and override file. */
async function compose(...args: string[]): Promise<string> {
  const { stdout } = await run(
    join(ROOT, 'deploy/podman/compose.sh'),
    ['-p', PROJECT, '-f', 'docker-compose.yml', '-f', join(dir, 'override.yml'), ...args],
    { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 },
  );
  return stdout;
}

/** podman on partnerhub's own store (deploy/podman/env.sh). */
async function podman(...args: string[]): Promise<string> {
  const { stdout } = await run('bash', ['-c', '. deploy/podman/env.sh && exec podman "$@"', 'podman', ...args], {
    cwd: ROOT,
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

const container = (service: string) => `${PROJECT}_${service}_1`;

/**
 * podman 4.3 runs healthchecks from systemd timers, and these machines have
 * no systemd: run each container's own healthcheck (the one in
 * docker-compose.yml) at its interval (10 s) instead, so that `depends_on:
 * condition: service_healthy` works as it does under Docker.
 */
function healthTicker(): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const names = (
        await podman('ps', '--filter', `label=com.docker.compose.project=${PROJECT}`, '--format', '{{.Names}}').catch(() => '')
      )
        .split('\n')
        .filter(Boolean);
      await Promise.all(names.map((n) => podman('healthcheck', 'run', n).catch(() => undefined)));
      for (let i = 0; i < 20 && !stopped; i++) await sleep(500);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** `docker-compose up -d` with the healthchecks running, until compose is done; on failure, what each service says. */
async function up(...args: string[]): Promise<void> {
  const ticker = healthTicker();
  try {
    await compose('up', '-d', ...args);
  } catch (err) {
    for (const service of ['companies', 'clusters', 'partners', 'projects', 'registry']) {
      const ready = await podman('exec', container(service), 'node', '-e', READY_PROBE).catch((e: Error) => e.message);
      const logs = await podman('logs', '--tail', '5', container(service)).catch((e: Error) => e.message);
      log(`${service}: /ready ${ready.trim()}\n${logs.trim()}`);
    }
    throw err;
  } finally {
    await ticker.stop();
  }
}

/** The detailed /ready of a subgraph, from inside its container (with the operators' token). */
const READY_PROBE = `const port = Object.entries(process.env).find(([k]) => k.endsWith('_PORT'))[1];
fetch('http://127.0.0.1:' + port + '/ready', { headers: { authorization: 'Bearer ' + process.env.OPS_TOKEN } })
  .then(async (r) => console.log(r.status, await r.text()), (e) => console.log(e.message));`;

async function signedToken(org: string, roles = ['editor']): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'ES256', kid: `${org}-1`, typ: 'JWT' })
    .setIssuer(`https://id.${org}.deploytest.example`)
    .setAudience(AUDIENCE)
    .setSubject(`${org}-operator`)
    .setIssuedAt()
    .setExpirationTime('30m')
    .sign(keys.get(org)!);
}

async function mutate(org: string, query: string, variables: Record<string, unknown>) {
  const res = await graphql(gatewayUrl, query, variables, { token: await signedToken(org) });
  expect(res.errors, query).toBeUndefined();
  return res.data;
}

const ask = () => graphql(gatewayUrl, README_QUESTION);
/** Waits until the README's question answers in full and exactly as `before` did. */
const sameAnswerAgain = (before: Awaited<ReturnType<typeof ask>>) =>
  waitFor(
    'the full answer again',
    async () => {
      const res = await ask();
      return !res.errors && JSON.stringify(res.data) === JSON.stringify(before.data);
    },
    120_000,
    1_000,
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'partnerhub-deploytest-'));
  // The trust configuration of a deployment: each organisation's issuer and
  // its public keys (JWKS files mounted next to it), no development providers.
  mkdirSync(join(dir, 'keys'));
  const organisations = [];
  for (const o of ORGANISATIONS) {
    const pair = await generateKeyPair('ES256', { extractable: true });
    keys.set(o.id, pair.privateKey);
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: `${o.id}-1`, alg: 'ES256', use: 'sig' };
    writeFileSync(join(dir, 'keys', `${o.id}.json`), JSON.stringify({ keys: [jwk] }));
    organisations.push({
      ...o,
      issuer: `https://id.${o.id}.deploytest.example`,
      keys: { jwksFile: `/etc/partnerhub/keys/${o.id}.json` },
      audience: AUDIENCE,
      algorithms: ['ES256'],
      rolesClaim: 'roles',
    });
  }
  writeFileSync(join(dir, 'trust.json'), JSON.stringify({ organisations }, null, 2));
  // The keys folder beside the mounted trust configuration, in every service.
  const services = ['migrate', 'companies', 'clusters', 'partners', 'projects', 'registry', 'gateway'];
  writeFileSync(
    join(dir, 'override.yml'),
    `version: '3.8'\nservices:\n${services.map((s) => `  ${s}:\n    volumes:\n      - ${join(dir, 'keys')}:/etc/partnerhub/keys:ro\n`).join('')}`,
  );
  const port = await freePort();
  gatewayUrl = `http://127.0.0.1:${port}/graphql`;
  const secret = () => Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  env = {
    ...process.env,
    NODE_ENV: 'production',
    SEED_DEMO_DATA: 'false',
    HUB_TRUST_CONFIG_FILE: join(dir, 'trust.json'),
    GATEWAY_PUBLISHED_PORT: `127.0.0.1:${port}`,
    POSTGRES_PASSWORD: secret(),
    COMPANIES_DB_PASSWORD: secret(),
    CLUSTERS_DB_PASSWORD: secret(),
    PARTNERS_DB_PASSWORD: secret(),
    PROJECTS_DB_PASSWORD: secret(),
    REGISTRY_DB_PASSWORD: secret(),
    COMPANIES_OWNER_DB_PASSWORD: secret(),
    CLUSTERS_OWNER_DB_PASSWORD: secret(),
    PARTNERS_OWNER_DB_PASSWORD: secret(),
    PROJECTS_OWNER_DB_PASSWORD: secret(),
    REGISTRY_OWNER_DB_PASSWORD: secret(),
    // Production services answer /metrics and the detailed /ready only with it.
    OPS_TOKEN: secret() + secret(),
  };
  // A previous run that died leaves its containers and volume: start clean.
  await compose('down', '-v', '--remove-orphans').catch(() => undefined);
}, 120_000);

afterAll(async () => {
  if (env) await compose('down', '-v', '--remove-orphans').catch((e) => log(`down failed: ${e.message}`));
  if (dir) rmSync(dir, { recursive: true, force: true });
  log(`total ${elapsed(started)}`);
}, 180_000);

describe('the compose stack, built and run with podman', () => {
  it(
    'builds the base images and the image',
    async () => {
      let t = Date.now();
      const { stdout } = await run(join(ROOT, 'deploy/podman/base-images.sh'), [], { cwd: ROOT, env, timeout: 20 * 60_000 });
      log(`base images (${elapsed(t)}): ${stdout.trim().split('\n').join('; ')}`);
      t = Date.now();
      await run(join(ROOT, 'deploy/podman/build.sh'), ['--quiet'], { cwd: ROOT, env, timeout: 30 * 60_000, maxBuffer: 64 * 1024 * 1024 });
      const images = await podman('images', '--format', '{{.Repository}}:{{.Tag}} {{.Size}}', '--filter', 'reference=*partnerhub*');
      log(`image built from the Dockerfile (${elapsed(t)}); images: ${images.trim().split('\n').join(', ')}`);
      expect(images).toMatch(/partnerhub:latest/);
      expect(images).toMatch(/partnerhub-node:20/);
      expect(images).toMatch(/partnerhub-postgres:15/);
    },
    30 * 60_000,
  );

  it(
    'starts with the production settings and the gateway answers on its published port',
    async () => {
      const t = Date.now();
      await up();
      await waitFor(
        'the gateway on its published port',
        async () => (await fetch(gatewayUrl.replace('/graphql', '/ready'))).ok,
        120_000,
        1_000,
      );
      const ps = await podman('ps', '--filter', `label=com.docker.compose.project=${PROJECT}`, '--format', '{{.Names}} {{.Status}}');
      log(`docker-compose up (${elapsed(t)}):\n${ps.trim()}`);
      const env = JSON.parse(await podman('inspect', '--format', '{{json .Config.Env}}', container('companies'))) as string[];
      expect(env).toContain('NODE_ENV=production');
      expect(env).toContain('SEED_DEMO_DATA=false');
      // Production: nothing seeded, introspection off.
      const empty = await ask();
      expect(empty.errors).toBeUndefined();
      expect(empty.data.companyByEnterpriseNumber).toBeNull();
      const introspection = await graphql(gatewayUrl, '{ __schema { types { name } } }');
      expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    },
    10 * 60_000,
  );

  it("answers the README's question through the gateway, on data its owners entered with their own tokens", async () => {
    const { createCompany: company } = await mutate(
      'vlaams-brabant',
      `mutation ($input: CreateCompanyInput!) { createCompany(input: $input) { id } }`,
      {
        input: {
          enterpriseNumber: '0832.531.697',
          name: 'AquaNova Filtration',
          municipality: 'Leuven',
          postalCode: '3001',
          employees: 28,
          cleantechDomains: ['DRINKING_WATER', 'WATER_TREATMENT'],
          chinaStatus: 'ACTIVE',
        },
      },
    );
    await mutate('smart-hub', `mutation ($c: ID!) { addClusterMember(cluster: CLEANTECH, companyId: $c) { since } }`, { c: company.id });
    const { createPartner: partner } = await mutate(
      'chengdu',
      `mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { id } }`,
      {
        input: {
          creditCode: '115101810809267853',
          nameZh: '都江堰市水务局',
          nameEn: 'Dujiangyan Water Affairs Bureau',
          kind: 'GOVERNMENT',
          district: 'Dujiangyan',
          cleantechDomains: ['DRINKING_WATER', 'WATER_TREATMENT'],
          themes: ['LOCAL_GOVERNMENT'],
        },
      },
    );
    const { createProject: project } = await mutate(
      'vlaams-brabant',
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { title: 'Membrane filtration pilot in Dujiangyan', theme: 'FOREIGN_INVESTMENT', status: 'ACTIVE' } },
    );
    partnerId = partner.id;
    for (const who of [{ companyId: company.id }, { partnerId: partner.id }]) {
      await mutate(
        'vlaams-brabant',
        `mutation ($p: ID!, $companyId: ID, $partnerId: ID) { addProjectParticipant(projectId: $p, companyId: $companyId, partnerId: $partnerId) { id } }`,
        { p: project.id, ...who },
      );
    }
    await mutate('vlaams-brabant', `mutation ($input: ScheduleEventInput!) { scheduleEvent(input: $input) { id } }`, {
      input: {
        projectId: project.id,
        title: 'Site visit',
        kind: 'TRADE_MISSION',
        startsAt: '2027-03-15T09:00:00Z',
        location: 'Dujiangyan',
      },
    });

    const res = await ask();
    expect(res.errors).toBeUndefined();
    const c = res.data.companyByEnterpriseNumber;
    expect(c).toMatchObject({ name: 'AquaNova Filtration', municipality: 'Leuven', clusters: [{ code: 'CLEANTECH' }] });
    expect(c.suggestedPartners[0].partner.nameEn).toBe('Dujiangyan Water Affairs Bureau');
    expect(c.suggestedPartners[0].sharedDomains).toEqual(['DRINKING_WATER', 'WATER_TREATMENT']);
    expect(c.projects).toEqual([
      {
        title: 'Membrane filtration pilot in Dujiangyan',
        status: 'ACTIVE',
        partners: [{ nameZh: '都江堰市水务局' }],
        events: [{ title: 'Site visit', startsAt: '2027-03-15T09:00:00.000Z' }],
      },
    ]);
    log(`the README's question through ${gatewayUrl}:\n${JSON.stringify(res.data, null, 1)}`);
  }, 120_000);

  it(
    'keeps the data when the PostgreSQL container is replaced (named volume) and a subgraph restarts',
    async () => {
      const before = await ask();
      let t = Date.now();
      await compose('rm', '--stop', '--force', 'postgres');
      await up('--no-deps', 'postgres');
      await sameAnswerAgain(before);
      log(`PostgreSQL container replaced, same answer after ${elapsed(t)} (volume ${PROJECT}_pgdata)`);
      t = Date.now();
      await compose('restart', 'companies');
      await sameAnswerAgain(before);
      log(`companies restarted, same answer after ${elapsed(t)}`);
    },
    5 * 60_000,
  );

  it(
    "gives partial answers while a subgraph's container is killed, and full ones when it is back",
    async () => {
      await compose('kill', 'partners');
      const res = await waitFor(
        'a partial answer',
        async () => {
          const r = await ask();
          return r.errors?.some((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE') && r;
        },
        30_000,
        200,
      );
      expect(res.errors!.every((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE' && e.extensions?.serviceName === 'partners')).toBe(
        true,
      );
      // The README's question nulls the company (its partner lists are non-null); a question that
      // also asks the partner by id keeps what the live subgraphs answer.
      const partial = await graphql(
        gatewayUrl,
        `
          query ($p: ID!) {
            companyByEnterpriseNumber(enterpriseNumber: "BE 0832.531.697") {
              name
              clusters {
                code
              }
            }
            partner(id: $p) {
              nameEn
            }
          }
        `,
        { p: partnerId },
      );
      expect(partial.data.companyByEnterpriseNumber).toEqual({ name: 'AquaNova Filtration', clusters: [{ code: 'CLEANTECH' }] });
      expect(partial.data.partner).toBeNull();
      expect(partial.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['partner', 'SUBGRAPH_UNAVAILABLE']]);
      log(
        `partners killed: the README's question ${JSON.stringify(res.errors!.map((e) => [e.path?.join('.'), e.extensions?.code]))}; with a partner root field: ${JSON.stringify(partial)}`,
      );
      const t = Date.now();
      await up('--no-deps', 'partners');
      await waitFor('the full answer again', async () => !(await ask()).errors, 120_000, 1_000);
      log(`partners back, full answer after ${elapsed(t)}`);
    },
    5 * 60_000,
  );

  it(
    'stops cleanly: every container exits 0 within its grace period',
    async () => {
      const t = Date.now();
      await compose('stop');
      const exits = await podman(
        'ps',
        '-a',
        '--filter',
        `label=com.docker.compose.project=${PROJECT}`,
        '--format',
        '{{.Names}} {{.ExitCode}}',
      );
      log(`docker-compose stop (${elapsed(t)}): ${exits.trim().split('\n').join(', ')}`);
      const codes = exits
        .trim()
        .split('\n')
        .map((l) => l.split(' '));
      expect(codes).toHaveLength(8); // postgres, migrate (one shot, done long before), the five subgraphs, the gateway
      for (const [name, code] of codes) expect(code, name).toBe('0');
    },
    5 * 60_000,
  );
});

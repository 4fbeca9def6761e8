/**
 * Operations (issue 6) with real processes: the gateway and the subgraphs run
 * as separate `node` processes in production mode, the companies subgraph
 * reaches its database through a TCP proxy the test can cut.
 *
 * - the gateway starts while subgraphs are down and answers what it can;
 * - a subgraph that comes up later, or is killed and restarted, is served
 *   again without restarting the gateway;
 * - a subgraph fetch that hangs is cut at SUBGRAPH_TIMEOUT_MS;
 * - a subgraph whose database goes away answers errors, reports not ready and
 *   recovers by itself;
 * - access logs and request ids;
 * - SIGTERM during requests: they complete, the process exits 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, token, type GraphQLResponse } from '../helpers/hub';
import { blackHole, getJson, ProcessHub, sleep, waitFor } from '../helpers/processes';
import { enterpriseNumberFromBase } from '../../subgraphs/companies/validation/enterprise-number';

const TIMEOUT_MS = 3_000;
let hub: ProcessHub;
let hole: Awaited<ReturnType<typeof blackHole>>;
let companyId: string;
let editor: string;

const PARTIAL = `query Partial($id: ID!) {
  company(id: $id) { id name assessments { id } }
  cluster(code: CLEANTECH) { code name }
}`;

/** Errors reach clients as message + code: no stack, no SQL, no internal addresses. */
function expectClean(res: GraphQLResponse) {
  const text = JSON.stringify(res.errors ?? []);
  expect(text).not.toMatch(/stacktrace|\bat \S+ \(|QueryFailedError|SELECT |127\.0\.0\.1|localhost/);
}

function errorFrom(res: GraphQLResponse, subgraph: string) {
  return res.errors?.find((e) => e.extensions?.serviceName === subgraph);
}

beforeAll(async () => {
  hole = await blackHole();
  hub = await new ProcessHub({
    subgraphs: ['companies', 'clusters'],
    proxied: ['companies'],
    // partners: a server that accepts and never answers; projects: nothing listens.
    urlOverrides: { partners: `http://127.0.0.1:${hole.port}/graphql` },
    // The shutdown tests need six identical requests in flight at the subgraph at
    // once: merging in-flight fetches and the response cache would make them one.
    gatewayEnv: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS), SUBGRAPH_DEDUP: 'false', RESPONSE_CACHE: 'false' },
    env: { DB_POOL_SIZE: '10' }, // room for every request of the shutdown tests at once
  }).init();
  // The gateway starts alongside companies only: clusters, partners and projects are down.
  await Promise.all([hub.start('companies'), hub.start('gateway')]);
  editor = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'ops-editor' });
  const first = await graphql(hub.gatewayUrl, '{ companies(first: 1) { edges { node { id } } } }');
  companyId = first.data.companies.edges[0].node.id;
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  await hole?.close();
});

describe('partial failure at the gateway', () => {
  it('starts with subgraphs down and reports each one in /ready', async () => {
    const health = await getJson(hub.service('gateway').url + '/health');
    expect(health.status).toBe(200);
    const ready = await getJson(hub.service('gateway').url + '/ready', 10_000);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ service: 'gateway', ready: false, supergraph: 'loaded' });
    expect(ready.body.subgraphs.companies.status).toBe('up');
    expect(ready.body.subgraphs.clusters).toMatchObject({ status: 'down', error: 'connection refused' });
    expect(ready.body.subgraphs.projects.status).toBe('down');
    expect(ready.body.subgraphs.partners).toMatchObject({ status: 'down' });
  });

  it('answers the live fields; the missing ones are null with SUBGRAPH_UNAVAILABLE naming the subgraph', async () => {
    const res = await graphql(hub.gatewayUrl, PARTIAL, { id: companyId }, { token: editor });
    expect(res.status).toBe(200);
    expect(res.data.company).toMatchObject({ id: companyId, name: expect.any(String), assessments: null });
    expect(res.data.cluster).toBeNull();
    const clusters = errorFrom(res, 'clusters');
    expect(clusters).toMatchObject({ path: ['cluster'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'clusters' } });
    expect(clusters!.message).toMatch(/^The clusters subgraph is unavailable \(connection refused\)/);
    // An entity fetch (Company.assessments lives in projects) fails the same way.
    expect(errorFrom(res, 'projects')).toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
      message: expect.stringContaining('projects'),
    });
    expectClean(res);
  });

  it('cuts a subgraph that does not answer at SUBGRAPH_TIMEOUT_MS', async () => {
    const started = Date.now();
    const res = await graphql(
      hub.gatewayUrl,
      `
        query Hangs($id: ID!) {
          partner(id: "p-1") {
            id
          }
          company(id: $id) {
            id
          }
        }
      `,
      { id: companyId },
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 4_000);
    expect(res.data).toEqual({ partner: null, company: { id: companyId } });
    expect(errorFrom(res, 'partners')).toMatchObject({
      path: ['partner'],
      message: expect.stringContaining(`The partners subgraph is unavailable (no answer within ${TIMEOUT_MS} ms)`),
      extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
    });
    expectClean(res);
    // From here on nothing listens there: the other tests need not wait for it.
    await hole.close();
  });

  it('serves a subgraph that comes up later, without a gateway restart', async () => {
    const gatewayPid = hub.service('gateway').proc.pid;
    await hub.start('clusters');
    const res = await graphql(hub.gatewayUrl, PARTIAL, { id: companyId }, { token: editor });
    expect(res.data.cluster).toMatchObject({ code: 'CLEANTECH', name: expect.any(String) });
    expect(errorFrom(res, 'clusters')).toBeUndefined();
    expect(hub.service('gateway').proc.pid).toBe(gatewayPid);
    const ready = await getJson(hub.service('gateway').url + '/ready', 10_000);
    expect(ready.body.subgraphs.clusters.status).toBe('up');
  }, 120_000);

  it('keeps answering when a subgraph is killed, and serves it again once it is restarted', async () => {
    const exit = await hub.service('clusters').kill();
    expect(exit.signal).toBe('SIGKILL');
    const during = await graphql(hub.gatewayUrl, PARTIAL, { id: companyId }, { token: editor });
    expect(during.status).toBe(200);
    expect(during.data.company.id).toBe(companyId);
    expect(during.data.cluster).toBeNull();
    expect(errorFrom(during, 'clusters')?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect((await getJson(hub.service('gateway').url + '/ready', 10_000)).body.subgraphs.clusters.status).toBe('down');

    await hub.start('clusters');
    const after = await graphql(hub.gatewayUrl, PARTIAL, { id: companyId }, { token: editor });
    expect(after.data.cluster?.code).toBe('CLEANTECH');
    expect(hub.service('gateway').running).toBe(true);
  }, 120_000);
});

describe('database failure', () => {
  const QUERY = `query DbDown($id: ID!) { company(id: $id) { id name } cluster(code: FOOD) { code } }`;
  const CREATE = `mutation Create($input: CreateCompanyInput!) { createCompany(input: $input) { id } }`;
  const input = {
    enterpriseNumber: enterpriseNumberFromBase(9_990_001),
    name: 'Written while the database was down',
    municipality: 'Leuven',
    postalCode: '3000',
    employees: 3,
    cleantechDomains: ['WATER_TREATMENT'],
    chinaStatus: 'EXPLORING',
  };

  it('answers DATABASE_UNAVAILABLE without crashing or hanging, reports not ready, and recovers by itself', async () => {
    const companies = hub.service('companies');
    const proxy = hub.proxies.companies!;
    await proxy.cut();

    const started = Date.now();
    const res = await graphql(hub.gatewayUrl, QUERY, { id: companyId });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ company: null, cluster: { code: 'FOOD' } });
    expect(res.errors?.[0]).toMatchObject({
      path: ['company'],
      message: 'The companies database is unavailable right now: retry in a moment.',
      extensions: { code: 'DATABASE_UNAVAILABLE', serviceName: 'companies' },
    });
    expectClean(res);

    // A write that fails is not acknowledged and leaves nothing behind (checked after recovery).
    const write = await graphql(hub.gatewayUrl, CREATE, { input }, { token: editor });
    expect(write.data).toBeNull();
    expect(write.errors?.[0].extensions?.code).toBe('DATABASE_UNAVAILABLE');

    const ready = await getJson(companies.url + '/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ service: 'companies', ready: false, database: 'down' });
    const gatewayReady = await getJson(hub.service('gateway').url + '/ready', 10_000);
    expect(gatewayReady.body.subgraphs.companies).toMatchObject({ status: 'not ready', httpStatus: 503, database: 'down' });
    expect(companies.running).toBe(true);

    await proxy.restore();
    await companies.waitUntil('/ready', 30_000);
    const back = await graphql(hub.gatewayUrl, QUERY, { id: companyId });
    expect(back.errors).toBeUndefined();
    expect(back.data.company.id).toBe(companyId);
    const absent = await graphql(hub.gatewayUrl, `{ companyByEnterpriseNumber(enterpriseNumber: "${input.enterpriseNumber}") { id } }`);
    expect(absent.data.companyByEnterpriseNumber).toBeNull();
    // Same process all along: it recovered without a restart.
    expect(companies.running).toBe(true);
    expect(hub.history.filter((p) => p.name === 'companies')).toHaveLength(1);
    expect(companies.lines('database connection lost').length).toBeGreaterThan(0);
  }, 60_000);
});

describe('logs and request ids', () => {
  it('writes one JSON line per request per service, with the request id the gateway passed on and echoed', async () => {
    const requestId = `ops-test-${Date.now()}`;
    const res = await graphql(
      hub.gatewayUrl,
      PARTIAL.replace('query Partial', 'query LogProbe'),
      { id: companyId },
      {
        token: editor,
        headers: { 'x-request-id': requestId },
      },
    );
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const lineOf = (service: 'gateway' | 'companies' | 'clusters') =>
      waitFor(
        `${service} access log line`,
        async () =>
          hub.logsOf(service).filter((l) => l.msg === 'request' && l.requestId === requestId).length > 0 &&
          hub.logsOf(service).filter((l) => l.msg === 'request' && l.requestId === requestId),
      );
    const [gateway, companies, clusters] = await Promise.all([lineOf('gateway'), lineOf('companies'), lineOf('clusters')]);
    expect(gateway).toHaveLength(1);
    expect(gateway[0]).toMatchObject({
      service: 'gateway',
      operation: 'LogProbe',
      organisation: 'vlaams-brabant',
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(typeof gateway[0].time).toBe('string');
    expect(companies).toHaveLength(1);
    expect(companies[0]).toMatchObject({
      service: 'companies',
      organisation: 'vlaams-brabant',
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(companies[0].operation).toEqual(expect.any(String));
    expect(clusters).toHaveLength(1);

    // Without (or with a malformed) id, the gateway makes one up and returns it.
    const generated = await graphql(hub.gatewayUrl, '{ cluster(code: FOOD) { code } }', undefined, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    // The token never reaches any log of any process.
    const signature = editor.split('.')[2];
    for (const p of hub.history) expect(p.output.join('\n')).not.toContain(signature);
  });
});

describe('graceful shutdown', () => {
  const ONE = `query Slow($id: ID!) { company(id: $id) { id name } }`;

  /**
   * Starts `n` requests and resolves once the companies subgraph has sent the
   * SQL of every one of them: they are in flight in the subgraph (the database
   * answers slowly), not on their way to it.
   */
  async function inFlight(n: number) {
    const proxy = hub.proxies.companies!;
    const before = proxy.queriesFromClients;
    const requests = Array.from({ length: n }, () => graphql(hub.gatewayUrl, ONE, { id: companyId }));
    await waitFor('requests in flight', async () => proxy.queriesFromClients >= before + n, 10_000, 5);
    return requests;
  }

  it('SIGTERM on a subgraph: in-flight requests complete, the pool closes, exit 0', async () => {
    const proxy = hub.proxies.companies!;
    const companies = hub.service('companies');
    proxy.delayMs = 500;
    try {
      const requests = await inFlight(6);
      const signalled = Date.now();
      const exited = companies.stop('SIGTERM', 30_000);
      const responses = await Promise.all(requests);
      const exit = await exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeLessThan(10_000);
      for (const r of responses) {
        expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
        expect(r.data.company.id).toBe(companyId);
      }
      expect(companies.lines('shutting down')).toHaveLength(1);
      expect(companies.lines('stopped')).toHaveLength(1);
    } finally {
      proxy.delayMs = 0;
    }

    // Gone: the gateway says so, and serves it again after a restart.
    const gone = await graphql(hub.gatewayUrl, ONE, { id: companyId });
    expect(errorFrom(gone, 'companies')?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    await hub.start('companies');
    expect((await graphql(hub.gatewayUrl, ONE, { id: companyId })).data.company.id).toBe(companyId);
  }, 90_000);

  it('SIGTERM on the gateway: in-flight requests complete, exit 0', async () => {
    if (!hub.service('companies').running) await hub.start('companies'); // whatever the test before left
    const proxy = hub.proxies.companies!;
    const gateway = hub.service('gateway');
    proxy.delayMs = 500;
    let responses: GraphQLResponse[];
    try {
      const requests = await inFlight(6);
      const exited = gateway.stop('SIGTERM', 30_000);
      responses = await Promise.all(requests);
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      proxy.delayMs = 0;
    }
    for (const r of responses) {
      expect(r.status).toBe(200);
      expect(r.data.company.id).toBe(companyId);
    }
    // Every process this file started stopped on request: none crashed.
    await sleep(50);
    for (const p of hub.history.filter((p) => p.exit)) {
      expect([0, null], p.tail()).toContain(p.exit!.code);
    }
  }, 60_000);
});

/**
 * Slow clients and the operational endpoints (issue 12, item 6), on real
 * service processes in production mode:
 *
 * - a client that sends half its headers, or half its body, gets 408 and the
 *   connection closed after HTTP_HEADERS_TIMEOUT_MS / HTTP_REQUEST_TIMEOUT_MS
 *   (raw sockets; the measured times are printed); an idle kept-alive
 *   connection is not cut by those timeouts;
 * - with OPS_TOKEN, `/metrics` and the detailed `/ready` need the bearer token
 *   (401 otherwise), a plain `/ready` answers its status only, and the gateway
 *   passes the token on to read the subgraphs' details;
 * - production without OPS_TOKEN: closed (401) and a warning at start;
 *   development without it: open.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPS_TOKEN, ProcessHub, type ServiceProcess } from '../helpers/processes';

const HEADERS_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 4_000;
let hub: ProcessHub;
let closedProd: ServiceProcess; // production, no OPS_TOKEN
let openDev: ServiceProcess; // development, no OPS_TOKEN

beforeAll(async () => {
  hub = await new ProcessHub({
    subgraphs: ['companies', 'clusters', 'partners'],
    env: { HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  }).init();
  expect(hub.env).toMatchObject({ NODE_ENV: 'production', OPS_TOKEN });
  [, , closedProd, openDev] = await Promise.all([
    hub.start('companies'),
    hub.start('gateway'),
    hub.start('clusters', { OPS_TOKEN: '' }),
    hub.start('partners', { OPS_TOKEN: '', NODE_ENV: 'development' }),
  ]);
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

/** What a raw client sees: everything the server sent, and how long until it closed the connection. */
function rawExchange(port: number, chunks: string[], pauseMs = 0): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let text = '';
    const socket = net.connect(port, '127.0.0.1', async () => {
      for (const chunk of chunks) {
        socket.write(chunk);
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
    });
    socket.setEncoding('utf8');
    socket.on('data', (d) => (text += d));
    socket.on('error', () => {}); // a reset after the answer counts as closed
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started }));
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection for 30 s; received: ${text}`));
    }, 30_000);
  });
}

function statusOf(text: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
}

describe('slow clients', () => {
  const body = JSON.stringify({ query: '{ __typename }' });

  for (const name of ['gateway', 'companies'] as const) {
    it(`${name}: half the headers, then nothing: 408 and closed after the headers timeout`, async () => {
      const { text, closedAfterMs } = await rawExchange(hub.ports[name], [`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Ty`]);
      console.log(`[ops-endpoints] ${name}: half headers closed after ${closedAfterMs} ms (HTTP_HEADERS_TIMEOUT_MS=${HEADERS_TIMEOUT_MS})`);
      expect(statusOf(text), text).toBe(408);
      expect(text).toMatch(/"code":"BAD_REQUEST"/);
      expect(closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
      expect(closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 10_000);
    }, 40_000);

    it(`${name}: headers trickled in under the headers timeout still hit it`, async () => {
      // One header line every 400 ms: each chunk resets no timer.
      const lines = [
        'POST /graphql HTTP/1.1\r\n',
        'Host: x\r\n',
        'X-A: 1\r\n',
        'X-B: 2\r\n',
        'X-C: 3\r\n',
        'X-D: 4\r\n',
        'X-E: 5\r\n',
        'X-F: 6\r\n',
      ];
      const { text, closedAfterMs } = await rawExchange(hub.ports[name], lines, 400);
      console.log(`[ops-endpoints] ${name}: trickled headers closed after ${closedAfterMs} ms`);
      expect(statusOf(text), text).toBe(408);
      expect(closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 10_000);
    }, 40_000);

    it(`${name}: full headers, half the body, then nothing: 408 and closed after the request timeout`, async () => {
      const head = `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
      const { text, closedAfterMs } = await rawExchange(hub.ports[name], [head + body.slice(0, 10)]);
      console.log(`[ops-endpoints] ${name}: half body closed after ${closedAfterMs} ms (HTTP_REQUEST_TIMEOUT_MS=${REQUEST_TIMEOUT_MS})`);
      expect(statusOf(text), text).toBe(408);
      expect(closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
      expect(closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 10_000);
      expect(hub.service(name).running).toBe(true);
    }, 40_000);
  }

  it('an idle kept-alive connection is not a slow request: a second request after the timeouts is answered', async () => {
    const request = `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const answers: string[] = [];
    const socket = net.connect(hub.ports.companies, '127.0.0.1');
    socket.setEncoding('utf8');
    let buffer = '';
    socket.on('data', (d) => {
      buffer += d;
      if (buffer.includes('"__typename"')) {
        answers.push(buffer);
        buffer = '';
      }
    });
    await new Promise((r) => socket.once('connect', r));
    socket.write(request);
    await new Promise((r) => setTimeout(r, 300));
    await new Promise((r) => setTimeout(r, REQUEST_TIMEOUT_MS + 1_500)); // idle, longer than both timeouts
    socket.write(request);
    await new Promise((r) => setTimeout(r, 1_500));
    socket.destroy();
    expect(answers).toHaveLength(2);
    for (const a of answers) expect(statusOf(a)).toBe(200);
  }, 20_000);
});

describe('operational endpoints with OPS_TOKEN (production)', () => {
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  for (const name of ['gateway', 'companies'] as const) {
    it(`${name}: /metrics needs the token`, async () => {
      const url = `${hub.service(name).url}/metrics`;
      for (const headers of [{}, auth('wrong'), { authorization: OPS_TOKEN }]) {
        const res = await fetch(url, { headers });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
        expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      const ok = await fetch(url, { headers: auth(OPS_TOKEN) });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/^# HELP /m);
    });

    it(`${name}: a plain /ready answers its status only; the details need the token`, async () => {
      const url = `${hub.service(name).url}/ready`;
      const plain = await fetch(url);
      const status = plain.status;
      expect([200, 503]).toContain(status);
      expect(await plain.json()).toEqual({ service: name, ready: status === 200 });
      expect((await fetch(url, { headers: auth('wrong') })).status).toBe(401);
      const detailed = await fetch(url, { headers: auth(OPS_TOKEN) });
      expect(detailed.status).toBe(status);
      const body = await detailed.json();
      expect(Object.keys(body).length).toBeGreaterThan(2);
    });
  }

  it("the gateway's detailed /ready has the subgraphs' own details: it passes the token on", async () => {
    const res = await fetch(`${hub.service('gateway').url}/ready`, { headers: auth(OPS_TOKEN) });
    const body = await res.json();
    expect(body.subgraphs.companies).toMatchObject({ status: 'up' });
    // projects is not running: down, with the reason, seen only with the token.
    expect(body.subgraphs.projects).toMatchObject({ status: 'down', error: 'connection refused' });
  });
});

describe('operational endpoints without OPS_TOKEN', () => {
  it('production: closed (401), a plain /ready still answers, and the service warned at start', async () => {
    const metrics = await fetch(`${closedProd.url}/metrics`);
    expect(metrics.status).toBe(401);
    expect((await metrics.json()).errors[0].message).toMatch(/set OPS_TOKEN/);
    // No token is right when none is configured.
    expect((await fetch(`${closedProd.url}/metrics`, { headers: { authorization: 'Bearer ' } })).status).toBe(401);
    expect((await fetch(`${closedProd.url}/ready`, { headers: { authorization: `Bearer ${OPS_TOKEN}` } })).status).toBe(401);
    const ready = await fetch(`${closedProd.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ service: 'clusters', ready: true });
    const warning = closedProd.logs.find((l) => /OPS_TOKEN is not set/.test(l.msg));
    expect(warning).toMatchObject({ level: 40, service: 'clusters' });
    expect(hub.service('companies').logs.find((l) => /OPS_TOKEN is not set/.test(l.msg))).toBeUndefined();
  });

  it('development: open, details and metrics without a token', async () => {
    const metrics = await fetch(`${openDev.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/hub_/);
    const ready = await (await fetch(`${openDev.url}/ready`)).json();
    expect(ready).toMatchObject({ service: 'partners', ready: true, database: 'up', migrationsPending: false, privilegesMissing: [] });
  });
});

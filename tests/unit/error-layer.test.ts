import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError, requestErrorsPlugin } from '../../platform/errors';
import { createHttpApp, listen, serveGraphql, type Listening } from '../../platform/http';
import { ServiceMetrics } from '../../platform/metrics';

/**
 * The error layer on its own, on a throwaway schema: internal errors reach
 * the log with the request id and reach the client masked; what escapes an
 * HTTP handler is a JSON 500, not express's page.
 */
const lines: Record<string, any>[] = [];
const log = pino(
  { level: 'info' },
  new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  }),
);
let listening: Listening;
let apollo: ApolloServer<{ requestId: string }>;

beforeAll(async () => {
  const app = createHttpApp({ service: 'probe', log, metrics: new ServiceMetrics('probe'), ready: async () => ({ ready: true }) });
  app.post('/boom', () => {
    throw new Error('secret detail at /srv/app/boom.ts:12');
  });
  listening = await listen(app, '127.0.0.1', 0);
  apollo = new ApolloServer<{ requestId: string }>({
    typeDefs: 'type Query { ok: String, broken: String }',
    resolvers: {
      Query: {
        ok: () => 'ok',
        broken: () => {
          throw new Error('relation "secret_table" does not exist');
        },
      },
    },
    formatError: formatError(),
    plugins: [requestErrorsPlugin(log)],
  });
  await apollo.start();
  serveGraphql(app, expressMiddleware(apollo, { context: async ({ res }) => ({ requestId: String(res.getHeader('x-request-id')) }) }), {
    bodyLimit: '1kb',
    responseLimit: 1024 * 1024,
    log,
  });
});
afterAll(async () => {
  await apollo?.stop();
  await new Promise((r) => listening?.server.close(r));
});

describe('the error layer', () => {
  it('logs an internal error with the request id and answers it masked', async () => {
    const res = await fetch(`${listening.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
      body: JSON.stringify({ query: '{ ok broken }' }),
    });
    const body = await res.json();
    expect(body.data).toEqual({ ok: 'ok', broken: null });
    expect(body.errors[0]).toMatchObject({
      message: 'Internal server error. The incident was logged.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(body)).not.toMatch(/secret/);
    const logged = lines.find((l) => l.msg === 'internal error' && l.requestId === 'req-42');
    expect(logged?.err?.message).toMatch(/secret_table/);
    expect(logged?.path).toEqual(['broken']);
  });

  it('does not log client errors as internal ones', async () => {
    const before = lines.filter((l) => l.msg === 'internal error').length;
    const res = await fetch(`${listening.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    expect(res.status).toBe(400);
    expect(lines.filter((l) => l.msg === 'internal error').length).toBe(before);
  });

  it('answers what escapes an HTTP handler as a JSON 500, logged with the request id', async () => {
    const res = await fetch(`${listening.url}/boom`, { method: 'POST', headers: { 'x-request-id': 'req-43' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/json/);
    const text = await res.text();
    expect(text).not.toMatch(/secret|boom\.ts|<html/i);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(lines.find((l) => l.msg === 'internal error' && l.requestId === 'req-43')?.err?.message).toMatch(/secret detail/);
  });

  it('answers a body over the limit and an unknown path in JSON', async () => {
    const big = await fetch(`${listening.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ok }', variables: { pad: 'x'.repeat(2000) } }),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const missing = await fetch(`${listening.url}/elsewhere`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRouter } from '../../gateway/dashboard';
import { developmentTrustConfig } from '../../scripts/identity/development';
import { parseTrustConfig } from '../../platform/trust';

const trust = parseTrustConfig(developmentTrustConfig({ origin: 'http://127.0.0.1:4010' }), 'trust.json', '.');

/** The gateway's web routes on their own: the dashboard always, the explorer only outside production. */
async function serve(env: 'development' | 'production'): Promise<{ url: string; server: Server }> {
  const app = express();
  app.use(webRouter({ env, trust }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('web routes', () => {
  let dev: { url: string; server: Server };
  let prod: { url: string; server: Server };
  beforeAll(async () => {
    dev = await serve('development');
    prod = await serve('production');
  });
  afterAll(() => {
    dev.server.close();
    prod.server.close();
  });

  it('serves the dashboard and its local libraries, with a strict content security policy', async () => {
    for (const { url } of [dev, prod]) {
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await page.text();
      expect(html).not.toMatch(/https?:\/\//); // no CDN
      for (const asset of [
        '/dashboard/app.js',
        '/dashboard/api.js',
        '/dashboard/i18n.js',
        '/dashboard/style.css',
        '/vendor/chart.umd.min.js',
      ]) {
        const res = await fetch(`${url}${asset}`);
        expect(res.status, asset).toBe(200);
        await res.arrayBuffer();
      }
    }
  });

  it('tells the dashboard how to sign in with each organisation, and lets it reach the issuers', async () => {
    const res = await fetch(`${dev.url}/sign-in.json`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { organisations: Record<string, unknown>[] };
    expect(body.organisations.map((o) => [o.id, o.issuer, o.clientId, o.scope, o.resource])).toEqual(
      ['vlaams-brabant', 'smart-hub', 'chengdu'].map((id) => [
        id,
        `http://127.0.0.1:4010/${id}`,
        'partnerhub-dashboard',
        'openid',
        'urn:partnerhub',
      ]),
    );
    const csp = (await fetch(`${dev.url}/`)).headers.get('content-security-policy');
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4010;");
  });

  it('serves GraphiQL at /explorer in development, and answers 404 in production', async () => {
    const page = await fetch(`${dev.url}/explorer`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/vendor/graphiql.min.js');
    for (const asset of [
      '/explorer/explorer.js',
      '/vendor/graphiql.min.js',
      '/vendor/graphiql.min.css',
      '/vendor/react.production.min.js',
      '/vendor/react-dom.production.min.js',
    ]) {
      const res = await fetch(`${dev.url}${asset}`);
      expect(res.status, asset).toBe(200);
      await res.arrayBuffer();
    }
    for (const path of ['/explorer', '/explorer/', '/explorer/explorer.js', '/vendor/graphiql.min.js', '/vendor/react.production.min.js']) {
      const res = await fetch(`${prod.url}${path}`);
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });

  it('serves nothing else from the repository or node_modules', async () => {
    for (const path of [
      '/dashboard/../package.json',
      '/dashboard/%2e%2e/package.json',
      '/vendor/package.json',
      '/node_modules/chart.js/package.json',
      '/web/dashboard/app.js',
    ]) {
      const res = await fetch(`${dev.url}${path}`);
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });
});

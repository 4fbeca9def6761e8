import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fromRoot } from '../platform/paths';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GatewayConfig } from './config';
import type { Logger } from '../platform/logger';
import type { TrustConfig } from '../platform/trust';

/**
 * The web pages the gateway serves beside /graphql:
 *
 * - `/`          the dashboard (web/dashboard): plain ES modules, no build step,
 *                talking only to /graphql like any other client;
 * - `/explorer`  GraphiQL for development (web/explorer), off (404) when
 *                NODE_ENV=production (graphiql, react and react-dom are
 *                development dependencies);
 * - `/vendor/*`  the few browser libraries they use, served from node_modules
 *                (the machines have no internet: no CDN);
 * - `/sign-in.json` how a browser signs in with each organisation's identity
 *                provider (authorization code + PKCE), from the trust
 *                configuration: issuer, public client id, scope, resource.
 *
 * Only the files listed here are served from node_modules, never the folder.
 */

/** Browser builds the pages load, by public name. */
const VENDOR: Record<string, { module: string; file: string; explorerOnly?: boolean }> = {
  'chart.umd.min.js': { module: 'chart.js', file: 'dist/chart.umd.min.js' },
  'react.production.min.js': { module: 'react', file: 'umd/react.production.min.js', explorerOnly: true },
  'react-dom.production.min.js': { module: 'react-dom', file: 'umd/react-dom.production.min.js', explorerOnly: true },
  'graphiql.min.js': { module: 'graphiql', file: 'graphiql.min.js', explorerOnly: true },
  'graphiql.min.css': { module: 'graphiql', file: 'graphiql.min.css', explorerOnly: true },
};

/** The folder of an installed package (found from its entry point: not every package exports package.json). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`Cannot find the folder of package ${name}`);
    dir = up;
  }
  return dir;
}

/** `web/` at the repository root. */
export function webRoot(): string {
  const web = fromRoot('web');
  if (!existsSync(join(web, 'dashboard', 'index.html'))) throw new Error(`web/dashboard/index.html not found in ${web}`);
  return web;
}

/** The pages' CSP; `connect` adds the origins the dashboard may fetch from (the issuers' discovery and token endpoints). */
function dashboardCsp(connect: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Chart.js sizes its canvas through style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connect].join(' '),
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The sign-in settings of every organisation that has them, for the dashboard. */
export function signInSettings(trust: TrustConfig) {
  return {
    organisations: trust.organisations.flatMap((o) =>
      o.signIn
        ? [
            {
              id: o.id,
              name: o.name,
              jurisdiction: o.jurisdiction,
              issuer: o.issuer,
              clientId: o.signIn.clientId,
              scope: o.signIn.scope,
              resource: o.signIn.resource ?? null,
            },
          ]
        : [],
    ),
  };
}

function securityHeaders(csp: string) {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  };
}

/** GraphiQL, React and ReactDOM are development dependencies: an image built without them has no explorer. */
function explorerInstalled(): boolean {
  try {
    for (const { module, explorerOnly } of Object.values(VENDOR)) if (explorerOnly) packageDir(module);
    return true;
  } catch {
    return false;
  }
}

export function webRouter(config: Pick<GatewayConfig, 'env' | 'trust'>, log?: Pick<Logger, 'warn'>): express.Router {
  const root = webRoot();
  const signIn = signInSettings(config.trust);
  const CSP_DASHBOARD = dashboardCsp([...new Set(signIn.organisations.map((o) => new URL(o.issuer).origin))]);
  // GraphiQL (CodeMirror) injects styles and uses web workers from blobs.
  const CSP_EXPLORER = dashboardCsp([]).replace("script-src 'self'", "script-src 'self' 'unsafe-eval'") + "; worker-src 'self' blob:";
  let explorer = config.env !== 'production';
  if (explorer && !explorerInstalled()) {
    log?.warn('the GraphQL explorer is off: graphiql, react and react-dom are not installed (npm ci without --omit=dev)');
    explorer = false;
  }
  const router = express.Router();
  const own = { maxAge: 0, index: false, etag: true, lastModified: true } as const;

  router.get(['/', '/index.html'], securityHeaders(CSP_DASHBOARD), (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(root, 'dashboard', 'index.html'));
  });
  router.use('/dashboard', securityHeaders(CSP_DASHBOARD), express.static(join(root, 'dashboard'), own));
  router.get('/sign-in.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json(signIn);
  });

  for (const [name, { module, file, explorerOnly }] of Object.entries(VENDOR)) {
    if (explorerOnly && !explorer) continue;
    const path = join(packageDir(module), file);
    router.get(`/vendor/${name}`, (_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.sendFile(path);
    });
  }

  if (explorer) {
    router.get(['/explorer', '/explorer/'], securityHeaders(CSP_EXPLORER), (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(root, 'explorer', 'index.html'));
    });
    router.use('/explorer', securityHeaders(CSP_EXPLORER), express.static(join(root, 'explorer'), own));
  }
  return router;
}

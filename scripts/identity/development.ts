/**
 * The development trust configuration: the organisations of the committed
 * example (deploy/trust.example.json: ids, names, jurisdictions, data sets),
 * each bound to its own development provider under `origin`
 * (`http://127.0.0.1:4010/<org>`). `npm start`, the bench and the test hubs
 * write it; the services read it like any trust configuration.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fromRoot } from '../../platform/paths';
import { DASHBOARD_CLIENT_ID } from './provider';
import { SIGNING_ALG } from './keys';

export const EXAMPLE_TRUST_CONFIG = fromRoot('deploy', 'trust.example.json');
/** The audience (and RFC 8707 resource indicator) of development tokens. */
export const DEVELOPMENT_AUDIENCE = 'urn:partnerhub';

interface ExampleOrganisation {
  id: string;
  name: string;
  jurisdiction: string;
  dataSets?: string[];
}

export interface DevelopmentTrustOptions {
  /** Scheme, host and port of the identity service. */
  origin: string;
  /** Key-cache policy, in seconds (tests shorten it to show rotation quickly). */
  keyCache?: { maxAgeSeconds?: number; cooldownSeconds?: number; timeoutSeconds?: number };
  /** More organisations, or replacements by id (a test's external issuer). */
  extra?: Record<string, unknown>[];
}

export function developmentTrustConfig(options: DevelopmentTrustOptions): { organisations: Record<string, unknown>[]; keyCache: object } {
  const example = JSON.parse(readFileSync(EXAMPLE_TRUST_CONFIG, 'utf8')) as { organisations: ExampleOrganisation[] };
  const replaced = new Set((options.extra ?? []).map((o) => o.id));
  const organisations = example.organisations
    .filter((o) => !replaced.has(o.id))
    .map((o) => {
      const issuer = `${options.origin}/${o.id}`;
      return {
        id: o.id,
        name: o.name,
        jurisdiction: o.jurisdiction,
        issuer,
        keys: { jwksUrl: `${issuer}/jwks` },
        audience: DEVELOPMENT_AUDIENCE,
        algorithms: [SIGNING_ALG],
        rolesClaim: 'roles',
        dataSets: o.dataSets ?? [],
        signIn: { clientId: DASHBOARD_CLIENT_ID, scope: 'openid', resource: DEVELOPMENT_AUDIENCE },
      };
    });
  return {
    organisations: [...organisations, ...(options.extra ?? [])],
    keyCache: { maxAgeSeconds: 60, cooldownSeconds: 1, timeoutSeconds: 5, ...options.keyCache },
  };
}

/** Writes the development trust configuration to `path`; returns the path. */
export function writeDevelopmentTrustConfig(path: string, options: DevelopmentTrustOptions): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(developmentTrustConfig(options), null, 2)}\n`);
  return path;
}

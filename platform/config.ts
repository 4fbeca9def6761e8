/**
 * Reading the environment: the typed readers every config loader uses, and the
 * settings every process shares. Each service's own settings are loaded beside
 * its code (subgraphs/kit/config.ts, gateway/config.ts, scripts/…/config.ts);
 * those loaders are the only code that reads process.env. Every loader takes
 * the environment explicitly, so tests and the launcher can build configs
 * without touching process.env.
 */
import { ORGANISATION_IDS } from './organisations';
import { DEFAULT_PORTS, envKey, SUBGRAPH_NAMES, type Env, type SubgraphName } from './services';

export type { Env };

export class ConfigError extends Error {}

/** A required value, or `fallback`. */
export function str(env: Env, key: string, fallback?: string): string {
  const v = env[key];
  if (v !== undefined && v !== '') return v;
  if (fallback === undefined) throw new ConfigError(`${key} is required`);
  return fallback;
}

export function optional(env: Env, key: string): string | undefined {
  const v = env[key];
  return v === undefined || v === '' ? undefined : v;
}

export function int(env: Env, key: string, fallback: number, min = 0, max = 65535): number {
  const raw = optional(env, key);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${key} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

export function bool(env: Env, key: string, fallback: boolean): boolean {
  const raw = optional(env, key);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${key} must be true or false, got "${raw}"`);
}

export function url(env: Env, key: string, fallback?: string): string {
  const value = str(env, key, fallback);
  try {
    new URL(value);
  } catch {
    throw new ConfigError(`${key} must be a URL, got "${value}"`);
  }
  return value;
}

export interface AuthConfig {
  /** HS256 secret for development tokens; unset when only JWKS is used. */
  jwtSecret?: string;
  /** JWKS URL for RS256/ES256 production tokens. */
  jwksUrl?: string;
  /** Expected `iss`/`aud` claims, checked when set. */
  issuer?: string;
  audience?: string;
  /** Known organisation ids; a token naming another is rejected. */
  organisations: string[];
}

/** What every service process needs: mode, address, logging, token rules. */
export interface CommonConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  logLevel: string;
  auth: AuthConfig;
}

export function loadAuthConfig(env: Env): AuthConfig {
  const organisations = str(env, 'HUB_ORGANISATIONS', ORGANISATION_IDS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const org of organisations) {
    if (!/^[a-z][a-z0-9-]{1,62}$/.test(org)) {
      throw new ConfigError(`HUB_ORGANISATIONS: "${org}" is not a valid organisation id (lower case, digits, dashes)`);
    }
  }
  const jwtSecret = optional(env, 'HUB_JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('HUB_JWT_SECRET must be at least 32 characters');
  }
  const jwksUrl = optional(env, 'HUB_JWKS_URL') === undefined ? undefined : url(env, 'HUB_JWKS_URL');
  return {
    jwtSecret,
    jwksUrl,
    issuer: optional(env, 'HUB_JWT_ISSUER'),
    audience: optional(env, 'HUB_JWT_AUDIENCE'),
    organisations,
  };
}

export function loadCommonConfig(env: Env): CommonConfig {
  const nodeEnv = str(env, 'NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  return {
    env: nodeEnv as CommonConfig['env'],
    host: str(env, 'HOST', '127.0.0.1'),
    logLevel: str(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info'),
    auth: loadAuthConfig(env),
  };
}

/** Where each subgraph's GraphQL endpoint is (`COMPANIES_URL`, …). */
export function loadSubgraphUrls(env: Env): Record<SubgraphName, string> {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [n, url(env, envKey(n, 'URL'), `http://localhost:${DEFAULT_PORTS[n]}/graphql`)]),
  ) as Record<SubgraphName, string>;
}

/**
 * Reading the environment: the typed readers every config loader uses, and the
 * settings every process shares. Each service's own settings are loaded beside
 * its code (subgraphs/kit/config.ts, gateway/config.ts, scripts/…/config.ts);
 * those loaders are the only code that reads process.env. Every loader takes
 * the environment explicitly, so tests and the launcher can build configs
 * without touching process.env.
 */
import { readTrustConfig, TrustConfigError, type TrustConfig } from './trust';
import type { TracingConfig } from './tracing';
import { DEFAULT_PORTS, envKey, SUBGRAPH_NAMES, type Env, type SubgraphName } from './services';

export type { Env };

export class ConfigError extends Error {}

/**
 * An entry point's configuration, or a one-line error and exit 1: a service
 * given a wrong or retired setting stops at once and says which.
 */
export function loadOrExit<T>(service: string, load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${service}: configuration error: ${err.message}\n`);
    process.exit(1);
  }
}

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

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i;
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** A size in bytes, written as bytes or with a unit as express's body limits are (`512kb`, `4mb`). */
export function size(env: Env, key: string, fallback: string): number {
  const raw = optional(env, key) ?? fallback;
  const m = SIZE.exec(raw.trim());
  const n = m ? Math.floor(Number(m[1]) * SIZE_UNITS[(m[2] ?? 'b').toLowerCase()]) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new ConfigError(`${key} must be a size such as 4mb, 512kb or 1048576, got "${raw}"`);
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

/** What every service process needs: mode, address, logging, tracing, the trust configuration, the HTTP shell's settings. */
export interface CommonConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  logLevel: string;
  tracing: TracingConfig;
  trust: TrustConfig;
  /** Slow clients: how long the headers, and the whole request, may take to arrive (platform/http.ts `listen`). */
  http: HttpTimeouts;
  /**
   * Bearer token for `/metrics` and the detailed `/ready` (OPS_TOKEN). Unset:
   * open in development and test, refused in production (platform/http.ts).
   */
  opsToken?: string;
  /** How long a verified token counts as verified (platform/auth.ts, TokenVerifier). */
  tokenCacheMs: number;
}

export interface HttpTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/**
 * OpenTelemetry export (platform/tracing.ts): on when OTEL_EXPORTER_OTLP_ENDPOINT
 * names an OTLP/HTTP collector, off otherwise. OTEL_TRACES_SAMPLER_ARG is the
 * fraction of new traces recorded (default 1: all).
 */
export function loadTracingConfig(env: Env): TracingConfig {
  const endpoint = optional(env, 'OTEL_EXPORTER_OTLP_ENDPOINT') === undefined ? undefined : url(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const rawRatio = optional(env, 'OTEL_TRACES_SAMPLER_ARG');
  const sampleRatio = rawRatio === undefined ? 1 : Number(rawRatio);
  if (!Number.isFinite(sampleRatio) || sampleRatio < 0 || sampleRatio > 1) {
    throw new ConfigError(`OTEL_TRACES_SAMPLER_ARG must be a number between 0 and 1, got "${rawRatio}"`);
  }
  return { endpoint, sampleRatio };
}

/**
 * Version 1's token settings. Version 2 verifies each organisation's tokens
 * against its own issuer (the trust configuration), so a process that is
 * still given one of these refuses to start instead of silently ignoring it.
 */
export const RETIRED_VARIABLES = ['HUB_ORGANISATIONS', 'HUB_JWT_SECRET', 'HUB_JWKS_URL', 'HUB_JWT_ISSUER', 'HUB_JWT_AUDIENCE'];

/** Refuses the environment when it still sets a version-1 token variable. */
export function refuseRetired(env: Env): void {
  const retired = RETIRED_VARIABLES.filter((key) => optional(env, key) !== undefined);
  if (retired.length) {
    throw new ConfigError(
      `${retired.join(', ')} ${retired.length > 1 ? 'are' : 'is'} no longer read: every organisation's tokens are verified against ` +
        'its own issuer, listed in the trust configuration file named by HUB_TRUST_CONFIG (see docs/trust.md). Remove ' +
        `${retired.length > 1 ? 'them' : 'it'} from the environment.`,
    );
  }
}

/** The trust configuration file named by HUB_TRUST_CONFIG, read and checked. */
export function loadTrustConfig(env: Env): TrustConfig {
  refuseRetired(env);
  const path = optional(env, 'HUB_TRUST_CONFIG');
  if (path === undefined) {
    throw new ConfigError(
      'HUB_TRUST_CONFIG is required: the path of the trust configuration file (organisations, their token issuers and keys; ' +
        'example: deploy/trust.example.json, see docs/trust.md). `npm start` writes a development one.',
    );
  }
  try {
    return readTrustConfig(path);
  } catch (err) {
    if (err instanceof TrustConfigError) throw new ConfigError(`HUB_TRUST_CONFIG ${err.message}`);
    throw err;
  }
}

export function loadCommonConfig(env: Env): CommonConfig {
  const nodeEnv = str(env, 'NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  return {
    env: nodeEnv as CommonConfig['env'],
    host: str(env, 'HOST', '127.0.0.1'),
    logLevel: logLevel(env),
    tracing: loadTracingConfig(env),
    trust: loadTrustConfig(env),
    http: loadHttpTimeouts(env),
    opsToken: optional(env, 'OPS_TOKEN'),
    tokenCacheMs: int(env, 'TOKEN_CACHE_MS', 1000, 0, 60_000),
  };
}

export function loadHttpTimeouts(env: Env): HttpTimeouts {
  const headersTimeoutMs = int(env, 'HTTP_HEADERS_TIMEOUT_MS', 5_000, 1_000, 600_000);
  const requestTimeoutMs = int(env, 'HTTP_REQUEST_TIMEOUT_MS', 10_000, 1_000, 3_600_000);
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError(
      `HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs}) must not be shorter than HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs})`,
    );
  }
  return { headersTimeoutMs, requestTimeoutMs };
}

/** Where each subgraph's GraphQL endpoint is (`COMPANIES_URL`, …). */
export function loadSubgraphUrls(env: Env): Record<SubgraphName, string> {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [n, url(env, envKey(n, 'URL'), `http://localhost:${DEFAULT_PORTS[n]}/graphql`)]),
  ) as Record<SubgraphName, string>;
}

/** LOG_LEVEL: silent under NODE_ENV=test, info otherwise (also for the scripts that load no service configuration). */
export function logLevel(env: Env): string {
  return str(env, 'LOG_LEVEL', str(env, 'NODE_ENV', 'development') === 'test' ? 'silent' : 'info');
}

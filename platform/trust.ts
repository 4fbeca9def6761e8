/**
 * The trust configuration: which organisations the hub knows, where each is
 * (jurisdiction), which token issuer speaks for it, where that issuer's keys
 * are, how its tokens carry roles, and which data sets it owns. One JSON file
 * per deployment (HUB_TRUST_CONFIG; committed example: deploy/trust.example.json;
 * `npm start` writes a development one into .partnerhub/). Parsed and checked
 * here once; every service verifies tokens against it (platform/auth.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import {
  DATA_SET_INFO,
  DATA_SETS,
  JURISDICTIONS,
  ORGANISATION_ID_PATTERN,
  ORGANISATION_IDS,
  ROLES,
  type DataSet,
  type Jurisdiction,
  type Role,
} from './organisations';

export class TrustConfigError extends Error {}

/** Where an issuer's public keys are: its JWKS URL, or (development, tests) a JWKS file. */
export type KeySource = { jwksUrl: string } | { jwksFile: string };

/** How the organisation's browser users sign in to the dashboard (public client, authorization code + PKCE). */
export interface SignInSettings {
  /** The public client registered at the issuer for the dashboard. */
  clientId: string;
  /** Scopes to ask for (space separated), e.g. "openid" or "openid api://partnerhub/access". */
  scope: string;
  /** RFC 8707 resource indicator to send, when the issuer needs one to issue a token for the hub. */
  resource?: string;
}

export interface OrganisationTrust {
  id: string;
  name: string;
  jurisdiction: Jurisdiction;
  /** The exact `iss` of its tokens. */
  issuer: string;
  keys: KeySource;
  /** The `aud` its tokens for the hub carry (checked: a token meant for another application is refused). */
  audience: string;
  /** Signature algorithms accepted from this issuer (asymmetric only). */
  algorithms: string[];
  /** The claim, as a dot path, that carries the roles: `roles`, Keycloak's `realm_access.roles`, … */
  rolesClaim: string;
  /** Issuer role name -> hub role, when they differ (Entra app roles, say); unmapped names are ignored. Absent: names as they are. */
  roleMap?: Record<string, Role>;
  /** The claim that names the person: `sub` (default), or Entra's `oid`. */
  subjectClaim: string;
  dataSets: DataSet[];
  signIn?: SignInSettings;
}

export interface KeyCachePolicy {
  /** A fetched key set is used at most this long; then it is fetched again (a removed key stops working within this). */
  maxAgeMs: number;
  /** After a fetch, no new fetch for this long, even for an unknown key id (bounds what junk tokens can make the hub do). */
  cooldownMs: number;
  /** Timeout of one key-set fetch. */
  timeoutMs: number;
}

export interface TrustConfig {
  organisations: OrganisationTrust[];
  keyCache: KeyCachePolicy;
  /** The file it came from, for messages. */
  source: string;
}

export const DEFAULT_KEY_CACHE: KeyCachePolicy = { maxAgeMs: 300_000, cooldownMs: 10_000, timeoutMs: 5_000 };
export const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const ACCEPTED_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A parser that names the place of every mistake: `organisations[1].issuer: …`. */
class Reader {
  constructor(private readonly source: string) {}

  fail(at: string, message: string): never {
    throw new TrustConfigError(`${this.source}: ${at}: ${message}`);
  }

  object(v: unknown, at: string, allowed: string[]): Json {
    if (!isObject(v)) this.fail(at, 'must be an object');
    for (const key of Object.keys(v))
      if (!allowed.includes(key)) this.fail(`${at}.${key}`, `unknown setting (expected one of ${allowed.join(', ')})`);
    return v;
  }

  string(v: unknown, at: string): string {
    if (typeof v !== 'string' || v.trim() === '') this.fail(at, 'must be a non-empty string');
    return v;
  }

  optionalString(v: unknown, at: string): string | undefined {
    return v === undefined ? undefined : this.string(v, at);
  }

  oneOf<T extends string>(v: unknown, at: string, values: readonly T[]): T {
    if (typeof v !== 'string' || !values.includes(v as T)) this.fail(at, `must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
    return v as T;
  }

  list<T>(v: unknown, at: string, item: (x: unknown, at: string) => T): T[] {
    if (!Array.isArray(v)) this.fail(at, 'must be an array');
    return v.map((x, i) => item(x, `${at}[${i}]`));
  }

  /** https, or http on a loopback address (development providers on this machine). */
  url(v: unknown, at: string): string {
    const s = this.string(v, at);
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      return this.fail(at, `must be a URL, got "${s}"`);
    }
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) {
      this.fail(at, `must be an https URL (http only on localhost/127.0.0.1), got "${s}"`);
    }
    return s;
  }

  seconds(v: unknown, at: string, fallbackMs: number, min: number, max: number): number {
    if (v === undefined) return fallbackMs;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
      this.fail(at, `must be a number of seconds from ${min} to ${max}`);
    return Math.round(v * 1000);
  }
}

const ORGANISATION_KEYS = [
  'id',
  'name',
  'jurisdiction',
  'issuer',
  'keys',
  'audience',
  'algorithms',
  'rolesClaim',
  'roleMap',
  'subjectClaim',
  'dataSets',
  'signIn',
];

/** Checks a parsed trust configuration; relative key files are resolved against `baseDir`. */
export function parseTrustConfig(json: unknown, source: string, baseDir: string): TrustConfig {
  const r: Reader = new Reader(source);
  const top = r.object(json, '(top)', ['$comment', 'organisations', 'keyCache']);
  const organisations = r.list(top.organisations, 'organisations', (v, at): OrganisationTrust => {
    const o = r.object(v, at, ['$comment', ...ORGANISATION_KEYS]);
    const id = r.string(o.id, `${at}.id`);
    if (!ORGANISATION_ID_PATTERN.test(id)) r.fail(`${at}.id`, `"${id}" is not an organisation id (lower case letters, digits, dashes)`);
    const keys = r.object(o.keys, `${at}.keys`, ['jwksUrl', 'jwksFile']);
    let keySource: KeySource;
    if ((keys.jwksUrl === undefined) === (keys.jwksFile === undefined)) r.fail(`${at}.keys`, 'give exactly one of jwksUrl, jwksFile');
    if (keys.jwksUrl !== undefined) keySource = { jwksUrl: r.url(keys.jwksUrl, `${at}.keys.jwksUrl`) };
    else {
      const file = r.string(keys.jwksFile, `${at}.keys.jwksFile`);
      keySource = { jwksFile: isAbsolute(file) ? file : resolve(baseDir, file) };
    }
    const algorithms =
      o.algorithms === undefined
        ? DEFAULT_ALGORITHMS
        : r.list(o.algorithms, `${at}.algorithms`, (a, aAt) => r.oneOf(a, aAt, [...ACCEPTED_ALGORITHMS]));
    if (algorithms.length === 0) r.fail(`${at}.algorithms`, 'must name at least one algorithm');
    let roleMap: Record<string, Role> | undefined;
    if (o.roleMap !== undefined) {
      const map = o.roleMap;
      if (!isObject(map)) r.fail(`${at}.roleMap`, 'must be an object of issuer role name -> hub role');
      roleMap = Object.fromEntries(Object.entries(map).map(([k, role]) => [k, r.oneOf(role, `${at}.roleMap.${k}`, ROLES)]));
    }
    let signIn: SignInSettings | undefined;
    if (o.signIn !== undefined) {
      const s = r.object(o.signIn, `${at}.signIn`, ['clientId', 'scope', 'resource']);
      signIn = {
        clientId: r.string(s.clientId, `${at}.signIn.clientId`),
        scope: r.optionalString(s.scope, `${at}.signIn.scope`) ?? 'openid',
        resource: r.optionalString(s.resource, `${at}.signIn.resource`),
      };
    }
    return {
      id,
      name: r.string(o.name, `${at}.name`),
      jurisdiction: r.oneOf(o.jurisdiction, `${at}.jurisdiction`, JURISDICTIONS),
      issuer: r.url(o.issuer, `${at}.issuer`),
      keys: keySource,
      audience: r.string(o.audience, `${at}.audience`),
      algorithms,
      rolesClaim: r.optionalString(o.rolesClaim, `${at}.rolesClaim`) ?? 'roles',
      roleMap,
      subjectClaim: r.optionalString(o.subjectClaim, `${at}.subjectClaim`) ?? 'sub',
      dataSets: o.dataSets === undefined ? [] : r.list(o.dataSets, `${at}.dataSets`, (d, dAt) => r.oneOf(d, dAt, DATA_SETS)),
      signIn,
    };
  });
  const seen = new Map<string, string>();
  for (const [i, o] of organisations.entries()) {
    for (const [kind, value] of [
      ['id', o.id],
      ['issuer', o.issuer],
    ] as const) {
      const key = `${kind}:${value}`;
      if (seen.has(key))
        r.fail(`organisations[${i}].${kind}`, `"${value}" is also used by ${seen.get(key)}: every organisation has its own`);
      seen.set(key, o.id);
    }
  }
  for (const id of ORGANISATION_IDS) {
    if (!organisations.some((o) => o.id === id)) r.fail('organisations', `must list "${id}" (it owns a subgraph of this hub)`);
  }
  for (const dataSet of DATA_SETS) {
    const owner = DATA_SET_INFO[dataSet].owner;
    for (const o of organisations) {
      const lists = o.dataSets.includes(dataSet);
      if (lists && o.id !== owner) r.fail(`organisations.${o.id}.dataSets`, `${dataSet} belongs to ${owner}, whose subgraph holds it`);
      if (!lists && o.id === owner) r.fail(`organisations.${o.id}.dataSets`, `must list ${dataSet}: its subgraph holds it`);
    }
  }
  const cache =
    top.keyCache === undefined ? {} : r.object(top.keyCache, 'keyCache', ['maxAgeSeconds', 'cooldownSeconds', 'timeoutSeconds']);
  const keyCache: KeyCachePolicy = {
    maxAgeMs: r.seconds(cache.maxAgeSeconds, 'keyCache.maxAgeSeconds', DEFAULT_KEY_CACHE.maxAgeMs, 1, 86_400),
    cooldownMs: r.seconds(cache.cooldownSeconds, 'keyCache.cooldownSeconds', DEFAULT_KEY_CACHE.cooldownMs, 0, 3_600),
    timeoutMs: r.seconds(cache.timeoutSeconds, 'keyCache.timeoutSeconds', DEFAULT_KEY_CACHE.timeoutMs, 0.1, 60),
  };
  if (keyCache.cooldownMs > keyCache.maxAgeMs) r.fail('keyCache.cooldownSeconds', 'must not exceed maxAgeSeconds');
  return { organisations, keyCache, source };
}

/** Reads and checks the trust configuration file. */
export function readTrustConfig(path: string): TrustConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new TrustConfigError(`${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new TrustConfigError(`${path}: is not JSON (${(err as Error).message})`);
  }
  return parseTrustConfig(json, path, dirname(resolve(path)));
}

/** The organisation with this id, or undefined. */
export function organisationOf(trust: TrustConfig, id: string): OrganisationTrust | undefined {
  return trust.organisations.find((o) => o.id === id);
}

/** True when the two organisations are in different jurisdictions (a transfer across borders). */
export function crossesBorder(trust: TrustConfig, a: string, b: string): boolean {
  const ja = organisationOf(trust, a)?.jurisdiction;
  const jb = organisationOf(trust, b)?.jurisdiction;
  return ja !== undefined && jb !== undefined && ja !== jb;
}

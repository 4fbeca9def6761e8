import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { ForbiddenError, UnauthenticatedError } from './errors';
import { EDITOR_ROLE, STEWARD_ROLE, type Role } from './organisations';
import type { KeyCachePolicy, OrganisationTrust, TrustConfig } from './trust';

/**
 * How far a token's issue time (`iat`) may lie ahead of this server's clock:
 * issuers' and servers' clocks drift a little; a token issued further in the
 * future is refused (a token minted ahead of time to outlive its revocation).
 */
export const CLOCK_SKEW_SECONDS = 60;

/** Who is calling: from a verified token. */
export interface Principal {
  sub: string;
  /** The organisation bound to the token's issuer. */
  org: string;
  roles: string[];
}

/**
 * A JWKS file (development, tests): read again when it is older than the
 * cache's maximum age, or when a token names a key id it does not hold and the
 * cool-down since the last read has passed. The same rules as a JWKS URL.
 */
function fileKeySet(path: string, policy: KeyCachePolicy): JWTVerifyGetKey {
  let keys: JWTVerifyGetKey | undefined;
  let readAt = 0;
  const read = () => {
    keys = createLocalJWKSet(JSON.parse(readFileSync(path, 'utf8')) as JSONWebKeySet);
    readAt = Date.now();
    return keys;
  };
  return async (header, token) => {
    const current = !keys || Date.now() - readAt > policy.maxAgeMs ? read() : keys;
    try {
      return await current(header, token);
    } catch (err) {
      if (err instanceof joseErrors.JWKSNoMatchingKey && Date.now() - readAt >= policy.cooldownMs) return read()(header, token);
      throw err;
    }
  };
}

function keySetOf(org: OrganisationTrust, policy: KeyCachePolicy): JWTVerifyGetKey {
  if ('jwksFile' in org.keys) return fileKeySet(org.keys.jwksFile, policy);
  return createRemoteJWKSet(new URL(org.keys.jwksUrl), {
    cacheMaxAge: policy.maxAgeMs,
    cooldownDuration: policy.cooldownMs,
    timeoutDuration: policy.timeoutMs,
  });
}

/** A claim by dot path (`realm_access.roles`). */
function claimAt(payload: JWTPayload, path: string): unknown {
  let v: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * Verifies bearer tokens with the same rules everywhere (gateway and every
 * subgraph), against the trust configuration: the token's `iss` must be a
 * configured issuer; its signature must verify with that issuer's keys
 * (fetched from its JWKS, refetched for an unknown key id after a cool-down,
 * and at the latest after the cache's maximum age, so a new key is picked up
 * and a removed one stops working without a restart); its `aud` must be the
 * audience configured for that issuer; and it acts for the organisation bound
 * to that issuer only: an `org` claim naming another organisation is refused.
 */
/** Bound of TokenVerifier's cache of verified tokens; the oldest is dropped first. */
const MAX_VERIFIED_TOKENS = 10_000;

export class TokenVerifier {
  private readonly issuers = new Map<string, { org: OrganisationTrust; keys: JWTVerifyGetKey }>();
  /** Tokens verified in the last `cacheMs`, oldest first: token -> principal and until when. */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();
  private readonly cacheMs: number;

  /**
   * `cacheMs` (TOKEN_CACHE_MS): a token that verified is taken as verified
   * again for that long (never past its `exp`), so that a caller's burst of
   * requests — and every subgraph fetch of one gateway request — checks its
   * signature once instead of every time: verifying was the largest single
   * item in the subgraphs' CPU profile. A withdrawn key therefore stops
   * working at most `cacheMs` later than the key cache alone allows.
   * Refusals are never cached. 0 turns it off.
   */
  constructor(trust: TrustConfig, options: { cacheMs?: number } = {}) {
    for (const org of trust.organisations) this.issuers.set(org.issuer, { org, keys: keySetOf(org, trust.keyCache) });
    this.cacheMs = options.cacheMs ?? 0;
  }

  /** `Authorization` header value -> principal; null when there is no header. */
  async fromHeader(header: string | undefined | null): Promise<Principal | null> {
    if (header === undefined || header === null || header === '') return null;
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!m) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
    return this.verify(m[1]);
  }

  async verify(token: string): Promise<Principal> {
    if (this.cacheMs <= 0) return this.check(token);
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit && hit.until > now) return { ...hit.principal, roles: [...hit.principal.roles] };
    if (hit) this.verified.delete(token);
    const principal = await this.check(token);
    const exp = decodeJwt(token).exp as number; // required and checked by check()
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal, until: Math.min(now + this.cacheMs, exp * 1000) });
    return { ...principal, roles: [...principal.roles] };
  }

  private async check(token: string): Promise<Principal> {
    let claimed: JWTPayload;
    try {
      claimed = decodeJwt(token);
    } catch {
      throw new UnauthenticatedError('The bearer token is not a JWT.');
    }
    const issuer = typeof claimed.iss === 'string' ? this.issuers.get(claimed.iss) : undefined;
    if (!issuer) {
      throw new UnauthenticatedError(
        `The token's issuer (${JSON.stringify(claimed.iss ?? null).slice(0, 200)}) is not one this hub trusts: sign in with your organisation's identity provider.`,
      );
    }
    const { org } = issuer;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, issuer.keys, {
        issuer: org.issuer,
        audience: org.audience,
        algorithms: org.algorithms,
        requiredClaims: ['exp'],
        clockTolerance: 5,
      }));
    } catch (err) {
      throw new UnauthenticatedError(verificationMessage(err, org));
    }
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
      throw new UnauthenticatedError(
        `The token was issued in the future (iat) by more than ${CLOCK_SKEW_SECONDS} seconds: check the issuer's clock and get a new token.`,
      );
    }
    const sub = claimAt(payload, org.subjectClaim);
    if (typeof sub !== 'string' || sub === '') throw new UnauthenticatedError(`The token has no subject (${org.subjectClaim}).`);
    const acting = payload.org;
    if (acting !== undefined && acting !== org.id) {
      throw new UnauthenticatedError(
        `The token comes from the issuer of ${org.id} but claims to act for ${String(acting).slice(0, 100)}: an issuer speaks only for its own organisation.`,
      );
    }
    return { sub, org: org.id, roles: rolesOf(payload, org) };
  }
}

function verificationMessage(err: unknown, org: OrganisationTrust): string {
  if (err instanceof joseErrors.JWTExpired) return 'The token has expired: get a new one.';
  if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'aud') {
    return `The token is not meant for this hub: its audience must be ${org.audience}.`;
  }
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid || (err as Error)?.name === 'TypeError') {
    return `The keys of ${org.id}'s issuer could not be fetched, so the token cannot be checked; try again later.`;
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return `The token is signed with an algorithm ${org.id}'s issuer is not configured for.`;
  return 'The token is not valid: its signature or claims could not be verified.';
}

function rolesOf(payload: JWTPayload, org: OrganisationTrust): string[] {
  const raw = claimAt(payload, org.rolesClaim);
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every((r) => typeof r === 'string')) {
    throw new UnauthenticatedError(`The token must carry its roles (${org.rolesClaim}) as an array of strings.`);
  }
  if (!org.roleMap) return raw;
  const map = org.roleMap;
  return [...new Set(raw.flatMap((r) => (map[r] ? [map[r]] : [])))];
}

/** Restricted read: any authenticated partner organisation. */
export function requireAuthenticated(principal: Principal | null): Principal {
  if (!principal) throw new UnauthenticatedError('This field is for partner organisations: send a bearer token.');
  return principal;
}

/** Restricted read or write: only callers of the given organisation(s). */
export function requireOrganisation(principal: Principal | null, orgs: string | string[], what: string): Principal {
  const p = requireAuthenticated(principal);
  const allowed = Array.isArray(orgs) ? orgs : [orgs];
  if (!allowed.includes(p.org)) {
    throw new ForbiddenError(`${what} is for organisation ${allowed.join(' or ')} only; your token is for ${p.org}.`);
  }
  return p;
}

/** A role in the given organisation(s) (null: any organisation). */
export function requireRole(principal: Principal | null, orgs: string | string[] | null, role: Role, what: string): Principal {
  if (!principal) {
    const whose = orgs === null ? 'any partner organisation' : (Array.isArray(orgs) ? orgs : [orgs]).join(' or ');
    throw new UnauthenticatedError(`${what} is a write: send a bearer token of a${role === EDITOR_ROLE ? 'n' : ''} ${role} of ${whose}.`);
  }
  const p = orgs === null ? principal : requireOrganisation(principal, orgs, what);
  if (!p.roles.includes(role)) {
    throw new ForbiddenError(`${what} needs the ${role} role; your token has ${p.roles.join(', ') || 'no roles'}.`);
  }
  return p;
}

/** Writes: the editor role in the owning organisation. */
export function requireEditor(principal: Principal | null, orgs: string | string[] | null, what: string): Principal {
  return requireRole(principal, orgs, EDITOR_ROLE, what);
}

/** Sharing agreements: the steward role in the organisation that owns the data. */
export function requireSteward(principal: Principal | null, orgs: string | string[], what: string): Principal {
  return requireRole(principal, orgs, STEWARD_ROLE, what);
}

import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from './config';
import { ForbiddenError, UnauthenticatedError } from './errors';
import { EDITOR_ROLE } from './organisations';

/**
 * How far a token's issue time (`iat`) may lie ahead of this server's clock:
 * issuers' and servers' clocks drift a little; a token issued further in the
 * future is refused (a token minted ahead of time to outlive its revocation).
 */
export const CLOCK_SKEW_SECONDS = 60;

/** Who is calling: from a verified token. */
export interface Principal {
  sub: string;
  org: string;
  roles: string[];
}

/**
 * Verifies bearer tokens with the same rules everywhere (gateway and every
 * subgraph): HS256 with the development secret, RS256/ES256 against a JWKS;
 * `sub`, `org` (a known organisation), `roles` (array) and `exp` required.
 */
export class TokenVerifier {
  private readonly jwks?: JWTVerifyGetKey;
  private readonly secret?: Uint8Array;

  constructor(private readonly config: AuthConfig) {
    if (config.jwksUrl) this.jwks = createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: 30_000 });
    if (config.jwtSecret) this.secret = new TextEncoder().encode(config.jwtSecret);
  }

  /** `Authorization` header value -> principal; null when there is no header. */
  async fromHeader(header: string | undefined | null): Promise<Principal | null> {
    if (header === undefined || header === null || header === '') return null;
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!m) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
    return this.verify(m[1]);
  }

  async verify(token: string): Promise<Principal> {
    const header = decodeHeader(token);
    let payload: JWTPayload;
    try {
      const common = { issuer: this.config.issuer, audience: this.config.audience, requiredClaims: ['exp', 'sub'] };
      if (header?.alg === 'HS256' && this.secret) {
        ({ payload } = await jwtVerify(token, this.secret, { ...common, algorithms: ['HS256'] }));
      } else if (this.jwks && (header?.alg === 'RS256' || header?.alg === 'ES256')) {
        ({ payload } = await jwtVerify(token, this.jwks, { ...common, algorithms: ['RS256', 'ES256'] }));
      } else {
        throw new UnauthenticatedError('The token is signed with an algorithm or key this hub does not accept.');
      }
    } catch (err) {
      if (err instanceof UnauthenticatedError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The token has expired: get a new one.');
      throw new UnauthenticatedError('The token is not valid: its signature or claims could not be verified.');
    }
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
      throw new UnauthenticatedError(
        `The token was issued in the future (iat) by more than ${CLOCK_SKEW_SECONDS} seconds: check the issuer's clock and get a new token.`,
      );
    }
    const { sub, org, roles } = payload as JWTPayload & { org?: unknown; roles?: unknown };
    if (typeof sub !== 'string' || sub === '') throw new UnauthenticatedError('The token has no subject (sub).');
    if (typeof org !== 'string' || !this.config.organisations.includes(org)) {
      throw new UnauthenticatedError(`The token names an organisation this hub does not know: ${String(org)}.`);
    }
    if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
      throw new UnauthenticatedError('The token must carry roles as an array of strings.');
    }
    return { sub, org, roles };
  }
}

function decodeHeader(token: string): { alg?: string } | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
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

/** Writes: the editor role in the owning organisation. */
export function requireEditor(principal: Principal | null, orgs: string | string[] | null, what: string): Principal {
  if (!principal) {
    const whose = orgs === null ? 'any partner organisation' : (Array.isArray(orgs) ? orgs : [orgs]).join(' or ');
    throw new UnauthenticatedError(`${what} is a write: send a bearer token of an editor of ${whose}.`);
  }
  const p = orgs === null ? principal : requireOrganisation(principal, orgs, what);
  if (!p.roles.includes(EDITOR_ROLE)) {
    throw new ForbiddenError(`${what} needs the ${EDITOR_ROLE} role; your token has ${p.roles.join(', ') || 'no roles'}.`);
  }
  return p;
}

/**
 * A development token: HS256 with the shared development secret. `npm run
 * token`, the bench and the tests sign their tokens here.
 */
export function signDevelopmentToken(
  claims: { org: string; roles?: string[]; sub: string },
  secret: string,
  expiresIn: string | number = '8h',
): Promise<string> {
  return new SignJWT({ org: claims.org, roles: claims.roles ?? [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

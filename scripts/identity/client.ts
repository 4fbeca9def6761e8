/**
 * Getting a token from an organisation's development provider without a
 * browser, as `npm run token` and the tests do:
 *
 * - `developmentSignIn`: the authorization-code flow with PKCE that the
 *   dashboard runs, driven over HTTP: the sign-in page is posted with the
 *   chosen subject and roles, the code is exchanged for the access token.
 * - `machineToken`: the client-credentials grant of the organisation's
 *   machine client.
 *
 * Either way the token is issued and signed by that organisation's provider.
 */
import { createHash, randomBytes } from 'node:crypto';
import { CLI_CLIENT_ID, CLI_REDIRECT_URI } from './provider';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

export class IdentityClientError extends Error {}

async function discover(issuer: string): Promise<Discovery> {
  let res: Response;
  try {
    res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
  } catch {
    throw new IdentityClientError(`The identity provider ${issuer} does not answer: is the hub running (npm start)?`);
  }
  if (!res.ok) throw new IdentityClientError(`${issuer} has no OpenID configuration (HTTP ${res.status}).`);
  return (await res.json()) as Discovery;
}

async function tokenRequest(endpoint: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!res.ok || !body.access_token) {
    throw new IdentityClientError(`The token endpoint refused: ${body.error ?? res.status} ${body.error_description ?? ''}`.trim());
  }
  // A browser reads the answer only when the provider allows the page's origin (CORS).
  if (headers.origin && res.headers.get('access-control-allow-origin') !== headers.origin) {
    throw new IdentityClientError(
      `The token endpoint does not allow the origin ${headers.origin} (CORS): a browser could not read the token.`,
    );
  }
  return body.access_token;
}

/** Which client signs in: the CLI's (default), or the dashboard's, as a browser on `origin` would. */
export interface SignInClient {
  clientId: string;
  redirectUri: string;
  /** The page's origin, sent with the token request as a browser does (CORS). */
  origin?: string;
  /** RFC 8707 resource indicator, as the trust configuration's sign-in settings give it. */
  resource?: string;
}

/** A tiny cookie jar for one sign-in (one host). */
class Cookies {
  private readonly jar = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Signs in at `issuer`'s development provider as `sub` with `roles`; the access token it issues. */
export async function developmentSignIn(
  issuer: string,
  who: { sub: string; roles: string[] },
  client: SignInClient = { clientId: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI },
): Promise<string> {
  const { authorization_endpoint, token_endpoint } = await discover(issuer);
  const verifier = randomBytes(32).toString('base64url');
  const resource: Record<string, string> = client.resource ? { resource: client.resource } : {};
  const auth = new URL(authorization_endpoint);
  auth.search = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: client.redirectUri,
    scope: 'openid',
    state: randomBytes(8).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    prompt: 'login',
    ...resource,
  }).toString();
  const cookies = new Cookies();
  let next: { url: URL; init: RequestInit } = { url: auth, init: {} };
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(next.url, { ...next.init, redirect: 'manual', headers: { ...next.init.headers, cookie: cookies.header() } });
    cookies.take(res);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const target = new URL(location, next.url);
      if (target.href.startsWith(client.redirectUri)) {
        const code = target.searchParams.get('code');
        if (!code) throw new IdentityClientError(`Sign-in refused: ${target.searchParams.get('error_description') ?? target.search}`);
        return tokenRequest(
          token_endpoint,
          {
            grant_type: 'authorization_code',
            code,
            redirect_uri: client.redirectUri,
            client_id: client.clientId,
            code_verifier: verifier,
            ...resource,
          },
          client.origin ? { origin: client.origin } : {},
        );
      }
      next = { url: target, init: {} };
      continue;
    }
    if (res.status === 200 && next.url.pathname.includes('/interaction/') && !next.init.method) {
      // The sign-in page: post who we are, as a developer would.
      const form = new URLSearchParams({ sub: who.sub });
      for (const role of who.roles) form.append('roles', role);
      next = {
        url: new URL(`${next.url.pathname}/login`, next.url),
        init: { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      };
      continue;
    }
    throw new IdentityClientError(
      `Sign-in at ${issuer} stopped at ${next.url.pathname} (HTTP ${res.status}): ${(await res.text()).slice(0, 300)}`,
    );
  }
  throw new IdentityClientError(`Sign-in at ${issuer} did not finish.`);
}

/** A client-credentials token of an organisation's machine client. */
export async function machineToken(issuer: string, client: { clientId: string; clientSecret: string }): Promise<string> {
  const { token_endpoint } = await discover(issuer);
  const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64');
  return tokenRequest(token_endpoint, { grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
}

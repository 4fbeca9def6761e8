// "Sign in with your organisation": OAuth 2.0 authorization code with PKCE
// (RFC 7636, method S256) against the chosen organisation's own OpenID
// provider, done in the browser with WebCrypto. The steps are those of
// oauth4webapi's public-client flow: discovery (checking the issuer),
// code_verifier and S256 code_challenge, state, the redirect, checking the
// answer (state, RFC 9207 `iss`), the token request. No client secret: the
// dashboard is a public client whose redirect URI is the dashboard itself.
//
// The gateway lists the organisations and their public clients at
// /sign-in.json (from the trust configuration); its CSP lets the page fetch
// from those issuers. The access token is kept in sessionStorage (this tab
// only), where a pasted development token goes too.

const PENDING = 'partnerhub.signIn';
/** The provider the current token came from, for signing out there too. */
const SIGNED_IN = 'partnerhub.signedInWith';

export class SignInError extends Error {}

/** The organisations one can sign in with: [{ id, name, jurisdiction, issuer, clientId, scope, resource }]. */
export async function signInOptions() {
  const res = await fetch('/sign-in.json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new SignInError(`/sign-in.json: HTTP ${res.status}`);
  return (await res.json()).organisations;
}

function base64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random octets, base64url: 43 characters (RFC 7636 §4.1 recommends exactly this for the verifier). */
const randomToken = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** S256: BASE64URL(SHA-256(ASCII(code_verifier))) (RFC 7636 §4.2). */
async function challengeOf(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

/** OpenID Connect discovery; the metadata must name the issuer we asked (OIDC Discovery §4.3). */
async function discover(issuer) {
  let res;
  try {
    res = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
  } catch {
    throw new SignInError(`${issuer} does not answer`);
  }
  if (!res.ok) throw new SignInError(`${issuer}: no OpenID configuration (HTTP ${res.status})`);
  const meta = await res.json();
  if (meta.issuer !== issuer) throw new SignInError(`${issuer} describes another issuer (${meta.issuer})`);
  if (!meta.authorization_endpoint || !meta.token_endpoint) throw new SignInError(`${issuer} has no authorization or token endpoint`);
  if (meta.code_challenge_methods_supported && !meta.code_challenge_methods_supported.includes('S256')) {
    throw new SignInError(`${issuer} does not support PKCE with S256`);
  }
  return meta;
}

/** Where the provider sends the browser back: the dashboard itself, as registered for the client. */
const redirectUri = () => `${window.location.origin}/`;

/** Sends the browser to `org`'s sign-in page; the page comes back with ?code=…&state=…. */
export async function startSignIn(org) {
  const meta = await discover(org.issuer);
  const verifier = randomToken();
  const state = randomToken();
  const url = new URL(meta.authorization_endpoint);
  const params = {
    client_id: org.clientId,
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope: org.scope || 'openid',
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
    // Always show the organisation's sign-in page: signing out of the dashboard then really signs out.
    prompt: 'login',
  };
  if (org.resource) params.resource = org.resource;
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  window.sessionStorage.setItem(
    PENDING,
    JSON.stringify({
      org: org.id,
      issuer: meta.issuer,
      tokenEndpoint: meta.token_endpoint,
      endSessionEndpoint: meta.end_session_endpoint ?? null,
      issParameter: meta.authorization_response_iss_parameter_supported === true,
      clientId: org.clientId,
      resource: org.resource ?? null,
      redirectUri: params.redirect_uri,
      verifier,
      state,
      hash: window.location.hash,
    }),
  );
  window.location.assign(url.href);
}

/** Whether this page load is the provider sending the browser back. */
export function isSignInCallback() {
  const q = new URLSearchParams(window.location.search);
  return q.has('state') && (q.has('code') || q.has('error'));
}

/**
 * Finishes a sign-in on the page the provider sent the browser back to:
 * checks state (and `iss`), exchanges the code with the verifier, removes the
 * code from the address bar. Returns { token, org }; throws SignInError.
 */
export async function completeSignIn() {
  const q = new URLSearchParams(window.location.search);
  const pending = JSON.parse(window.sessionStorage.getItem(PENDING) ?? 'null');
  window.sessionStorage.removeItem(PENDING);
  // The code is single-use and must not stay in the address bar or the history.
  window.history.replaceState(null, '', `/${pending?.hash ?? ''}`);
  if (!pending || q.get('state') !== pending.state) throw new SignInError('the answer does not belong to a sign-in started here (state)');
  if (pending.issParameter && q.get('iss') !== pending.issuer)
    throw new SignInError(`the answer comes from another issuer (${q.get('iss')})`);
  if (q.has('error')) throw new SignInError(q.get('error_description') || q.get('error'));
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: q.get('code'),
    redirect_uri: pending.redirectUri,
    client_id: pending.clientId,
    code_verifier: pending.verifier,
  });
  if (pending.resource) form.set('resource', pending.resource);
  let res;
  try {
    res = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
    });
  } catch {
    throw new SignInError(`the token endpoint of ${pending.issuer} cannot be reached from this page (network or CORS)`);
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new SignInError(`${body.error ?? `HTTP ${res.status}`}${body.error_description ? `: ${body.error_description}` : ''}`);
  if (typeof body.access_token !== 'string' || String(body.token_type).toLowerCase() !== 'bearer') {
    throw new SignInError('the token endpoint answered without a bearer access token');
  }
  if (pending.endSessionEndpoint) {
    window.sessionStorage.setItem(
      SIGNED_IN,
      JSON.stringify({ endSessionEndpoint: pending.endSessionEndpoint, clientId: pending.clientId, redirectUri: pending.redirectUri }),
    );
  }
  return { token: body.access_token, org: pending.org };
}

/** Forgets the provider of the current token (a pasted token has none). */
export function forgetProvider() {
  window.sessionStorage.removeItem(SIGNED_IN);
}

/**
 * Where to send the browser to end the provider's session too (OpenID Connect
 * RP-Initiated Logout: client_id and a registered post_logout_redirect_uri,
 * back to the dashboard), or null when the token did not come from a sign-in here.
 */
export function endSessionUrl() {
  const saved = JSON.parse(window.sessionStorage.getItem(SIGNED_IN) ?? 'null');
  forgetProvider();
  if (!saved?.endSessionEndpoint) return null;
  const url = new URL(saved.endSessionEndpoint);
  url.searchParams.set('client_id', saved.clientId);
  url.searchParams.set('post_logout_redirect_uri', saved.redirectUri);
  return url.href;
}

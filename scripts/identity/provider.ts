/**
 * One organisation's development OpenID provider (npm oidc-provider): it
 * stands in for the organisation's own identity provider (Keycloak, Entra ID…)
 * and issues the same kind of token: a JWT access token for the hub (RFC 9068,
 * `aud` = the audience in the trust configuration), signed with the
 * organisation's own key, with `sub`, `org` and `roles`.
 *
 * Clients:
 * - `partnerhub-dashboard`: public, authorization code + PKCE, redirect (and
 *   post-logout redirect) to the gateway's dashboard; what browsers sign in
 *   with. Its origins alone may read the token endpoint's answers (CORS).
 * - `partnerhub-cli`: public, authorization code + PKCE, loopback redirect;
 *   `npm run token` and the tests sign in with it (identity/client.ts).
 * - `<org>-machine`: confidential, client credentials (import, dashboards
 *   run by a machine); its tokens carry the role `editor`.
 *
 * Signing in is a development page (identity/sign-in.ts) where a developer
 * types a subject and ticks roles: there are no passwords here.
 */
import type { Provider as ProviderType, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { EDITOR_ROLE } from '../../platform/organisations';
import type { OrganisationTrust } from '../../platform/trust';
import { SIGNING_ALG, type PrivateJwks } from './keys';
import { machineClientId } from './keys';

export const DASHBOARD_CLIENT_ID = 'partnerhub-dashboard';
export const CLI_CLIENT_ID = 'partnerhub-cli';
export const CLI_REDIRECT_URI = 'http://127.0.0.1/callback';
/** The scope of the hub's resource server at every development provider. */
export const HUB_SCOPE = 'partnerhub';
const ROLES_METADATA = 'partnerhub_roles';
const MACHINE_ROLES = [EDITOR_ROLE];

/**
 * Two warnings oidc-provider prints that do not apply here are dropped: it
 * prefers Node 22 (its support policy; the features used here run on Node 20,
 * which this project targets), and it keeps its state in memory (intended: a
 * development provider's grants may go with a restart; its tokens are JWTs
 * that verify without it).
 */
const EXPECTED_WARNINGS = /oidc-provider WARNING: (Unsupported runtime|a quick start development-only in-memory adapter)/;
function quietly<T>(fn: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && EXPECTED_WARNINGS.test(args[0])) return;
    warn(...args);
  };
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}

/** oidc-provider is an ES module; Node 20.19+ loads it with require(). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadOidcProvider = () => quietly(() => require('oidc-provider') as typeof import('oidc-provider'));

/** The origin of a URL, or undefined when it is not one. */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The provider's "sign out?" page (RP-initiated logout), in the sign-in
 * page's plain style; oidc-provider's default loads a web font from the
 * internet. `form` is the provider's own form (action and xsrf token).
 */
function logoutPage(ctx: KoaContextWithOIDC, org: OrganisationTrust, form: string): void {
  const name = org.name.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  ctx.type = 'html';
  ctx.body = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Sign out: ${name} (development)</title>
    <style>body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1d2733; } button { padding: .5rem 1rem; margin-right: .5rem; }</style>
  </head>
  <body>
    <h1>${name}</h1>
    <p>Sign out of this organisation's development identity provider?</p>
    ${form}
    <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>
    <button type="submit" form="op.logoutForm">Stay signed in</button>
  </body>
</html>`;
}

export interface ProviderOptions {
  org: OrganisationTrust;
  /** The path the provider is mounted at (`/chengdu`): its interaction pages live below it. */
  mountPath: string;
  keys: PrivateJwks;
  cookieKeys: string[];
  machineSecret: string;
  redirectUris: string[];
  accessTokenTtlSeconds: number;
}

export interface DevelopmentProvider {
  provider: ProviderType;
  /** Roles the developer picked at sign-in, by grant: the access tokens of that grant carry them. */
  rolesByGrant: Map<string, string[]>;
}

export function createProvider(options: ProviderOptions): DevelopmentProvider {
  const { Provider, errors } = loadOidcProvider();
  const { org } = options;
  const rolesByGrant = new Map<string, string[]>();
  const resourceServer = {
    scope: HUB_SCOPE,
    audience: org.audience,
    accessTokenFormat: 'jwt' as const,
    accessTokenTTL: options.accessTokenTtlSeconds,
    jwt: { sign: { alg: SIGNING_ALG as 'ES256' } },
  };
  const configuration: Configuration = {
    clients: [
      {
        client_id: DASHBOARD_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: options.redirectUris,
        // Signing out of the dashboard ends the provider's session too and comes back to the dashboard.
        post_logout_redirect_uris: options.redirectUris,
      },
      {
        client_id: CLI_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'native',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [CLI_REDIRECT_URI],
      },
      {
        client_id: machineClientId(org.id),
        client_secret: options.machineSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        [ROLES_METADATA]: MACHINE_ROLES,
      },
    ],
    extraClientMetadata: { properties: [ROLES_METADATA] },
    // CORS, explicitly: the token endpoint answers a browser page only when
    // that page is the dashboard, i.e. its origin is the origin of one of the
    // dashboard client's registered redirect URIs (the page the code returns
    // to). Discovery and JWKS stay open to every origin (oidc-provider's
    // default). Without this, oidc-provider's default allows any public
    // client's redirect origins and warns that it must be configured.
    clientBasedCORS: (_ctx, origin, client) =>
      client.clientId === DASHBOARD_CLIENT_ID && (client.redirectUris ?? []).some((uri) => originOf(uri) === origin),
    clientDefaults: { id_token_signed_response_alg: SIGNING_ALG },
    jwks: options.keys,
    cookies: { keys: options.cookieKeys },
    pkce: { required: () => true },
    scopes: ['openid', HUB_SCOPE],
    claims: { openid: ['sub'] },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds,
      ClientCredentials: options.accessTokenTtlSeconds,
      IdToken: 3600,
      Interaction: 600,
      Grant: options.accessTokenTtlSeconds,
      Session: options.accessTokenTtlSeconds,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: (ctx, form) => logoutPage(ctx, org, form) },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Every token is for the hub: a client need not name it.
        defaultResource: async () => org.audience,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => {
          if (resource !== org.audience) throw new errors.InvalidTarget(`this provider issues tokens for ${org.audience} only`);
          return resourceServer;
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `${options.mountPath}/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `${org.name} (development identity provider): ${out.error}${out.error_description ? `: ${out.error_description}` : ''}\n`;
    },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    extraTokenClaims: async (_ctx: KoaContextWithOIDC, token) => {
      const client = (token as { client?: { [ROLES_METADATA]?: string[] } }).client;
      const roles =
        token.kind === 'ClientCredentials'
          ? (client?.[ROLES_METADATA] ?? [])
          : (rolesByGrant.get((token as { grantId?: string }).grantId ?? '') ?? []);
      return { org: org.id, roles };
    },
  };
  const provider = quietly(() => new Provider(org.issuer, configuration));
  return { provider, rolesByGrant };
}

import { int, loadCommonConfig, optional, str, type CommonConfig, type Env } from '../../platform/config';
import { DEFAULT_PORTS } from '../../platform/services';

/** The development identity providers (`npm start`, the test hubs): one OpenID provider per organisation. */
export interface IdentityConfig extends CommonConfig {
  port: number;
  /** Scheme, host and port of the issuers served here: every organisation whose issuer starts with it gets a provider. */
  origin: string;
  /** Where the providers keep their signing keys, cookie keys and machine-client secrets (created when missing). */
  keysDir: string;
  /** Where the dashboard's sign-in may return to (the gateway's dashboard URLs). */
  redirectUris: string[];
  /** Lifetime of the access tokens issued. */
  accessTokenTtlSeconds: number;
}

export function loadIdentityConfig(env: Env = process.env): IdentityConfig {
  const port = int(env, 'IDENTITY_PORT', DEFAULT_PORTS.identity);
  return {
    ...loadCommonConfig(env),
    port,
    origin: str(env, 'IDENTITY_ORIGIN', `http://127.0.0.1:${port}`).replace(/\/+$/, ''),
    keysDir: str(env, 'IDENTITY_KEYS_DIR', `${str(env, 'HUB_DATA_DIR', '.partnerhub')}/identity`),
    redirectUris: (optional(env, 'IDENTITY_REDIRECT_URIS') ?? `http://localhost:${DEFAULT_PORTS.gateway}/`)
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
    accessTokenTtlSeconds: int(env, 'IDENTITY_TOKEN_TTL_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
  };
}

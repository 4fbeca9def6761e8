/**
 * The development identity service: one OpenID provider per organisation of
 * the trust configuration whose issuer is under this service's origin
 * (`http://127.0.0.1:4010/<org>`), all in one process, each with its own
 * signing keys. Started by `npm start` and the test hubs; a deployment uses
 * each organisation's own provider instead.
 */
import type { Server } from 'node:http';
import { createHttpApp, opsAccessOf, listen, type Stoppable } from '../../platform/http';
import { createLogger, type Logger } from '../../platform/logger';
import { ServiceMetrics } from '../../platform/metrics';
import type { OrganisationTrust } from '../../platform/trust';
import type { IdentityConfig } from './config';
import { loadSecrets, loadSigningKeys, rotateSigningKeys } from './keys';
import { createProvider, type DevelopmentProvider } from './provider';
import { signInRoutes } from './sign-in';

export interface RunningIdentity extends Stoppable {
  url: string;
  port: number;
  server: Server;
  /** Issuer URL of each organisation served here. */
  issuers: Record<string, string>;
  keysDir: string;
  /**
   * Rotates an organisation's signing key as its provider would: the new key
   * signs from now on; the old one stays published when `keepPrevious`, or is
   * withdrawn at once. The hub's services are not restarted.
   */
  rotateKeys(org: string, options: { keepPrevious: boolean }): Promise<void>;
}

/** The organisations whose issuer lives under `origin`, with the path each is served at. */
export function servedOrganisations(config: Pick<IdentityConfig, 'trust' | 'origin'>): { org: OrganisationTrust; mountPath: string }[] {
  return config.trust.organisations.flatMap((org) => {
    if (!org.issuer.startsWith(`${config.origin}/`)) return [];
    return [{ org, mountPath: new URL(org.issuer).pathname.replace(/\/+$/, '') }];
  });
}

export async function startIdentity(
  config: IdentityConfig,
  log: Logger = createLogger('identity', config.logLevel),
): Promise<RunningIdentity> {
  const served = servedOrganisations(config);
  if (served.length === 0) {
    throw new Error(`No organisation of ${config.trust.source} has an issuer under ${config.origin}/: nothing to serve.`);
  }
  const secrets = loadSecrets(
    config.keysDir,
    served.map((s) => s.org.id),
  );
  const providers = new Map<string, DevelopmentProvider & { handle: ReturnType<DevelopmentProvider['provider']['callback']> }>();
  const build = async ({ org, mountPath }: (typeof served)[number]) => {
    const dp = createProvider({
      org,
      mountPath,
      keys: await loadSigningKeys(config.keysDir, org.id),
      cookieKeys: secrets.cookieKeys,
      machineSecret: secrets.machineClients[org.id],
      redirectUris: config.redirectUris,
      accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    });
    dp.provider.on('server_error', (_ctx, err) => log.error({ err, org: org.id }, 'identity provider error'));
    // A grant made before a rotation keeps its roles.
    const previous = providers.get(org.id);
    if (previous) for (const [grant, roles] of previous.rolesByGrant) dp.rolesByGrant.set(grant, roles);
    providers.set(org.id, { ...dp, handle: dp.provider.callback() });
  };
  for (const s of served) await build(s);

  const app = createHttpApp({
    ops: opsAccessOf(config),
    service: 'identity',
    log,
    metrics: new ServiceMetrics('identity'),
    ready: async () => ({ ready: true, issuers: served.map((s) => s.org.issuer) }),
  });
  for (const { org, mountPath } of served) {
    const current = () => providers.get(org.id)!;
    app.use(mountPath, signInRoutes(org, mountPath, current));
    // The provider is looked up per request, so that a key rotation takes effect without a restart.
    app.use(mountPath, (req, res) => current().handle(req, res));
  }
  const listening = await listen(app, config.host, config.port, config.http);
  log.info({ url: listening.url, issuers: served.map((s) => s.org.issuer) }, 'identity providers listening');
  return {
    url: listening.url,
    port: listening.port,
    server: listening.server,
    issuers: Object.fromEntries(served.map((s) => [s.org.id, s.org.issuer])),
    keysDir: config.keysDir,
    async rotateKeys(orgId, { keepPrevious }) {
      const s = served.find((x) => x.org.id === orgId);
      if (!s) throw new Error(`${orgId} has no provider here`);
      await rotateSigningKeys(config.keysDir, orgId, keepPrevious);
      await build(s);
    },
    async stop() {
      listening.server.closeAllConnections();
      await new Promise<void>((resolve) => listening.server.close(() => resolve()));
    },
  };
}

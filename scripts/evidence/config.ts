import { join } from 'node:path';
import { ConfigError, optional, str, type Env } from '../../platform/config';
import { envKey, SUBGRAPH_NAMES, type SubgraphName } from '../../platform/services';
import { loadLauncherConfig } from '../hub/config';
import { launcherDatabaseUrl } from '../hub/embedded-postgres';

/** `npm run evidence`: where the databases are, where the signing key is. */
export interface EvidenceConfig {
  /** Every subgraph's database: `<NAME>_DATABASE_URL`, or the embedded server `npm start` runs, as the subgraph's own role (reading is all it does). */
  databaseUrls: Record<SubgraphName, string>;
  /** The trust configuration (organisations, jurisdictions): HUB_TRUST_CONFIG or the development one. */
  trustPath: string;
  /**
   * The organisation's private evidence key (a JWK file, EdDSA or ES256):
   * EVIDENCE_KEY_FILE, required in production. In development a key is
   * generated per organisation into `devKeysDir` on first use.
   */
  keyFile?: string;
  devKeysDir: string;
  production: boolean;
}

export function loadEvidenceConfig(env: Env = process.env): EvidenceConfig {
  const launcher = loadLauncherConfig(env);
  const production = str(env, 'NODE_ENV', 'development') === 'production';
  const keyFile = optional(env, 'EVIDENCE_KEY_FILE');
  if (production && !keyFile) {
    throw new ConfigError('EVIDENCE_KEY_FILE is required in production: the organisation’s private evidence key (a JWK file)');
  }
  for (const n of SUBGRAPH_NAMES)
    if (!launcher.databaseUrls[n] && production) throw new ConfigError(`${envKey(n, 'DATABASE_URL')} is required in production`);
  const databaseUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, launcherDatabaseUrl(launcher, n)])) as Record<SubgraphName, string>;
  return {
    databaseUrls,
    trustPath: launcher.trustConfig ?? launcher.developmentTrustPath,
    keyFile,
    devKeysDir: join(launcher.dataDir, 'evidence'),
    production,
  };
}

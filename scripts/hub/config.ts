import { ConfigError, int, optional, refuseRetired, str, url, type Env } from '../../platform/config';
import { loadMigrationConfig, type MigrationConfig } from '../../subgraphs/kit/config';
import {
  DEFAULT_PORTS,
  envKey,
  migrationKey,
  SERVICE_NAMES,
  SUBGRAPH_NAMES,
  portKey,
  type ServiceName,
  type SubgraphName,
} from '../../platform/services';
import { join } from 'node:path';
import type { RestartPolicy } from './supervisor';

/** `npm start` (and `npm run token`, which reads what it generated). */
export interface LauncherConfig {
  /** Folder for the embedded PostgreSQL data, the development trust configuration and the providers' keys. */
  dataDir: string;
  embeddedPgPort: number;
  /** Database URLs given in the environment; subgraphs without one use the embedded server. */
  databaseUrls: Partial<Record<SubgraphName, string>>;
  /**
   * The given databases with an owner's URL (`<NAME>_MIGRATION_DATABASE_URL`,
   * read by loadMigrationConfig), which the launcher migrates with before it
   * starts the services; the services never get it. A database given without
   * one (one role owns everything) migrates on its subgraph's start.
   */
  migrations: Partial<Record<SubgraphName, MigrationConfig>>;
  /**
   * A trust configuration of real issuers (HUB_TRUST_CONFIG): then no development
   * providers are started. Unset: `npm start` writes `developmentTrustPath`.
   */
  trustConfig?: string;
  developmentTrustPath: string;
  /** Where the development providers keep their keys and secrets. */
  identityKeysDir: string;
  ports: Record<ServiceName, number>;
  /** How a service that stops unexpectedly is restarted, and when the launcher gives up (scripts/hub/supervisor.ts). */
  restart: RestartPolicy;
  /** The environment the launcher was started with, passed on to the services it starts. */
  env: Env;
}

export function loadLauncherConfig(env: Env = process.env): LauncherConfig {
  refuseRetired(env);
  const databaseUrls: Partial<Record<SubgraphName, string>> = {};
  const migrations: Partial<Record<SubgraphName, MigrationConfig>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const key = envKey(name, 'DATABASE_URL');
    if (optional(env, key)) databaseUrls[name] = url(env, key);
    if (optional(env, migrationKey(name))) {
      if (!databaseUrls[name])
        throw new ConfigError(`${migrationKey(name)} is set without ${key}: set both, or neither for the embedded server`);
      migrations[name] = loadMigrationConfig(name, env);
    }
  }
  const dataDir = str(env, 'HUB_DATA_DIR', '.partnerhub');
  return {
    dataDir,
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 5499, 1024),
    databaseUrls,
    migrations,
    trustConfig: optional(env, 'HUB_TRUST_CONFIG'),
    developmentTrustPath: join(dataDir, 'trust.json'),
    identityKeysDir: str(env, 'IDENTITY_KEYS_DIR', join(dataDir, 'identity')),
    ports: Object.fromEntries(SERVICE_NAMES.map((n) => [n, int(env, portKey(n), DEFAULT_PORTS[n])])) as Record<ServiceName, number>,
    restart: {
      initialBackoffMs: int(env, 'RESTART_BACKOFF_MS', 500, 0, 600_000),
      maxBackoffMs: int(env, 'RESTART_MAX_BACKOFF_MS', 5_000, 0, 600_000),
      maxFailures: int(env, 'RESTART_MAX_FAILURES', 5, 1, 1_000),
      windowMs: int(env, 'RESTART_WINDOW_MS', 60_000, 1_000, 3_600_000),
    },
    env: { ...env },
  };
}

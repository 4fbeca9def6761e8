import { int, optional, str, url, type Env } from '../../platform/config';
import {
  DEFAULT_PORTS,
  envKey,
  SERVICE_NAMES,
  SUBGRAPH_NAMES,
  portKey,
  type ServiceName,
  type SubgraphName,
} from '../../platform/services';

/** `npm start` (and `npm run token`, which reads the secret it generated). */
export interface LauncherConfig {
  /** Folder for the embedded PostgreSQL data and the generated development secret. */
  dataDir: string;
  embeddedPgPort: number;
  /** Database URLs given in the environment; subgraphs without one use the embedded server. */
  databaseUrls: Partial<Record<SubgraphName, string>>;
  jwtSecret?: string;
  ports: Record<ServiceName, number>;
  /** The environment the launcher was started with, passed on to the services it starts. */
  env: Env;
}

export function loadLauncherConfig(env: Env = process.env): LauncherConfig {
  const databaseUrls: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const key = envKey(name, 'DATABASE_URL');
    if (optional(env, key)) databaseUrls[name] = url(env, key);
  }
  return {
    dataDir: str(env, 'HUB_DATA_DIR', '.partnerhub'),
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 5499, 1024),
    databaseUrls,
    jwtSecret: optional(env, 'HUB_JWT_SECRET'),
    ports: Object.fromEntries(SERVICE_NAMES.map((n) => [n, int(env, portKey(n), DEFAULT_PORTS[n])])) as Record<ServiceName, number>,
    env: { ...env },
  };
}

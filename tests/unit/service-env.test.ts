/**
 * serviceEnv (platform/services.ts), the environment the launcher, the bench
 * and the test hubs start each service with: from the launcher's whole
 * environment, a subgraph gets its own database URL and no other, the
 * gateway and the identity providers none, and no service an owner's URL.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, envKey, migrationKey, SERVICE_NAMES, serviceEnv, SUBGRAPH_NAMES, type HubLayout } from '../../platform/services';

const runtimeUrl = (n: string) => `postgres://partnerhub_${n}:runtime-pw@db.example:5432/partnerhub_${n}`;

/** `npm start` with external databases: every subgraph's URLs, and the fallback, in the launcher's environment. */
const LAUNCHER_ENV = {
  LOG_LEVEL: 'warn',
  DATABASE_URL: 'postgres://everyone:fallback-pw@db.example:5432/partnerhub',
  ...Object.fromEntries(
    SUBGRAPH_NAMES.flatMap((n) => [
      [envKey(n, 'DATABASE_URL'), `postgres://partnerhub_${n}:given-pw@db.example:5432/partnerhub_${n}`],
      [migrationKey(n), `postgres://partnerhub_${n}_owner:owner-pw@db.example:5432/partnerhub_${n}`],
    ]),
  ),
};

const layout: HubLayout = {
  ports: DEFAULT_PORTS,
  databaseUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, runtimeUrl(n)])),
  common: LAUNCHER_ENV,
};

/** The variables of an environment that carry a database URL, by name or by value. */
const databaseVariables = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).filter(([key, value]) => /DATABASE_URL/.test(key) || /^postgres(ql)?:/.test(value ?? '')));

describe('serviceEnv: database URLs', () => {
  it.each(SUBGRAPH_NAMES)("gives %s its own runtime URL from the layout, and no other subgraph's or owner's", (name) => {
    expect(databaseVariables(serviceEnv(name, layout))).toEqual({ [envKey(name, 'DATABASE_URL')]: runtimeUrl(name) });
  });

  it.each(['gateway', 'identity'] as const)('gives %s no database URL at all', (name) => {
    expect(databaseVariables(serviceEnv(name, layout))).toEqual({});
  });

  it("passes the rest of the launcher's environment on to every service", () => {
    for (const name of SERVICE_NAMES) expect(serviceEnv(name, layout).LOG_LEVEL, name).toBe('warn');
  });
});

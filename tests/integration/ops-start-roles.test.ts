/**
 * Issue 14, item 3, under `npm start` itself: the real launcher
 * (scripts/start.ts) with its embedded PostgreSQL in a temporary data folder,
 * no *_DATABASE_URL given. Each database has two roles, whose passwords the
 * launcher generated into the data folder (0600): its owner, which the
 * launcher migrates with, and the service's, which each subgraph connects as
 * and which owns nothing. With the companies service's credentials: UPDATE,
 * DELETE and TRUNCATE of the audit log and of the disclosure records are
 * refused by privilege (SQLSTATE 42501, before the trigger), and so are
 * disabling the trigger, dropping the table, granting itself UPDATE and
 * creating anything; neither role connects to another organisation's
 * database. A data folder from before the owners (the service's role owned
 * everything) is handed over by the next start. `npm run evidence -- check`
 * walks every chain beside the running hub.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portKey, SERVICE_NAMES, SUBGRAPH_NAMES } from '../../platform/services';
import { rolesFile } from '../../scripts/hub/embedded-postgres';
import { withClient } from '../../scripts/hub/postgres';
import { expectServiceLockedOut } from '../helpers/expect';
import { freePort } from '../helpers/hub';
import { LauncherProcess, ROOT, sleep } from '../helpers/processes';

describe('npm start: every subgraph connects as its own role', () => {
  let dataDir: string;
  let pgPort: number;
  let launcher: LauncherProcess;
  let env: Record<string, string>;
  const passwords = (): Record<string, string> => JSON.parse(readFileSync(rolesFile(dataDir), 'utf8'));
  /** The embedded server as `role` (its password from the data folder unless given), to `database`. */
  const urlOf = (role: string, database: string, password = passwords()[role.replace(/^partnerhub_/, '')]) =>
    `postgres://${role}:${encodeURIComponent(password ?? '')}@127.0.0.1:${pgPort}/${database}`;
  const refusal = async (url: string) => {
    const c = new Client({ connectionString: url });
    const err = await c.connect().then(
      () => undefined,
      (e: { code?: string; message: string }) => e,
    );
    await c.end().catch(() => {});
    return err;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'partnerhub-start-roles-'));
    chmodSync(dataDir, 0o755); // as root the embedded server runs as a separate system user
    pgPort = await freePort();
    env = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      HUB_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      DB_POOL_SIZE: '3',
    };
    for (const name of SERVICE_NAMES) env[portKey(name)] = String(await freePort());
    launcher = new LauncherProcess(env);
    await launcher.saw(/^ready$/, 300_000);
  }, 330_000);

  afterAll(async () => {
    if (launcher && !launcher.exit) {
      launcher.interrupt();
      await Promise.race([launcher.exited, sleep(30_000)]);
      launcher.killGroup();
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("generates two passwords per subgraph into the data folder (the service's role and the owner), readable by its owner only", () => {
    expect(statSync(rolesFile(dataDir)).mode & 0o777).toBe(0o600);
    const stored = passwords();
    expect(Object.keys(stored).sort()).toEqual([...SUBGRAPH_NAMES, ...SUBGRAPH_NAMES.map((n) => `${n}_owner`)].sort());
    expect(new Set(Object.values(stored)).size).toBe(2 * SUBGRAPH_NAMES.length);
    expect(launcher.says()).toContain(
      `  two roles per subgraph database (its owner, which migrates, and its service's), passwords in ${rolesFile(dataDir)}`,
    );
  });

  it('gives each service its runtime URL only: the owner owns everything, the service connects as its own role', async () => {
    await withClient(urlOf('partnerhub_companies', 'partnerhub_companies'), async (c) => {
      const { rows } = await c.query(
        `SELECT (SELECT array_agg(DISTINCT usename::text) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'partnerhub') AS connected,
                pg_get_userbyid((SELECT datdba FROM pg_database WHERE datname = current_database())) AS db_owner,
                (SELECT array_agg(DISTINCT pg_get_userbyid(relowner)::text) FROM pg_class WHERE relnamespace = 'public'::regnamespace) AS table_owners`,
      );
      expect(rows[0]).toEqual({
        connected: ['partnerhub_companies'],
        db_owner: 'partnerhub_companies_owner',
        table_owners: ['partnerhub_companies_owner'],
      });
    });
  });

  it("refuses the companies service's role the trails' UPDATE, DELETE and TRUNCATE (42501, by privilege) and what only an owner could do", async () => {
    await withClient(urlOf('partnerhub_companies', 'partnerhub_companies'), async (c) => {
      const me = await c.query('SELECT rolname, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user');
      expect(me.rows[0]).toEqual({ rolname: 'partnerhub_companies', rolsuper: false, rolcreatedb: false, rolcreaterole: false });
      // The services wrote with this role: demo data's audit entries are there.
      expect(Number((await c.query('SELECT count(*) AS n FROM audit_log')).rows[0].n)).toBeGreaterThan(0);
      await expectServiceLockedOut(c);
    });
  });

  it("refuses both companies roles another organisation's database and the server's own, and a wrong password", async () => {
    for (const role of ['partnerhub_companies', 'partnerhub_companies_owner']) {
      for (const database of ['partnerhub_partners', 'partnerhub_clusters', 'postgres']) {
        expect(await refusal(urlOf(role, database)), `${role} -> ${database}`).toMatchObject({
          code: '42501',
          message: expect.stringContaining('permission denied for database'),
        });
      }
      expect(await refusal(urlOf(role, 'partnerhub_companies', 'not-the-password'))).toMatchObject({ code: '28P01' });
    }
  });

  it("keeps the superuser's generated password beside the data folder (0600); the old fixed one is refused", async () => {
    const file = join(dataDir, 'pg.password');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = readFileSync(file, 'utf8').trim();
    expect(password).toMatch(/^[\w-]{32}$/);
    expect(await refusal(urlOf('postgres', 'postgres', 'partnerhub'))).toMatchObject({ code: '28P01' });
    await withClient(urlOf('postgres', 'postgres', password), async (c) => {
      expect((await c.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0].rolsuper).toBe(true);
    });
  });

  it('hands a data folder from before the owners (the service role owned everything) to the owners at the next start', async () => {
    const superuser = urlOf('postgres', 'postgres', readFileSync(join(dataDir, 'pg.password'), 'utf8').trim());
    const counts = async () =>
      withClient(urlOf('partnerhub_companies', 'partnerhub_companies'), async (c) => ({
        companies: Number((await c.query('SELECT count(*) AS n FROM company')).rows[0].n),
        audit: Number((await c.query('SELECT count(*) AS n FROM audit_log')).rows[0].n),
      }));
    const before = await counts();
    // What an earlier `npm start` left: each service's role owned its database and everything in it, and had no owner.
    for (const name of SUBGRAPH_NAMES) {
      const [db, owner] = [`partnerhub_${name}`, `partnerhub_${name}_owner`];
      await withClient(superuser.replace(/\/postgres$/, `/${db}`), async (c) => {
        await c.query(`REASSIGN OWNED BY "${owner}" TO "${db}"`);
        await c.query(`GRANT ALL ON DATABASE "${db}" TO "${db}"`);
        await c.query(`GRANT ALL ON SCHEMA public TO "${db}"`);
      });
    }
    const stored = passwords();
    writeFileSync(rolesFile(dataDir), JSON.stringify(Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, stored[n]]))), { mode: 0o600 });
    launcher.interrupt();
    await launcher.exited;
    launcher = new LauncherProcess(env);
    await launcher.saw(/^ready$/, 300_000);

    expect(await counts()).toEqual(before);
    expect(Object.keys(passwords()).sort()).toEqual([...SUBGRAPH_NAMES, ...SUBGRAPH_NAMES.map((n) => `${n}_owner`)].sort());
    for (const name of ['companies', 'partners']) {
      await withClient(urlOf(`partnerhub_${name}`, `partnerhub_${name}`), (c) => expectServiceLockedOut(c, `${name}: `));
    }
    await withClient(superuser.replace(/\/postgres$/, '/partnerhub_registry'), async (c) => {
      const { rows } = await c.query(
        `SELECT pg_get_userbyid(datdba) AS db_owner, has_database_privilege('partnerhub_registry', datname, 'CREATE') AS service_create,
                (SELECT array_agg(DISTINCT pg_get_userbyid(relowner)::text) FROM pg_class WHERE relnamespace = 'public'::regnamespace) AS table_owners
           FROM pg_database WHERE datname = current_database()`,
      );
      expect(rows[0]).toEqual({
        db_owner: 'partnerhub_registry_owner',
        service_create: false,
        table_owners: ['partnerhub_registry_owner'],
      });
    });
  }, 360_000);

  it('npm run evidence -- check walks every chain beside the running hub, with the services’ own credentials', async () => {
    const res = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ['-r', '@swc-node/register', 'scripts/evidence.ts', 'check'],
        { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, timeout: 120_000 },
        (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    for (const name of SUBGRAPH_NAMES)
      expect(res.stdout).toMatch(new RegExp(`^${name} audit_log: \\d+ records, head seq \\d+: intact$`, 'm'));
    expect(res.stdout).toMatch(/^companies disclosure: \d+ records, head seq \d+: intact$/m);
  });
});

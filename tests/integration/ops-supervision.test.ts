/**
 * Supervision (issue 12, item 1) with the real launcher: `npm start`'s
 * scripts/start.ts runs as a child process on free ports and fresh databases,
 * and starts every service itself.
 *
 * - kill -9 of a subgraph: the gateway keeps answering the other subgraphs'
 *   fields, the killed one's are null with SUBGRAPH_UNAVAILABLE naming it, and
 *   the launcher restarts it with nobody's help (the time it takes is printed);
 * - Ctrl-C (SIGINT to the launcher's process group) stops everything: exit 0,
 *   no process the launcher started is left, nothing restarted during shutdown;
 * - a service that keeps crashing makes the launcher give up loudly and exit 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envKey, portKey, SERVICE_NAMES, SUBGRAPH_NAMES } from '../../platform/services';
import { freePort, graphql, TestDatabases } from '../helpers/hub';
import { alive, LauncherProcess, sleep, waitFor } from '../helpers/processes';

const QUERY = `query Supervised($partner: ID!) {
  companies(first: 1) { edges { node { id name } } }
  cluster(code: CLEANTECH) { code }
  partner(id: $partner) { id }
}`;

describe('the launcher restarts a subgraph that was killed', () => {
  const databases = new TestDatabases();
  let dataDir: string;
  let launcher: LauncherProcess;
  let gatewayUrl: string;
  let partnerId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'partnerhub-supervision-'));
    const env: Record<string, string> = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      HUB_DATA_DIR: dataDir,
      DB_POOL_SIZE: '3',
    };
    for (const name of SERVICE_NAMES) env[portKey(name)] = String(await freePort());
    for (const name of SUBGRAPH_NAMES) {
      env[envKey(name, 'DATABASE_URL')] = await databases.create(name);
      env[envKey(name, 'MIGRATION_DATABASE_URL')] = databases.ownerUrl(env[envKey(name, 'DATABASE_URL')]);
    }
    gatewayUrl = `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`;
    launcher = new LauncherProcess(env);
    await launcher.saw(/^ready$/, 240_000);
    const first = await graphql(gatewayUrl, '{ partners(first: 1) { edges { node { id } } } }');
    partnerId = first.data.partners.edges[0].node.id;
  }, 300_000);

  afterAll(async () => {
    if (launcher && !launcher.exit) {
      launcher.interrupt();
      await Promise.race([launcher.exited, sleep(30_000)]);
      launcher.killGroup();
    }
    await databases.dropAll();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('logs the pid of every service it started', () => {
    expect(Object.keys(launcher.pids()).sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it('keeps answering the other subgraphs while partners is down, and serves partners again by itself', async () => {
    const before = await graphql(gatewayUrl, QUERY, { partner: partnerId });
    expect(before.errors).toBeUndefined();
    expect(before.data.partner.id).toBe(partnerId);

    const saysBefore = launcher.says().length;
    const killed = launcher.pids().partners;
    const killedAt = Date.now();
    process.kill(killed, 'SIGKILL');
    await launcher.saw(/^partners stopped unexpectedly \(SIGKILL\); restarting in 500 ms/, 10_000, saysBefore);

    // Meanwhile: the other subgraphs' fields answer, partner is null with SUBGRAPH_UNAVAILABLE naming partners.
    const during = await graphql(gatewayUrl, QUERY, { partner: partnerId });
    expect(during.status).toBe(200);
    expect(during.data.companies.edges).toHaveLength(1);
    expect(during.data.cluster).toEqual({ code: 'CLEANTECH' });
    expect(during.data.partner).toBeNull();
    expect(during.errors).toHaveLength(1);
    expect(during.errors![0]).toMatchObject({ path: ['partner'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'partners' } });
    expect(during.errors![0].message).toMatch(/^The partners subgraph is unavailable/);

    // Nobody restarts it here: the launcher does, with a new pid.
    const answeredAt = await waitFor(
      'partners answering again through the gateway',
      async () => {
        const res = await graphql(gatewayUrl, QUERY, { partner: partnerId });
        return res.data?.partner?.id === partnerId && !res.errors && Date.now();
      },
      60_000,
      100,
    );
    const restartMs = answeredAt - killedAt;
    console.log(`[ops-supervision] partners answered again through the gateway ${restartMs} ms after kill -9 (target 10000 ms)`);
    expect(restartMs).toBeLessThan(30_000);
    const restarted = launcher.pids().partners;
    expect(restarted).not.toBe(killed);
    expect(alive(restarted)).toBe(true);
    expect(launcher.exit).toBeUndefined();
  }, 90_000);

  it('Ctrl-C stops every service it ever started, restarts nothing during shutdown, and exits 0', async () => {
    const pids = launcher.allPids();
    expect(pids.length).toBe(SERVICE_NAMES.length + 1); // one restart above
    const saysBefore = launcher.says().length;
    launcher.interrupt();
    const exit = await Promise.race([launcher.exited, sleep(60_000).then(() => undefined)]);
    expect(exit, launcher.tail()).toEqual({ code: 0, signal: null });
    const after = launcher.says().slice(saysBefore);
    expect(after).toContain('stopped');
    expect(after.filter((l) => / started \(pid|restarting/.test(l))).toEqual([]);
    await waitFor('every service process gone', async () => pids.every((pid) => !alive(pid)), 10_000);
  }, 90_000);
});

describe('the launcher gives up on a service that keeps crashing', () => {
  it('stops the hub and exits 1, naming the service and the failures', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'partnerhub-giveup-'));
    // Every service refuses this trust configuration at once (exit 1), so each one keeps crashing.
    const env: Record<string, string> = {
      NODE_ENV: 'development',
      HUB_DATA_DIR: dataDir,
      HUB_TRUST_CONFIG: join(dataDir, 'no-such-trust.json'),
      RESTART_BACKOFF_MS: '100',
      RESTART_MAX_BACKOFF_MS: '400',
      RESTART_MAX_FAILURES: '3',
      RESTART_WINDOW_MS: '60000',
    };
    for (const name of SERVICE_NAMES) env[portKey(name)] = String(await freePort());
    // Set, so the launcher starts no embedded PostgreSQL; never reached.
    for (const name of SUBGRAPH_NAMES) env[envKey(name, 'DATABASE_URL')] = 'postgres://nobody@127.0.0.1:1/none';
    const launcher = new LauncherProcess(env);
    try {
      const exit = await Promise.race([launcher.exited, sleep(90_000).then(() => undefined)]);
      expect(exit, launcher.tail()).toEqual({ code: 1, signal: null });
      const says = launcher.says();
      const gaveUp = says.find((l) => /stopped unexpectedly \(exit 1\) 3 times within 60 s: giving up on it; stopping the hub$/.test(l));
      expect(gaveUp, launcher.tail()).toBeDefined();
      const name = gaveUp!.split(' ')[0];
      // Restarted with growing delays before giving up: 100 ms, then 200 ms.
      expect(says).toContain(`${name} stopped unexpectedly (exit 1); restarting in 100 ms (failure 1 of 3 allowed within 60 s)`);
      expect(says).toContain(`${name} stopped unexpectedly (exit 1); restarting in 200 ms (failure 2 of 3 allowed within 60 s)`);
      expect(launcher.output.join('\n')).toContain('configuration error: HUB_TRUST_CONFIG');
      expect(says.at(-1)).toBe('stopped');
      await waitFor('every service process gone', async () => launcher.allPids().every((pid) => !alive(pid)), 10_000);
    } finally {
      launcher.killGroup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

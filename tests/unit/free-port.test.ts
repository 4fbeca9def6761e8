import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/hub/processes';

describe('freePort', () => {
  it('answers ports below the ephemeral range that a server can then listen on, and never one that is taken', async () => {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(low);
    }
    const servers = await Promise.all(
      ports.slice(0, 5).map(
        (port) =>
          new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
            const srv = createServer();
            srv.once('error', reject);
            srv.listen(port, '127.0.0.1', () => resolve(srv));
          }),
      ),
    );
    try {
      const more = await Promise.all(Array.from({ length: 50 }, () => freePort()));
      for (const port of more) expect(ports.slice(0, 5)).not.toContain(port);
    } finally {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    }
  });

  it('never answers one port twice in a process, though each probe closes its port at once (a hub draws all its ports before listening)', async () => {
    // 600 draws from about 12,800 ports: without the rule, some number comes twice almost surely (birthday bound).
    const drawn: number[] = [];
    for (let i = 0; i < 12; i++) drawn.push(...(await Promise.all(Array.from({ length: 50 }, () => freePort()))));
    expect(new Set(drawn).size).toBe(drawn.length);
  });
});

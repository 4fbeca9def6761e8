import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../scripts/hub/embedded-postgres';
import type { PostgresServer } from '../../scripts/hub/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server the tests create their databases on. */
    postgresAdminUrl: string;
  }
}

let embedded: PostgresServer | undefined;
let dir: string | undefined;

/**
 * PostgreSQL for the whole run: TEST_DATABASE_URL when set (CI points it at the
 * machine's server), else an embedded server in a temporary folder.
 */
export async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    dir = mkdtempSync(join(tmpdir(), 'partnerhub-test-pg-'));
    chmodSync(dir, 0o755); // as root the server runs as a separate system user
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = await startEmbeddedPostgres(join(dir, 'pg'), port);
    embedded = server;
    url = server.urlFor('postgres');
  }
  project.provide('postgresAdminUrl', url);
}

export async function teardown() {
  await embedded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/**
 * Prints a development token (HS256, signed with HUB_JWT_SECRET or the secret
 * `npm start` generated in .partnerhub/jwt-secret).
 *   npm run token -- --org vlaams-brabant --roles editor --sub dev-editor [--expires 8h]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signDevelopmentToken } from '../platform/auth';
import { loadAuthConfig } from '../platform/config';
import { loadLauncherConfig } from './hub/config';

async function main() {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      roles: { type: 'string', default: '' },
      sub: { type: 'string', default: 'dev-user' },
      expires: { type: 'string', default: '8h' },
    },
  });
  const launcher = loadLauncherConfig();
  const secretFile = join(launcher.dataDir, 'jwt-secret');
  const secret = launcher.jwtSecret ?? (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : undefined);
  if (!secret) throw new Error('No signing secret: set HUB_JWT_SECRET, or run `npm start` once to generate one.');
  const { organisations } = loadAuthConfig(launcher.env);
  if (!values.org || !organisations.includes(values.org)) {
    throw new Error(`--org must be one of: ${organisations.join(', ')}`);
  }
  const roles = values.roles
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const jwt = await signDevelopmentToken({ org: values.org, roles, sub: values.sub }, secret, values.expires);
  process.stdout.write(`${jwt}\n`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

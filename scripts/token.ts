/**
 * Prints a token issued by an organisation's development identity provider
 * (the hub must be running: `npm start`):
 *
 *   npm run token -- --org chengdu --roles editor,steward --sub li.wei
 *       signs in at chengdu's provider as li.wei with those roles (the
 *       development sign-in, authorization code + PKCE) and prints the access token
 *   npm run token -- --org vlaams-brabant --machine
 *       the client-credentials token of vlaams-brabant's machine client (role editor)
 *
 * Only that organisation's issuer is asked: a token always speaks for the
 * organisation of the provider that issued it.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadOrExit } from '../platform/config';
import { ROLES } from '../platform/organisations';
import { readTrustConfig } from '../platform/trust';
import { developmentSignIn, machineToken } from './identity/client';
import { machineClient } from './identity/keys';
import { loadLauncherConfig } from './hub/config';

async function main() {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      roles: { type: 'string', default: '' },
      sub: { type: 'string', default: 'dev-user' },
      machine: { type: 'boolean', default: false },
    },
  });
  const launcher = loadOrExit('token', () => loadLauncherConfig());
  const trustPath = launcher.trustConfig ?? launcher.developmentTrustPath;
  if (!existsSync(trustPath)) throw new Error(`${trustPath} does not exist yet: start the hub once with \`npm start\`.`);
  const trust = readTrustConfig(trustPath);
  const org = trust.organisations.find((o) => o.id === values.org);
  if (!org) throw new Error(`--org must be one of: ${trust.organisations.map((o) => o.id).join(', ')}`);
  const roles = values.roles
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`--roles: unknown role ${unknown.join(', ')} (roles: ${ROLES.join(', ')})`);
  let jwt: string;
  if (values.machine) {
    const client = machineClient(launcher.identityKeysDir, org.id);
    if (!client) throw new Error(`No machine client of ${org.id} in ${launcher.identityKeysDir}: run \`npm start\` once.`);
    jwt = await machineToken(org.issuer, client);
  } else {
    jwt = await developmentSignIn(org.issuer, { sub: values.sub, roles });
  }
  process.stdout.write(`${jwt}\n`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

/**
 * The development providers' secrets, kept in a git-ignored folder
 * (.partnerhub/identity by default) so that tokens survive a restart:
 * each organisation's signing keys (a private JWKS, newest first), the cookie
 * keys, and the secret of each organisation's machine client.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonFile, writeFileAtomic } from '../files';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** The signing algorithm of the development providers (P-256 keys: small and fast to generate). */
export const SIGNING_ALG = 'ES256';

export interface PrivateJwks {
  keys: (JWK & { kid: string })[];
}

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

export async function newSigningKey(): Promise<JWK & { kid: string }> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: SIGNING_ALG, use: 'sig' };
}

export function signingKeysFile(dir: string, org: string): string {
  return join(dir, `${org}.private-jwks.json`);
}

/** The organisation's signing keys; a new key when there are none yet. */
export async function loadSigningKeys(dir: string, org: string): Promise<PrivateJwks> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = signingKeysFile(dir, org);
  const existing = readJson<PrivateJwks>(file);
  if (existing?.keys?.length) return existing;
  const jwks = { keys: [await newSigningKey()] };
  writeFileAtomic(file, jsonFile(jwks));
  return jwks;
}

/**
 * Key rotation as an identity provider does it: a new key signs from now on;
 * the previous one stays published (tokens it signed keep verifying) unless
 * `keepPrevious` is false, when it is removed at once.
 */
export async function rotateSigningKeys(dir: string, org: string, keepPrevious: boolean): Promise<PrivateJwks> {
  const current = await loadSigningKeys(dir, org);
  const jwks = { keys: [await newSigningKey(), ...(keepPrevious ? current.keys.slice(0, 1) : [])] };
  writeFileAtomic(signingKeysFile(dir, org), jsonFile(jwks));
  return jwks;
}

/** The public half of a private JWKS, as an issuer publishes it. */
export function publicJwks(jwks: PrivateJwks): { keys: JWK[] } {
  return { keys: jwks.keys.map(({ kty, crv, x, y, n, e, kid, alg, use }) => ({ kty, crv, x, y, n, e, kid, alg, use })) };
}

interface Secrets {
  cookieKeys: string[];
  machineClients: Record<string, string>;
}

/** Cookie keys and machine-client secrets, created on first use. */
export function loadSecrets(dir: string, orgs: string[]): Secrets {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'secrets.json');
  const secrets = readJson<Secrets>(file) ?? { cookieKeys: [randomBytes(32).toString('base64url')], machineClients: {} };
  let changed = !existsSync(file);
  for (const org of orgs) {
    if (!secrets.machineClients[org]) {
      secrets.machineClients[org] = randomBytes(32).toString('base64url');
      changed = true;
    }
  }
  if (changed) writeFileAtomic(file, jsonFile(secrets));
  return secrets;
}

/** The machine client of an organisation: its id at that organisation's provider, and its secret. */
export function machineClient(dir: string, org: string): { clientId: string; clientSecret: string } | undefined {
  const secret = readJson<Secrets>(join(dir, 'secrets.json'))?.machineClients[org];
  return secret ? { clientId: machineClientId(org), clientSecret: secret } : undefined;
}

export const machineClientId = (org: string) => `${org}-machine`;

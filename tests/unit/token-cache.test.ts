/**
 * TokenVerifier's cache of verified tokens (TOKEN_CACHE_MS): a token that
 * verified is taken as verified again for `cacheMs`, never past its `exp`;
 * refusals are not cached; with 0 every request is checked. Real keys, real
 * signatures, a real key file whose key is withdrawn.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenVerifier } from '../../platform/auth';
import { parseTrustConfig, type TrustConfig } from '../../platform/trust';
import { developmentTrustConfig } from '../../scripts/identity/development';
import { SIGNING_ALG } from '../../scripts/identity/keys';

const dir = mkdtempSync(join(tmpdir(), 'partnerhub-token-cache-'));
const keyFile = join(dir, 'vlaams-brabant.jwks.json');
let trust: TrustConfig;
let privateKey: CryptoKey;
let issuer: string;
let audience: string;

beforeAll(async () => {
  const pair = await generateKeyPair(SIGNING_ALG, { extractable: true });
  privateKey = pair.privateKey as CryptoKey;
  writeFileSync(keyFile, JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: SIGNING_ALG, use: 'sig' }] }));
  const json = developmentTrustConfig({ origin: 'http://127.0.0.1:4010' });
  json.organisations[0].keys = { jwksFile: keyFile };
  // Read the key file again at every check (no key cache), so only the token cache can keep a withdrawn key working.
  (json as { keyCache: object }).keyCache = { maxAgeSeconds: 1, cooldownSeconds: 0, timeoutSeconds: 5 };
  trust = parseTrustConfig(json, 'trust.json', dir);
  issuer = trust.organisations[0].issuer;
  audience = trust.organisations[0].audience;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sign = (sub: string, expiresInSeconds = 600) =>
  new SignJWT({ org: 'vlaams-brabant', roles: ['editor'] })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: 'k1' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign(privateKey);

const withdrawKey = () => writeFileSync(keyFile, JSON.stringify({ keys: [] }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the cache of verified tokens', () => {
  it('takes a verified token as verified for cacheMs (a withdrawn key keeps it working that long, not a new token), and checks every time with 0', async () => {
    const cached = new TokenVerifier(trust, { cacheMs: 60_000 });
    const uncached = new TokenVerifier(trust, { cacheMs: 0 });
    const known = await sign('known');
    const fresh = await sign('fresh');
    expect(await cached.verify(known)).toEqual({ sub: 'known', org: 'vlaams-brabant', roles: ['editor'] });
    expect(await uncached.verify(known)).toMatchObject({ sub: 'known' });
    withdrawKey();
    await sleep(1100); // past the key file's maximum age: the next check reads the file again
    expect(await cached.verify(known)).toMatchObject({ sub: 'known' });
    await expect(cached.verify(fresh)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(uncached.verify(known)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('never past the token expiry, and a caller changing its copy changes nothing', async () => {
    const pair = await generateKeyPair(SIGNING_ALG, { extractable: true });
    privateKey = pair.privateKey as CryptoKey;
    writeFileSync(keyFile, JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: SIGNING_ALG, use: 'sig' }] }));
    await sleep(1100);
    const verifier = new TokenVerifier(trust, { cacheMs: 60_000 });
    const shortLived = await sign('short', 1);
    const first = await verifier.verify(shortLived);
    first.roles.push('steward');
    expect((await verifier.verify(shortLived)).roles).toEqual(['editor']);
    // Past exp and the verifier's 5 s clock tolerance; the cache (60 s) must not keep it.
    await sleep(6600);
    await expect(verifier.verify(shortLived)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

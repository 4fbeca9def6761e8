/**
 * The organisation's evidence key: signs bundles (JWS, RFC 7515). EdDSA
 * (Ed25519) by default; an ES256 key file works too. In production the key is
 * a configured private JWK file (EVIDENCE_KEY_FILE); in development one is
 * generated per organisation into `.partnerhub/evidence/` with its public half
 * beside it (`<org>.public.jwk.json`), which is what a verifier is given.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonFile, writeFileAtomic } from '../files';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export const DEFAULT_EVIDENCE_ALG = 'EdDSA';
const ALGORITHMS = ['EdDSA', 'ES256'] as const;

export interface EvidenceKey {
  alg: string;
  kid: string;
  privateKey: CryptoKey;
  /** The public half, as a verifier needs it. */
  publicJwk: JWK;
}

export const devKeyFiles = (dir: string, org: string) => ({
  privateFile: join(dir, `${org}.private.jwk.json`),
  publicFile: join(dir, `${org}.public.jwk.json`),
});

/** The algorithm a JWK is for: its `alg`, else what its curve implies. */
export function algOf(jwk: JWK): string {
  const alg =
    jwk.alg ?? (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' ? 'EdDSA' : jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : undefined);
  if (!alg || !(ALGORITHMS as readonly string[]).includes(alg)) {
    throw new Error(`the evidence key must be an Ed25519 (EdDSA) or P-256 (ES256) JWK, got kty ${jwk.kty} crv ${jwk.crv} alg ${jwk.alg}`);
  }
  return alg;
}

export function publicHalf(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  return pub;
}

async function fromPrivateJwk(jwk: JWK, source: string): Promise<EvidenceKey> {
  if (!jwk.d) throw new Error(`${source} is not a private key (no "d")`);
  const alg = algOf(jwk);
  const publicJwk = publicHalf(jwk);
  return {
    alg,
    kid: jwk.kid ?? (await calculateJwkThumbprint(publicJwk)),
    privateKey: (await importJWK(jwk, alg)) as CryptoKey,
    publicJwk: { ...publicJwk, alg },
  };
}

/** The configured key file, or the organisation's development key (made on first use). */
export async function loadEvidenceKey(options: { keyFile?: string; devKeysDir: string; org: string }): Promise<EvidenceKey> {
  if (options.keyFile) return fromPrivateJwk(JSON.parse(readFileSync(options.keyFile, 'utf8')) as JWK, options.keyFile);
  const { privateFile, publicFile } = devKeyFiles(options.devKeysDir, options.org);
  if (!existsSync(privateFile)) {
    mkdirSync(options.devKeysDir, { recursive: true, mode: 0o700 });
    const { privateKey } = await generateKeyPair(DEFAULT_EVIDENCE_ALG, { crv: 'Ed25519', extractable: true });
    const jwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(publicHalf(jwk));
    writeFileAtomic(privateFile, jsonFile({ ...jwk, kid, alg: DEFAULT_EVIDENCE_ALG, use: 'sig' }));
    writeFileAtomic(publicFile, jsonFile({ ...publicHalf(jwk), kid, alg: DEFAULT_EVIDENCE_ALG, use: 'sig' }), 0o644);
  }
  return fromPrivateJwk(JSON.parse(readFileSync(privateFile, 'utf8')) as JWK, privateFile);
}

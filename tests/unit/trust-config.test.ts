import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { developmentTrustConfig, EXAMPLE_TRUST_CONFIG } from '../../scripts/identity/development';
import { ConfigError, loadCommonConfig } from '../../platform/config';
import { DATA_SET_INFO } from '../../platform/organisations';
import { ROOT } from '../../platform/paths';
import { crossesBorder, parseTrustConfig, readTrustConfig, TrustConfigError } from '../../platform/trust';

const dir = mkdtempSync(join(tmpdir(), 'partnerhub-trust-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const example = () => JSON.parse(readFileSync(EXAMPLE_TRUST_CONFIG, 'utf8'));

function parse(json: unknown) {
  return parseTrustConfig(json, 'trust.json', dir);
}

describe('the trust configuration', () => {
  it('reads the committed example: three organisations, their jurisdictions, issuers and data sets', () => {
    const trust = readTrustConfig(EXAMPLE_TRUST_CONFIG);
    expect(trust.organisations.map((o) => [o.id, o.jurisdiction, o.dataSets])).toEqual([
      ['vlaams-brabant', 'EU', ['COMPANY_CONTACTS']],
      ['smart-hub', 'EU', []],
      ['chengdu', 'CN', ['PARTNER_CONTACTS']],
    ]);
    expect(trust.organisations[0]).toMatchObject({ rolesClaim: 'realm_access.roles', subjectClaim: 'sub' });
    expect(trust.organisations[1]).toMatchObject({ subjectClaim: 'oid', roleMap: { 'PartnerHub.Editor': 'editor' } });
    expect(trust.keyCache).toEqual({ maxAgeMs: 300_000, cooldownMs: 10_000, timeoutMs: 5_000 });
    expect(crossesBorder(trust, 'vlaams-brabant', 'chengdu')).toBe(true);
    expect(crossesBorder(trust, 'vlaams-brabant', 'smart-hub')).toBe(false);
  });

  it('the development configuration keeps the example organisations and binds each to its own provider', () => {
    const trust = parse(developmentTrustConfig({ origin: 'http://127.0.0.1:4010' }));
    expect(trust.organisations.map((o) => [o.id, o.issuer, 'jwksUrl' in o.keys && o.keys.jwksUrl])).toEqual([
      ['vlaams-brabant', 'http://127.0.0.1:4010/vlaams-brabant', 'http://127.0.0.1:4010/vlaams-brabant/jwks'],
      ['smart-hub', 'http://127.0.0.1:4010/smart-hub', 'http://127.0.0.1:4010/smart-hub/jwks'],
      ['chengdu', 'http://127.0.0.1:4010/chengdu', 'http://127.0.0.1:4010/chengdu/jwks'],
    ]);
  });

  it('resolves a key file relative to the configuration file', () => {
    const json = example();
    json.organisations[2].keys = { jwksFile: 'keys/chengdu.jwks.json' };
    expect(parse(json).organisations[2].keys).toEqual({ jwksFile: join(dir, 'keys/chengdu.jwks.json') });
  });

  const mistakes: [string, (json: any) => void, RegExp][] = [
    ['a misspelt setting', (j) => (j.organisations[0].rolesclaim = 'roles'), /organisations\[0\]\.rolesclaim: unknown setting/],
    [
      'two organisations with one issuer',
      (j) => (j.organisations[1].issuer = j.organisations[0].issuer),
      /organisations\[1\]\.issuer: .* is also used by vlaams-brabant/,
    ],
    ['a duplicate id', (j) => (j.organisations[2].id = 'smart-hub'), /organisations\[2\]\.id: "smart-hub" is also used/],
    [
      'an issuer over plain http',
      (j) => (j.organisations[0].issuer = 'http://login.example.org'),
      /organisations\[0\]\.issuer: must be an https URL/,
    ],
    ['no keys', (j) => delete j.organisations[0].keys, /organisations\[0\]\.keys: must be an object/],
    ['both a JWKS URL and a file', (j) => (j.organisations[0].keys.jwksFile = 'x.json'), /give exactly one of jwksUrl, jwksFile/],
    ['no audience', (j) => delete j.organisations[0].audience, /organisations\[0\]\.audience: must be a non-empty string/],
    ['an unknown jurisdiction', (j) => (j.organisations[2].jurisdiction = 'US'), /jurisdiction: must be one of EU, CN/],
    ['a symmetric algorithm', (j) => (j.organisations[0].algorithms = ['HS256']), /algorithms\[0\]: must be one of/],
    [
      'a role map to an unknown role',
      (j) => (j.organisations[1].roleMap = { Admin: 'admin' }),
      /roleMap\.Admin: must be one of editor, steward/,
    ],
    ['a missing owner', (j) => j.organisations.splice(2, 1), /must list "chengdu"/],
    [
      'a data set claimed by another organisation',
      (j) => j.organisations[1].dataSets.push('PARTNER_CONTACTS'),
      /PARTNER_CONTACTS belongs to chengdu/,
    ],
    ['an owner that does not list its data set', (j) => (j.organisations[0].dataSets = []), /must list COMPANY_CONTACTS/],
    [
      'a key cache cool-down longer than its age',
      (j) => (j.keyCache = { maxAgeSeconds: 5, cooldownSeconds: 10 }),
      /cooldownSeconds: must not exceed/,
    ],
  ];
  for (const [label, change, message] of mistakes) {
    it(`refuses ${label}, naming the place`, () => {
      const json = example();
      change(json);
      expect(() => parse(json)).toThrow(TrustConfigError);
      expect(() => parse(json)).toThrow(message);
    });
  }

  it('names every data set once, with the owner of the subgraph that holds it', () => {
    expect(DATA_SET_INFO).toEqual({
      COMPANY_CONTACTS: { subgraph: 'companies', owner: 'vlaams-brabant', type: 'Company', field: 'contact' },
      PARTNER_CONTACTS: { subgraph: 'partners', owner: 'chengdu', type: 'Partner', field: 'contact' },
    });
  });
});

describe('the configuration loaders', () => {
  const file = join(dir, 'trust.json');
  writeFileSync(file, JSON.stringify(developmentTrustConfig({ origin: 'http://127.0.0.1:4010' })));

  it('need HUB_TRUST_CONFIG', () => {
    expect(() => loadCommonConfig({})).toThrow(/HUB_TRUST_CONFIG is required/);
    expect(() => loadCommonConfig({ HUB_TRUST_CONFIG: join(dir, 'missing.json') })).toThrow(/missing\.json: cannot be read \(ENOENT\)/);
    expect(loadCommonConfig({ HUB_TRUST_CONFIG: file }).trust.organisations).toHaveLength(3);
  });

  for (const retired of ['HUB_ORGANISATIONS', 'HUB_JWT_SECRET', 'HUB_JWKS_URL', 'HUB_JWT_ISSUER', 'HUB_JWT_AUDIENCE']) {
    it(`refuse ${retired}, which version 1 read`, () => {
      expect(() => loadCommonConfig({ HUB_TRUST_CONFIG: file, [retired]: 'x' })).toThrow(ConfigError);
      expect(() => loadCommonConfig({ HUB_TRUST_CONFIG: file, [retired]: 'x' })).toThrow(`${retired} is no longer read`);
    });
  }

  it('stop a service at start with one line naming the setting', () => {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'gateway/index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HUB_TRUST_CONFIG: file, HUB_JWT_SECRET: 'a-secret-from-version-one-000000000000' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^gateway: configuration error: HUB_JWT_SECRET is no longer read: .*HUB_TRUST_CONFIG/);
  });
});

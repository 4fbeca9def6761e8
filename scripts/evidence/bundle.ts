/**
 * Evidence bundles (issue 14, items 4 and 5): what an organisation hands to a
 * regulator or a data subject, verifiable offline by anyone with its public key.
 *
 * A bundle holds, for a period, every record of the hash-chained trails
 * (subgraphs/kit/trail.ts) of the databases the organisation owns — its audit
 * entries and its disclosure records — each with its seq, prev_hash and hash;
 * where each trail's period starts (the hash before it) and ends, and the
 * live chain head at export; and the cross-border register: the disclosures
 * per recipient, purpose, agreement and legal basis, cross-border ones
 * marked. It is signed as a JWS with detached content (RFC 7515, appendix F)
 * over the RFC 8785 canonical JSON of the bundle, so the file stays readable
 * JSON and any change to it breaks the signature.
 *
 * `verifyEvidence` checks every chain link first, so that a changed, removed
 * or reordered record is named (trail and seq), then the register against the
 * records, then the signature.
 */
import { base64url, compactVerify, CompactSign, importJWK, type JWK } from 'jose';
import { canonical, verifyChain, type ChainBreak, type ChainLink } from '../../platform/chain';
import { SUBGRAPH_OWNERS } from '../../platform/organisations';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/services';
import type { TrustConfig } from '../../platform/trust';
import { compareRegisterLines, REGISTER_KEY, registerKeyOf, type RegisterCounts, type RegisterKey } from '../../subgraphs/kit/register';
import { readTrail, trailHead, trailsOf, type TrailName } from '../../subgraphs/kit/trail';
import { withClient } from '../hub/postgres';
import { algOf, type EvidenceKey } from './keys';

export const BUNDLE_FORMAT = 'partnerhub-evidence/1';
/** The JWS `typ` of a bundle's signature. */
export const BUNDLE_TYP = 'partnerhub-evidence+jws';

export interface TrailSection {
  subgraph: SubgraphName;
  trail: TrailName;
  /** The first record of the period and the hash before it (GENESIS for the first record of the chain). */
  start: { seq: number; prevHash: string };
  /** The last record of the period (null: no records in it). */
  end: { seq: number; hash: string } | null;
  /** The chain's head when the bundle was made. */
  head: { seq: number; hash: string } | null;
  records: ChainLink[];
}

/**
 * One line of the bundle's cross-border register: the API's key and counts
 * (subgraphs/kit/register.ts), instants as ISO strings, with the recipient's
 * jurisdiction and the agreement's legal basis written out.
 */
export interface EvidenceRegisterLine extends RegisterKey, RegisterCounts<string> {
  recipientJurisdiction: string | null;
  legalBasis: string | null;
}

export interface EvidenceBundle {
  format: typeof BUNDLE_FORMAT;
  organisation: { id: string; name: string; jurisdiction: string };
  /** [from, to): instants, UTC. */
  period: { from: string; to: string };
  exportedAt: string;
  key: { alg: string; kid: string; publicJwk: JWK };
  trails: TrailSection[];
  register: EvidenceRegisterLine[];
}

export interface EvidenceFile {
  bundle: EvidenceBundle;
  /** Compact JWS with detached payload (`header..signature`) over canonical(bundle). */
  signature: string;
}

/** The databases whose trails are the organisation's own. */
export function ownedSubgraphs(org: string): SubgraphName[] {
  return SUBGRAPH_NAMES.filter((n) => SUBGRAPH_OWNERS[n] === org);
}

/**
 * The register, counted from the disclosure records; legal bases and
 * jurisdictions looked up. Grouped by the kit's REGISTER_KEY and ordered by
 * compareRegisterLines, as the API's register (subgraphs/kit/register.ts).
 */
export function registerOf(
  trails: readonly TrailSection[],
  lookup: { legalBasis: (agreementId: string) => string | null; jurisdiction: (org: string) => string | null },
): EvidenceRegisterLine[] {
  const lines = new Map<string, EvidenceRegisterLine & { requestIds: Set<string> }>();
  for (const section of trails) {
    if (section.trail !== 'disclosure') continue;
    for (const { record: r } of section.records) {
      const key = JSON.stringify(REGISTER_KEY.map((column) => r[column]));
      let line = lines.get(key);
      if (!line) {
        const lineKey = registerKeyOf(r);
        line = {
          ...lineKey,
          recipientJurisdiction: lookup.jurisdiction(lineKey.recipient),
          legalBasis: lookup.legalBasis(lineKey.agreementId),
          disclosures: 0,
          requests: 0,
          first: String(r.at),
          last: String(r.at),
          requestIds: new Set(),
        };
        lines.set(key, line);
      }
      line.disclosures++;
      line.requestIds.add(String(r.request_id));
      line.requests = line.requestIds.size;
      if (String(r.at) < line.first) line.first = String(r.at);
      if (String(r.at) > line.last) line.last = String(r.at);
    }
  }
  return [...lines.values()].map(({ requestIds: _r, ...line }) => line).sort(compareRegisterLines);
}

/** Reads the organisation's trails for the period from its databases and signs the bundle. */
export async function exportEvidence(options: {
  org: string;
  period: { from: Date; to: Date };
  databaseUrls: Record<SubgraphName, string>;
  trust: TrustConfig;
  key: EvidenceKey;
  now?: Date;
}): Promise<EvidenceFile> {
  const { org, period, databaseUrls, trust, key } = options;
  const organisation = trust.organisations.find((o) => o.id === org);
  if (!organisation) throw new Error(`--org must be one of: ${trust.organisations.map((o) => o.id).join(', ')}`);
  const subgraphs = ownedSubgraphs(org);
  if (subgraphs.length === 0) throw new Error(`${org} owns no subgraph: it has no trails of its own to export`);
  const trails: TrailSection[] = [];
  for (const subgraph of subgraphs) {
    await withClient(databaseUrls[subgraph], async (c) => {
      for (const trail of await trailsOf(c)) {
        // The period's records as one contiguous stretch of the chain (seq range), so that it verifies on its own.
        const links = await readTrail(
          c,
          trail,
          `t.seq BETWEEN (SELECT min(seq) FROM ${trail} WHERE at >= $1 AND at < $2) AND (SELECT max(seq) FROM ${trail} WHERE at >= $1 AND at < $2)`,
          [period.from, period.to],
        );
        const first = links[0];
        const last = links[links.length - 1];
        trails.push({
          subgraph,
          trail,
          start: first ? { seq: first.record.seq, prevHash: first.prevHash } : { seq: 0, prevHash: '' },
          end: last ? { seq: last.record.seq, hash: last.hash } : null,
          head: await trailHead(c, trail),
          records: links.map(({ record, prevHash, hash }) => ({ record, prevHash, hash })),
        });
      }
    });
  }
  const agreementIds = [
    ...new Set(trails.flatMap((t) => (t.trail === 'disclosure' ? t.records.map((l) => String(l.record.agreement_id)) : []))),
  ];
  const bases = new Map<string, string>();
  if (agreementIds.length) {
    await withClient(databaseUrls.registry, async (c) => {
      const { rows } = await c.query<{ id: string; legal_basis: string }>(
        'SELECT id::text AS id, legal_basis FROM sharing_agreement WHERE id::text = ANY($1)',
        [agreementIds],
      );
      for (const r of rows) bases.set(r.id, r.legal_basis);
    });
  }
  const bundle: EvidenceBundle = {
    format: BUNDLE_FORMAT,
    organisation: { id: organisation.id, name: organisation.name, jurisdiction: organisation.jurisdiction },
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    exportedAt: (options.now ?? new Date()).toISOString(),
    key: { alg: key.alg, kid: key.kid, publicJwk: key.publicJwk },
    trails,
    register: registerOf(trails, {
      legalBasis: (id) => bases.get(id) ?? null,
      jurisdiction: (id) => trust.organisations.find((o) => o.id === id)?.jurisdiction ?? null,
    }),
  };
  const jws = await new CompactSign(new TextEncoder().encode(canonical(bundle)))
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: BUNDLE_TYP })
    .sign(key.privateKey);
  const [header, , signature] = jws.split('.');
  return { bundle, signature: `${header}..${signature}` };
}

/** The outcome of `verify`: intact with a summary, or the first problem found. */
export type Verdict = { ok: true; summary: string[] } | { ok: false; problem: string; summary: string[] };

/** The first broken link of one section, named for a person. */
function sectionProblem(s: TrailSection): string | null {
  const broken: ChainBreak | null = verifyChain(s.records, s.start);
  if (broken) {
    const at = s.records[broken.index]?.record;
    const where = at && typeof at.at === 'string' ? ` (at ${at.at})` : '';
    return `${s.subgraph} ${s.trail}: ${broken.message}${where}`;
  }
  const last = s.records[s.records.length - 1];
  if (!s.end) return s.records.length ? `${s.subgraph} ${s.trail}: records present where the bundle declares none` : null;
  if (!last || last.record.seq < s.end.seq) {
    return `${s.subgraph} ${s.trail}: record seq ${(last?.record.seq ?? s.start.seq - 1) + 1} is missing (the period ends at seq ${s.end.seq})`;
  }
  if (last.record.seq > s.end.seq)
    return `${s.subgraph} ${s.trail}: record seq ${last.record.seq} is not part of the period (it ends at seq ${s.end.seq})`;
  if (last.hash !== s.end.hash) return `${s.subgraph} ${s.trail}: record seq ${last.record.seq} is not the one signed (its hash differs)`;
  return null;
}

/**
 * Verifies an evidence file offline: every chain link, the period's end, the
 * register against the records, then the signature — with `publicJwk` (the
 * owner's key, given by the verifier) or else the key the bundle names.
 */
export async function verifyEvidence(text: string, publicJwk?: JWK): Promise<Verdict> {
  const summary: string[] = [];
  let file: EvidenceFile;
  try {
    file = JSON.parse(text) as EvidenceFile;
  } catch (err) {
    return { ok: false, problem: `not an evidence file: ${(err as Error).message}`, summary };
  }
  const bundle = file?.bundle;
  if (!bundle || bundle.format !== BUNDLE_FORMAT || !Array.isArray(bundle.trails) || typeof file.signature !== 'string') {
    return { ok: false, problem: `not an evidence file of format ${BUNDLE_FORMAT}`, summary };
  }
  summary.push(
    `organisation ${bundle.organisation?.id} (${bundle.organisation?.jurisdiction}), period ${bundle.period?.from} to ${bundle.period?.to}`,
  );
  for (const s of bundle.trails) {
    const problem = sectionProblem(s);
    if (problem) return { ok: false, problem, summary };
    const range = s.end ? `seq ${s.start.seq}..${s.end.seq}` : 'none in the period';
    summary.push(
      `${s.subgraph} ${s.trail}: ${s.records.length} records (${range}), chain head at export seq ${s.head?.seq ?? 0}: links intact`,
    );
  }
  const recounted = registerOf(bundle.trails, {
    legalBasis: (id) => bundle.register.find((l) => l.agreementId === id)?.legalBasis ?? null,
    jurisdiction: (org) => bundle.register.find((l) => l.recipient === org)?.recipientJurisdiction ?? null,
  });
  if (canonical(recounted) !== canonical(bundle.register)) {
    return { ok: false, problem: 'the cross-border register does not match the disclosure records', summary };
  }
  const crossBorder = bundle.register.filter((l) => l.crossBorder).reduce((n, l) => n + l.disclosures, 0);
  summary.push(`register: ${bundle.register.length} lines, ${crossBorder} cross-border disclosures`);

  const jwk = publicJwk ?? bundle.key?.publicJwk;
  const [header, detached, signature] = file.signature.split('.');
  if (detached !== '' || !header || !signature) return { ok: false, problem: 'the signature is not a detached JWS', summary };
  try {
    const key = await importJWK(jwk, algOf(jwk));
    const payload = base64url.encode(new TextEncoder().encode(canonical(bundle)));
    const { protectedHeader } = await compactVerify(`${header}.${payload}.${signature}`, key, { algorithms: ['EdDSA', 'ES256'] });
    summary.push(
      `signature: ${protectedHeader.alg}, key ${protectedHeader.kid}${publicJwk ? ' (the key given)' : ' (the key inside the bundle: pass --key to check it is the owner’s)'}`,
    );
  } catch (err) {
    return {
      ok: false,
      problem: `the signature does not verify (${(err as Error).message}): the bundle was changed after it was signed, or signed by another key`,
      summary,
    };
  }
  return { ok: true, summary };
}

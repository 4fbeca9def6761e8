/**
 * Enforcement of sharing agreements in the subgraph that owns the data.
 *
 * A restricted field of another organisation's record (a data set such as
 * Company.contact) is shown only when an agreement in force lets the caller's
 * organisation read that data set for the purpose the request declares
 * (`Hub-Purpose`). The owner always sees its own records. Everything else is
 * null with FORBIDDEN and `extensions.reason`:
 *
 *   PURPOSE_MISSING      the request declares no purpose
 *   NO_AGREEMENT         no agreement in force on that data set for the caller's organisation
 *   PURPOSE_NOT_COVERED  agreements in force, none for that purpose
 *
 * The agreements are asked of the registry through its GraphQL API, with the
 * caller's own token (the grantee sees the agreements it received): at most
 * one lookup per subgraph request, however many records the answer holds, made
 * only when a restricted field of another organisation is asked for. The
 * answer is kept per grantee organisation while the registry's change feed is
 * followed, and dropped on every event of that feed (AgreementClient): a
 * revocation reaches the owning subgraph a few milliseconds after it commits
 * (measured: docs/trust.md), one second at most: kept answers are used only
 * while the feed has been heard within the last second (it sends this
 * follower a heartbeat every 250 ms), so even a feed whose connection dies
 * without closing stops being trusted within a second. When the feed is not
 * followed, every request asks. When the registry cannot be asked, nothing
 * restricted is shown (SUBGRAPH_UNAVAILABLE, reason AGREEMENTS_UNAVAILABLE):
 * the check fails closed.
 *
 * Every positive decision of a request is kept in `SharingGuard.disclosed`
 * (record, field, recipient, actor, purpose, agreement, cross-border): at the
 * end of the request that list is everything restricted the answer shows to
 * another organisation.
 */
import type { Principal } from '../../platform/auth';
import { ForbiddenError, HubError, UnauthenticatedError } from '../../platform/errors';
import { REQUEST_ID_HEADER } from '../../platform/http';
import { FEED_FRESH_HEARTBEAT_MS, FEED_FRESH_MS, FeedFollower } from '../../platform/change-feed';
import type { Logger } from '../../platform/logger';
import { DATA_SET_INFO, PURPOSE_HEADER, PURPOSES, type DataSet, type Purpose } from '../../platform/organisations';
import type { SubgraphMetrics } from './metrics';

/** An agreement in force, as the owning subgraph needs it. */
export interface AgreementInForce {
  id: string;
  dataSet: DataSet;
  grantor: string;
  grantee: string;
  purposes: Purpose[];
  crossBorder: boolean;
}

/** One restricted field of one record shown to another organisation, and why. */
export interface DisclosureDecision {
  dataSet: DataSet;
  recordId: string;
  field: string;
  recipient: string;
  actor: string;
  purpose: Purpose;
  agreementId: string;
  crossBorder: boolean;
}

/** `AGREEMENT_CACHE_MS` at most: ten minutes (the feed, not the age, keeps the cache exact). */
export const MAX_AGREEMENT_CACHE_MS = 600_000;

/**
 * The agreements granted to the grantee that have not ended (`notEnded`: not
 * revoked, validUntil in the future), not only those in force now: one that
 * starts later, or expires, changes no row, so no event announces it; its
 * validity is judged at each request from validFrom and validUntil. The
 * registry filters in SQL, so the answer does not grow with every agreement
 * the organisation ever received.
 *
 * A registry older than `notEnded` answers a validation error: the lookup
 * fails and nothing restricted is shown (AGREEMENTS_UNAVAILABLE) until the
 * registry is updated. Chosen over falling back to the unfiltered query:
 * this repository deploys the registry, the owning subgraphs and the
 * gateway together (docs/trust.md), and a fallback would keep the unbounded
 * read alive and hide a version mismatch behind slow lookups.
 */
const QUERY = `query HubAgreementsReceived($grantee: ID!) {
  sharingAgreements(filter: { grantee: $grantee, notEnded: true }) {
    id dataSet grantor { id } grantee { id } purposes validFrom validUntil revokedAt crossBorder
  }
}`;

interface RegistryAnswer {
  data?: {
    sharingAgreements?: {
      id: string;
      dataSet: DataSet;
      grantor: { id: string };
      grantee: { id: string };
      purposes: Purpose[];
      validFrom: string;
      validUntil: string;
      revokedAt: string | null;
      crossBorder: boolean;
    }[];
  };
  errors?: { message: string }[];
}

/** An agreement not revoked, with its period (epoch ms). */
interface Received extends AgreementInForce {
  validFrom: number;
  validUntil: number;
}

/** The agreements of `received` in force at `now` (as the registry's `isInForce`: started, not expired; revoked ones are not kept). */
function inForceAt(received: readonly Received[], now: number): AgreementInForce[] {
  return received.filter((a) => a.validFrom <= now && now < a.validUntil);
}

export interface AgreementClientOptions {
  /**
   * `AGREEMENT_CACHE_MS`: the longest a kept answer is used (from when it was
   * asked), and only while the registry's feed is fresh; 0: ask the registry
   * for every request, and do not follow the feed.
   */
  maxAgeMs: number;
  /** One registry lookup at most this long. */
  timeoutMs: number;
  /** `CHANGE_FEED_TIMEOUT_MS`: the registry's feed silent this long is reopened (kept answers stop being used after FEED_FRESH_MS of silence already). */
  feedTimeoutMs: number;
  log: Logger;
  metrics?: SubgraphMetrics;
}

type LookupReason = 'miss' | 'feed_down' | 'uncached';

/**
 * Asks the registry which agreements an organisation has received; one per
 * subgraph process. Keeps the answer per grantee organisation while the
 * registry's change feed is followed (an informer: list, then watch), and
 * drops every kept answer on any event of that feed (the registry's only
 * entity is SharingAgreement, and an event does not name the grantee) and on
 * every change of the feed's state and after every silence longer than
 * FEED_FRESH_MS. While the feed is not connected (not yet caught up,
 * disconnected, or silent for FEED_FRESH_MS) nothing is kept or used: each request asks the registry, as without a cache, and a registry
 * that cannot be asked means nothing restricted is shown.
 *
 * Per organisation, not per caller: `sharingAgreements` answers the same list
 * to every authenticated member of the grantee organisation (it filters by the
 * caller's organisation, not by role or subject), and the owning subgraph has
 * verified the caller's token before it gets here.
 */
export class AgreementClient {
  private readonly entries = new Map<string, { askedAt: number; received: Promise<Received[]> }>();
  private feed?: FeedFollower;
  /** Registry lookups made (for tests; `hub_agreement_lookups_total` for operators). */
  lookups = 0;
  /** Requests answered from the kept agreements (`hub_agreement_cache_hits_total`). */
  hits = 0;

  constructor(
    private readonly registryUrl: string,
    private readonly options: AgreementClientOptions,
  ) {
    if (options.maxAgeMs < 0 || options.maxAgeMs > MAX_AGREEMENT_CACHE_MS) {
      throw new Error(`the agreement cache may keep answers at most ${MAX_AGREEMENT_CACHE_MS} ms`);
    }
  }

  /** The registry's feed stream is open and caught up (it may still be silent: see `following`). */
  get feedOpen(): boolean {
    return this.feed?.connected ?? false;
  }

  /** True while kept answers may be used: the registry's feed is caught up and was heard within FEED_FRESH_MS. */
  get following(): boolean {
    return this.feed?.fresh(Date.now(), FEED_FRESH_MS) ?? false;
  }

  /** The agreements in force now granted to `grantee`, asked with the caller's token unless kept. */
  async received(grantee: string, caller: { authorization?: string; requestId?: string }): Promise<AgreementInForce[]> {
    let reason: LookupReason = 'uncached';
    if (this.options.maxAgeMs > 0) {
      // The feed is followed from the first restricted read on (subgraphs without restricted data never open it).
      this.feed ??= this.follow();
      reason = 'feed_down';
    }
    const now = Date.now();
    const kept = this.feed?.fresh(now, FEED_FRESH_MS) === true;
    if (kept) {
      reason = 'miss';
      const entry = this.entries.get(grantee);
      if (entry && now - entry.askedAt <= this.options.maxAgeMs) {
        this.hits++;
        this.options.metrics?.agreementCacheHits.inc();
        return inForceAt(await entry.received, Date.now());
      }
    }
    const received = this.fetch(grantee, caller, reason);
    if (kept) {
      const entry = { askedAt: now, received };
      this.entries.set(grantee, entry);
      // A failed lookup is not kept; an event or a state change meanwhile has already dropped the entry.
      received.catch(() => {
        if (this.entries.get(grantee) === entry) this.entries.delete(grantee);
      });
    }
    return inForceAt(await received, Date.now());
  }

  /** Stops following the registry's feed. */
  async stop(): Promise<void> {
    await this.feed?.stop();
    this.entries.clear();
  }

  private follow(): FeedFollower {
    const feed = new FeedFollower({
      graphqlUrl: this.registryUrl,
      name: 'registry',
      timeoutMs: this.options.feedTimeoutMs,
      heartbeatMs: FEED_FRESH_HEARTBEAT_MS,
      log: this.options.log,
    });
    // Every agreement event, every connection or loss of the feed, and every silence longer than
    // FEED_FRESH_MS (events may have been lost while the stream stayed open): anything may have changed.
    feed.on('change', () => this.entries.clear());
    feed.on('status', () => this.entries.clear());
    feed.on('heard', (silence) => {
      if (silence > FEED_FRESH_MS) this.entries.clear();
    });
    this.options.metrics?.followAgreementFeed(() => this.following);
    return feed.start();
  }

  private async fetch(grantee: string, caller: { authorization?: string; requestId?: string }, reason: LookupReason): Promise<Received[]> {
    this.lookups++;
    this.options.metrics?.agreementLookups.inc({ reason });
    const response = await fetch(this.registryUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(caller.authorization ? { authorization: caller.authorization } : {}),
        ...(caller.requestId ? { [REQUEST_ID_HEADER]: caller.requestId } : {}),
      },
      body: JSON.stringify({ query: QUERY, variables: { grantee } }),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const body = (await response.json()) as RegistryAnswer;
    const list = body.data?.sharingAgreements;
    if (!response.ok || !list || body.errors?.length) {
      throw new Error(`registry answered HTTP ${response.status}: ${body.errors?.[0]?.message ?? 'no agreements list'}`);
    }
    const now = Date.now();
    // The registry answers only what has not ended (notEnded); checked again here, as a defence:
    // only what is granted to this organisation, not revoked and not yet expired is kept.
    return list
      .filter((a) => a.grantee.id === grantee && a.revokedAt === null)
      .map((a) => ({
        id: a.id,
        dataSet: a.dataSet,
        grantor: a.grantor.id,
        grantee: a.grantee.id,
        purposes: a.purposes,
        crossBorder: a.crossBorder,
        validFrom: Date.parse(a.validFrom),
        validUntil: Date.parse(a.validUntil),
      }))
      .filter((a) => Number.isFinite(a.validFrom) && a.validUntil > now);
  }
}

/** The decisions of one request; created with the request's context. */
export class SharingGuard {
  readonly disclosed: DisclosureDecision[] = [];
  private agreements?: Promise<AgreementInForce[]>;

  constructor(
    private readonly request: {
      principal: Principal | null;
      purpose: Purpose | null;
      authorization?: string;
      requestId: string;
      log: Logger;
    },
    private readonly client: AgreementClient,
  ) {}

  /**
   * `value()` of one record's restricted field when the caller may see it;
   * throws the refusal otherwise. Nothing is read from `value` before the
   * decision; a record without the data (null) discloses nothing.
   */
  async reveal<T>(dataSet: DataSet, recordId: string, value: () => T | null): Promise<T | null> {
    const { owner, type, field } = DATA_SET_INFO[dataSet];
    const { principal, purpose } = this.request;
    if (!principal) {
      throw new UnauthenticatedError(`${type}.${field} is for partner organisations under a sharing agreement: send a bearer token.`);
    }
    if (principal.org === owner) return value();
    if (!purpose) {
      throw new ForbiddenError(
        `${type}.${field} of ${owner}'s records is shown to another organisation only for a declared purpose: send the ${PURPOSE_HEADER} header (one of ${PURPOSES.join(', ')}).`,
        { reason: 'PURPOSE_MISSING', dataSet },
      );
    }
    const agreements = (await this.inForce()).filter((a) => a.dataSet === dataSet && a.grantor === owner);
    if (agreements.length === 0) {
      throw new ForbiddenError(`${owner} has no sharing agreement in force that lets ${principal.org} read ${dataSet}.`, {
        reason: 'NO_AGREEMENT',
        dataSet,
      });
    }
    const agreement = agreements.find((a) => a.purposes.includes(purpose));
    if (!agreement) {
      const covered = [...new Set(agreements.flatMap((a) => a.purposes))].sort().join(', ');
      throw new ForbiddenError(`The agreements in force on ${dataSet} for ${principal.org} cover ${covered}, not ${purpose}.`, {
        reason: 'PURPOSE_NOT_COVERED',
        dataSet,
      });
    }
    const shown = value();
    if (shown === null || shown === undefined) return null;
    this.disclosed.push({
      dataSet,
      recordId,
      field,
      recipient: principal.org,
      actor: principal.sub,
      purpose,
      agreementId: agreement.id,
      crossBorder: agreement.crossBorder,
    });
    return shown;
  }

  /** One registry lookup for the whole request, made on first need. */
  private inForce(): Promise<AgreementInForce[]> {
    this.agreements ??= this.client
      .received(this.request.principal!.org, { authorization: this.request.authorization, requestId: this.request.requestId })
      .catch((err: unknown) => {
        this.request.log.warn({ err: (err as Error).message }, 'sharing agreements unavailable: restricted data refused');
        throw new HubError(
          'The sharing agreements could not be checked with the registry right now, so restricted data is not shown: retry in a moment.',
          'SUBGRAPH_UNAVAILABLE',
          { reason: 'AGREEMENTS_UNAVAILABLE', subgraph: 'registry' },
        );
      });
    return this.agreements;
  }
}

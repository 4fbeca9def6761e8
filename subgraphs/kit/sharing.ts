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
 * caller's own token (the grantee sees the agreements it received): one
 * lookup per subgraph request, however many records the answer holds, made
 * only when a restricted field of another organisation is asked for. When the
 * registry cannot be asked, nothing restricted is shown (SUBGRAPH_UNAVAILABLE,
 * reason AGREEMENTS_UNAVAILABLE): the check fails closed. Lookups are not
 * cached beyond `cacheMs` (at most one second), so a revocation holds for
 * every request that starts after revokeAccess returned, one second at most.
 *
 * Every positive decision of a request is kept in `SharingGuard.disclosed`
 * (record, field, recipient, actor, purpose, agreement, cross-border): at the
 * end of the request that list is everything restricted the answer shows to
 * another organisation.
 */
import type { Principal } from '../../platform/auth';
import { ForbiddenError, HubError, UnauthenticatedError } from '../../platform/errors';
import { REQUEST_ID_HEADER } from '../../platform/http';
import type { Logger } from '../../platform/logger';
import { DATA_SET_INFO, PURPOSE_HEADER, PURPOSES, type DataSet, type Purpose } from '../../platform/organisations';

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

export const MAX_AGREEMENT_CACHE_MS = 1_000;

const QUERY = `query HubAgreementsInForce($grantee: ID!) {
  sharingAgreements(filter: { grantee: $grantee, activeOnly: true }) {
    id dataSet grantor { id } grantee { id } purposes active crossBorder
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
      active: boolean;
      crossBorder: boolean;
    }[];
  };
  errors?: { message: string }[];
}

/** Asks the registry which agreements an organisation has received; one per subgraph process. */
export class AgreementClient {
  private readonly cache = new Map<string, { until: number; agreements: Promise<AgreementInForce[]> }>();
  /** Registry lookups made (for tests and metrics). */
  lookups = 0;

  constructor(
    private readonly registryUrl: string,
    private readonly options: { cacheMs: number; timeoutMs: number },
  ) {
    if (options.cacheMs < 0 || options.cacheMs > MAX_AGREEMENT_CACHE_MS) {
      throw new Error(`the agreement cache may keep answers at most ${MAX_AGREEMENT_CACHE_MS} ms`);
    }
  }

  /** The agreements in force granted to `grantee`, asked with the caller's token. */
  received(grantee: string, caller: { authorization?: string; requestId?: string }): Promise<AgreementInForce[]> {
    const now = Date.now();
    const cached = this.cache.get(grantee);
    if (cached && cached.until > now) return cached.agreements;
    const agreements = this.fetch(grantee, caller);
    if (this.options.cacheMs > 0) {
      this.cache.set(grantee, { until: now + this.options.cacheMs, agreements });
      agreements.catch(() => this.cache.delete(grantee));
    }
    return agreements;
  }

  private async fetch(grantee: string, caller: { authorization?: string; requestId?: string }): Promise<AgreementInForce[]> {
    this.lookups++;
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
    // Only what the registry says is in force and granted to this organisation.
    return list
      .filter((a) => a.active && a.grantee.id === grantee)
      .map((a) => ({
        id: a.id,
        dataSet: a.dataSet,
        grantor: a.grantor.id,
        grantee: a.grantee.id,
        purposes: a.purposes,
        crossBorder: a.crossBorder,
      }));
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

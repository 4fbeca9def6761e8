import type { SubgraphName } from '../../platform/services';
import { HubError } from '../../platform/errors';
import { REQUEST_ID_HEADER } from '../../platform/http';

interface EntitiesResponse {
  data?: { _entities?: (Record<string, unknown> | null)[] };
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Asks another organisation's subgraph about its entities through its public
 * GraphQL API (`_entities`), with the caller's own token: a subgraph never reads
 * another organisation's database.
 */
export class ReferenceClient {
  constructor(
    private readonly urls: Record<SubgraphName, string>,
    private readonly timeoutMs = 5_000,
  ) {}

  /** The entities for `ids`, in order; null where the owner does not know the id. */
  async resolve(
    subgraph: SubgraphName,
    typename: string,
    ids: string[],
    selection: string,
    headers: { authorization?: string; requestId?: string },
  ): Promise<(Record<string, unknown> | null)[]> {
    if (ids.length === 0) return [];
    const query = `query HubReferenceCheck($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`;
    let response: Response;
    try {
      response = await fetch(this.urls[subgraph], {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(headers.authorization ? { authorization: headers.authorization } : {}),
          ...(headers.requestId ? { [REQUEST_ID_HEADER]: headers.requestId } : {}),
        },
        body: JSON.stringify({ query, variables: { r: ids.map((id) => ({ __typename: typename, id })) } }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw new HubError(`The ${subgraph} subgraph could not be reached to check the reference; try again later.`, 'SUBGRAPH_UNAVAILABLE', {
        subgraph,
      });
    }
    const body = (await response.json().catch(() => ({}))) as EntitiesResponse;
    const entities = body.data?._entities;
    if (!entities) {
      throw new HubError(`The ${subgraph} subgraph did not answer the reference check; try again later.`, 'SUBGRAPH_UNAVAILABLE', {
        subgraph,
      });
    }
    return entities.map((e) => (e && Object.keys(e).length > 0 ? e : null));
  }
}

import { NotFoundError } from '../../platform/errors';
import type { HubContext } from './context';

/**
 * Write-time reference checks through the owner's GraphQL API. Every id must
 * exist at its owner (and, for companies, not be archived), else NOT_FOUND
 * naming the argument; nothing has been written at that point.
 */
export async function checkCompaniesExist(ctx: HubContext, ids: string[], field: string): Promise<void> {
  await checkExist(ctx, 'companies', 'Company', ids, field, 'id archived', (e) => e.archived === true);
}

export async function checkPartnersExist(ctx: HubContext, ids: string[], field: string): Promise<void> {
  await checkExist(ctx, 'partners', 'Partner', ids, field, 'id');
}

async function checkExist(
  ctx: HubContext,
  subgraph: 'companies' | 'partners',
  typename: string,
  ids: string[],
  field: string,
  selection: string,
  gone: (entity: Record<string, unknown>) => boolean = () => false,
): Promise<void> {
  const unique = [...new Set(ids)];
  const entities = await ctx.references.resolve(subgraph, typename, unique, selection, {
    authorization: ctx.authorization,
    requestId: ctx.requestId,
  });
  entities.forEach((e, i) => {
    if (e === null || gone(e)) throw new NotFoundError(typename === 'Company' ? 'Company' : 'Partner', unique[i], field);
  });
}

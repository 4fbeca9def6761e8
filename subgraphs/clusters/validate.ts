import { BadUserInputError } from '../../platform/errors';
import type { ClusterCode } from '../kit/domain';
import { mustBeId } from '../kit/input';
import type { ClusterMembership } from './entities/ClusterMembership';

export type MembershipColumns = Pick<ClusterMembership, 'clusterCode' | 'companyId' | 'since'>;

/**
 * addClusterMember's arguments → the membership to write. `since` defaults to
 * `today` (YYYY-MM-DD) and cannot be after it. Failures name the argument.
 */
export function membershipColumns(
  cluster: ClusterCode,
  companyId: string,
  since: string | null | undefined,
  today = new Date().toISOString().slice(0, 10),
): MembershipColumns {
  const id = mustBeId('companyId', companyId);
  const sinceDate = since ?? today;
  if (sinceDate > today) throw new BadUserInputError('since', `cannot be in the future, got ${sinceDate}`);
  return { clusterCode: cluster, companyId: id, since: sinceDate };
}

import { AuditLog } from '../kit/audit';
import type { SubgraphModule } from '../kit/subgraph';
import { ChainTrails1796860800000 } from './migrations/1796860800000-ChainTrails';
import { SharingAgreement } from './entities/SharingAgreement';
import { createLoaders, type RegistryLoaders } from './loaders';
import { CreateRegistry1796083200000 } from './migrations/1796083200000-CreateRegistry';
import { AgreementsNotEnded1797120000000 } from './migrations/1797120000000-AgreementsNotEnded';
import { buildSchema } from './schema';
import { seed } from './seed';

/**
 * The registry: the organisations of the trust configuration and the sharing
 * agreements between them. Operated jointly (no single owner): its rules are
 * per agreement (the grantor's stewards grant and revoke; grantor and grantee see).
 */
export const registry: SubgraphModule<RegistryLoaders> = {
  name: 'registry',
  owner: null,
  entities: [SharingAgreement, AuditLog],
  migrations: [CreateRegistry1796083200000, ChainTrails1796860800000, AgreementsNotEnded1797120000000],
  buildSchema,
  createLoaders,
  seed,
};

import type { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth';
import type { Logger } from '../../platform/logger';
import type { Purpose } from '../../platform/organisations';
import type { TrustConfig } from '../../platform/trust';
import type { ReferenceClient } from './references';
import type { CountBatcher } from './pagination';
import type { SharingGuard } from './sharing';

/** What every request's resolvers see. Loaders and the sharing guard are new for each request. */
export interface HubContext<L = unknown> {
  requestId: string;
  principal: Principal | null;
  /** The purpose the request declares (`Hub-Purpose`), checked when the request started. */
  purpose: Purpose | null;
  /** The caller's Authorization header, forwarded when asking another organisation. */
  authorization?: string;
  loaders: L;
  /** Every `totalCount` of the request over one table in one statement (pagination.ts). */
  counts: CountBatcher;
  ds: DataSource;
  log: Logger;
  references: ReferenceClient;
  /** The organisations, their jurisdictions and data sets (the trust configuration). */
  trust: TrustConfig;
  /** Decides, and records, every read of restricted data of this request (sharing agreements). */
  sharing: SharingGuard;
}

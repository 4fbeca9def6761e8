import type { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth';
import type { Logger } from '../../platform/logger';
import type { ReferenceClient } from './references';

/** What every request's resolvers see. Loaders are new for each request. */
export interface HubContext<L = unknown> {
  requestId: string;
  principal: Principal | null;
  /** The caller's Authorization header, forwarded when asking another organisation. */
  authorization?: string;
  loaders: L;
  ds: DataSource;
  log: Logger;
  references: ReferenceClient;
}

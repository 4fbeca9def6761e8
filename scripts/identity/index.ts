import { loadOrExit } from '../../platform/config';
import { runUntilSignal } from '../../platform/http';
import { createLogger } from '../../platform/logger';
import { loadIdentityConfig } from './config';
import { startIdentity } from './server';

const config = loadOrExit('identity', () => loadIdentityConfig());
const log = createLogger('identity', config.logLevel);
void runUntilSignal(log, () => startIdentity(config, log));

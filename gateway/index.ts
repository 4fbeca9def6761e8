import { loadGatewayConfig } from './config';
import { loadOrExit } from '../platform/config';
import { runUntilSignal } from '../platform/http';
import { createLogger } from '../platform/logger';
import { startGateway } from './gateway';

const config = loadOrExit('gateway', () => loadGatewayConfig());
const log = createLogger('gateway', config.logLevel);
void runUntilSignal(log, () => startGateway(config, log));

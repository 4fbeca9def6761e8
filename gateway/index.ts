import { loadGatewayConfig } from '../subgraphs/shared/config';
import { runUntilSignal } from '../subgraphs/shared/http';
import { createLogger } from '../subgraphs/shared/logger';
import { startGateway } from './gateway';

const config = loadGatewayConfig();
const log = createLogger('gateway', config.logLevel);
void runUntilSignal(log, () => startGateway(config, log));

import { loadGatewayConfig } from './config';
import { loadOrExit } from '../platform/config';
import { runUntilSignal } from '../platform/http';
import { createLogger } from '../platform/logger';
import { traced } from '../platform/tracing';
import { startGateway } from './gateway';

const config = loadOrExit('gateway', () => loadGatewayConfig());
const log = createLogger('gateway', config.logLevel);
void runUntilSignal(
  log,
  traced('gateway', config.tracing, () => startGateway(config, log)),
);

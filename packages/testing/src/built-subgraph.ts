import path from 'node:path';
import { freePort } from './global-setup';
import { startProcess, waitForReady, type TestProcess } from './processes';
import { TEST_GATEWAY_SIGNING_SECRET } from './test-gateway-signing';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** What every process a test starts from its built `dist/` runs with, besides its database and port. */
export const TEST_PROCESS_ENV: NodeJS.ProcessEnv = {
  NODE_ENV: 'test',
  LOG_FORMAT: 'json',
  LOG_LEVEL: 'warn',
  // The gateway signs with it, the subgraphs verify with it.
  GATEWAY_SIGNING_SECRET: TEST_GATEWAY_SIGNING_SECRET,
};

/** The `dist/` script of a service or of the gateway: `builtScript('services/accounts', 'main')`. */
export function builtScript(folder: string, script: string): string {
  return path.join(ROOT, folder, 'dist', `${script}.js`);
}

/**
 * One subgraph as its own process from its built `dist/` (build first), on a free port and
 * `databaseUrl`, with `env` added; resolves once it answers `/ready`. `process.stop()` ends it.
 */
export async function startBuiltSubgraph(name: 'accounts' | 'opportunities' | 'activities', databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<{ process: TestProcess; url: string }> {
  const port = await freePort();
  const process = startProcess(name, builtScript(`services/${name}`, 'main'), { ...TEST_PROCESS_ENV, DATABASE_URL: databaseUrl, PORT: String(port), ...env });
  await waitForReady(`http://127.0.0.1:${port}/ready`, [process]);
  return { process, url: `http://127.0.0.1:${port}/graphql` };
}

import type { ChildProcess } from 'node:child_process';
import { ConfigError, createLogger, signToken, tokenSettings, UserRole } from '@crm/kernel';
import { loadConfig } from './config';
import { openDatabase } from './database';
import { findUser } from './demo-users';
import { exited, spawnPrefixed, waitUntilReady } from './processes';
import { seedAll } from './seeding';
import { GATEWAY_SCRIPT, SUBGRAPHS, subgraphPort, subgraphScript, type SubgraphName } from './services';

/**
 * `pnpm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations and the demo book on
 * first start, then the three subgraphs and the gateway as separate processes. Ctrl-C stops all.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig(process.env);
  const logger = createLogger({ name: 'launcher', level: config.LOG_LEVEL, format: 'pretty' });
  const database = await openDatabase(config, logger);
  const children: ChildProcess[] = [];
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping…');
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    await database.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const baseEnv = { ...process.env, DATABASE_URL: database.url, LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty' };
  await seedAll(baseEnv, ['--scale', String(config.SEED_SCALE)]);

  const settings = tokenSettings(config);
  const principal = await findUser(database.url, { role: UserRole.ADMIN });
  const token = await signToken(principal, settings);

  const urls: string[] = [];
  // Opportunities asks accounts directly where a new buying-committee member works.
  // Event consumers: activities turns won deals into onboarding (asking accounts for the owner);
  // accounts replicates activities' interaction events for staleAccounts and opportunities' open pipeline for segments.
  const local = (name: SubgraphName) => `http://127.0.0.1:${subgraphPort(config, name)}/graphql`;
  const siblingEnv: Partial<Record<SubgraphName, NodeJS.ProcessEnv>> = {
    opportunities: { ACCOUNTS_URL: local('accounts') },
    activities: { OPPORTUNITIES_URL: local('opportunities'), ACCOUNTS_URL: local('accounts') },
    accounts: { ACTIVITIES_URL: local('activities'), OPPORTUNITIES_URL: local('opportunities') },
  };
  for (const name of SUBGRAPHS) {
    const port = subgraphPort(config, name);
    children.push(spawnPrefixed({ name, script: subgraphScript(name, 'main'), env: { ...baseEnv, PORT: String(port), ...siblingEnv[name] } }));
    urls.push(`http://127.0.0.1:${port}`);
  }
  await Promise.all(urls.map((url) => waitUntilReady(`${url}/ready`)));
  const gatewayEnv = {
    ...baseEnv,
    PORT: String(config.GATEWAY_PORT),
    ACCOUNTS_URL: `${urls[0]}/graphql`,
    OPPORTUNITIES_URL: `${urls[1]}/graphql`,
    ACTIVITIES_URL: `${urls[2]}/graphql`,
    PLAYGROUND_TOKEN: config.NODE_ENV === 'production' ? '' : token,
  };
  children.push(spawnPrefixed({ name: 'gateway', script: GATEWAY_SCRIPT, env: gatewayEnv }));
  await waitUntilReady(`http://127.0.0.1:${config.GATEWAY_PORT}/ready`);

  for (const child of children) {
    child.once('exit', (code) => {
      if (stopping) return;
      logger.error(`a process exited unexpectedly (code ${code}); stopping the platform`);
      void stopAll(1);
    });
  }

  const gateway = `http://localhost:${config.GATEWAY_PORT}/graphql`;
  process.stdout.write(`
  CRM is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)${database.embedded ? ' on embedded PostgreSQL' : ''}

    GraphQL API and playground   ${gateway}
    Subgraphs                    ${urls.map((u) => `${u}/graphql`).join('  ')}
    Health / readiness / metrics http://localhost:${config.GATEWAY_PORT}/health  /ready  /metrics

  Token for ${principal.email} (${principal.role}), valid 12 h; the playground has it preset.
  Tokens for other roles: pnpm --silent token --role REP|MANAGER|ANALYST

  Try:
    export CRM_TOKEN=${token}
    curl -s ${gateway} -H 'content-type: application/json' -H "authorization: Bearer $CRM_TOKEN" \\
      -d '{"query":"{ accounts(first: 3) { totalCount edges { node { name openPipelineValue { amount currency } lastActivityAt } } } }"}'

  Ctrl-C stops everything.
`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});

import type { ChildProcess } from 'node:child_process';
import { ConfigError, createLogger, signToken, tokenSettings, UserRole } from '@crm/kernel';
import { loadConfig } from './config';
import { openDatabase } from './database';
import { findUser } from './demo-users';
import { spawnPrefixed, terminate, waitUntilReady, type ProcessSpec } from './processes';
import { GATEWAY_SCRIPT, SUBGRAPHS, subgraphPort, subgraphScript, type SubgraphName } from './services';

/** Set once the platform is being stopped; startup steps still running then give up. */
let stopping = false;

/**
 * `pnpm start`: PostgreSQL (embedded unless DATABASE_URL is set), then the three subgraphs (each
 * migrating its schema and, on first start, loading the demo book) and the gateway as separate
 * processes. Ctrl-C stops all.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig(process.env);
  const logger = createLogger({ name: 'launcher', level: config.LOG_LEVEL, format: 'pretty' });
  const database = await openDatabase(config, logger);
  const subgraphs: ChildProcess[] = [];
  let gateway: ChildProcess | undefined;

  // In dependency order: the gateway calls the subgraphs, the subgraphs use the database. Each
  // process gets SIGTERM (runMain drains it and closes its pool) and is awaited before the next.
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping…');
    if (gateway) await terminate(gateway);
    await Promise.all(subgraphs.map(terminate));
    await database.stop();
    logger.info('stopped');
    process.exit(code);
  };
  // The services are detached, so a terminal's Ctrl-C reaches only this process (and the seed
  // processes while they run). A second one stops waiting; PostgreSQL's own process still stops
  // the server once this one has gone (database.ts).
  const onSignal = () => {
    if (!stopping) return void stopAll(0);
    logger.warn('stopping now, without waiting');
    for (const child of [gateway, ...subgraphs]) child?.kill('SIGKILL');
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const spawnService = (spec: ProcessSpec) => {
    const child = spawnPrefixed({ ...spec, detached: true });
    child.once('exit', (code) => {
      if (stopping) return;
      logger.error(`${spec.name} exited unexpectedly (code ${code}); stopping the platform`);
      void stopAll(1);
    });
    return child;
  };

  const baseEnv = { ...process.env, DATABASE_URL: database.url, LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty' };
  // Each subgraph loads its slice of the demo book as it starts, only into empty tables: no seed
  // process per service, and a start on a seeded database costs one query each.
  const serviceEnv = { ...baseEnv, DEMO_SEED_SCALE: String(config.SEED_SCALE) };

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
  const startGateway = (token: string) => {
    gateway = spawnService({
      name: 'gateway',
      script: GATEWAY_SCRIPT,
      env: {
        ...baseEnv,
        PORT: String(config.GATEWAY_PORT),
        ACCOUNTS_URL: local('accounts'),
        OPPORTUNITIES_URL: local('opportunities'),
        ACTIVITIES_URL: local('activities'),
        PLAYGROUND_TOKEN: config.NODE_ENV === 'production' ? '' : token,
      },
    });
  };
  // The token printed below and preset in the playground is the demo ADMIN's. On a seeded database
  // it is there already, and the gateway starts beside the subgraphs (it reads the supergraph from a
  // file and needs none of them to start); on a first start, once accounts has seeded it.
  let principal = await findUser(database.url, { role: UserRole.ADMIN }).catch(() => undefined);
  if (stopping) return;
  for (const name of SUBGRAPHS) {
    const port = subgraphPort(config, name);
    subgraphs.push(spawnService({ name, script: subgraphScript(name, 'main'), env: { ...serviceEnv, PORT: String(port), ...siblingEnv[name] } }));
    urls.push(`http://127.0.0.1:${port}`);
  }
  if (principal) startGateway(await signToken(principal, tokenSettings(config)));
  // A first start seeds before it serves: allow a minute per unit of scale.
  await Promise.all(urls.map((url) => waitUntilReady(`${url}/ready`, 60_000 * Math.max(1, config.SEED_SCALE))));
  if (stopping) return;
  principal ??= await findUser(database.url, { role: UserRole.ADMIN });
  const token = await signToken(principal, tokenSettings(config));
  if (!gateway) startGateway(token);
  await waitUntilReady(`http://127.0.0.1:${config.GATEWAY_PORT}/ready`);
  if (stopping) return;

  const api = `http://localhost:${config.GATEWAY_PORT}/graphql`;
  process.stdout.write(`
  CRM is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)${database.embedded ? ' on embedded PostgreSQL' : ''}

    GraphQL API and playground   ${api}
    Subgraphs                    ${urls.map((u) => `${u}/graphql`).join('  ')}
    Health / readiness / metrics http://localhost:${config.GATEWAY_PORT}/health  /ready  /metrics

  Token for ${principal.email} (${principal.role}), valid 12 h; the playground has it preset.
  Tokens for other roles: pnpm --silent token --role REP|MANAGER|ANALYST

  Try:
    export CRM_TOKEN=${token}
    curl -s ${api} -H 'content-type: application/json' -H "authorization: Bearer $CRM_TOKEN" \\
      -d '{"query":"{ accounts(first: 3) { totalCount edges { node { name openPipelineValue { amount currency } lastActivityAt } } } }"}'

  Ctrl-C stops everything.
`);
}

main().catch((error) => {
  // A Ctrl-C during startup is stopAll's to handle.
  if (stopping) return;
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});

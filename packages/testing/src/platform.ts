import { builtScript, TEST_PROCESS_ENV } from './built-subgraph';
import { callerOf, type Caller } from './caller';
import { freePort } from './global-setup';
import { startProcess, waitForReady, type TestProcess } from './processes';
import { createTestDatabase, type TestDatabase } from './test-database';
const SUBGRAPHS = ['accounts', 'opportunities', 'activities'] as const;
type SubgraphName = (typeof SUBGRAPHS)[number];

export interface PlatformOptions {
  /** Load the demo book at this scale before starting (0 = empty database). Default 0. */
  seedScale?: number;
  env?: NodeJS.ProcessEnv;
  /**
   * Also start a second opportunities instance and a second gateway that uses it (same database),
   * to test that changes made through one instance reach subscribers of the other. Default false.
   */
  secondInstance?: boolean;
  /**
   * Write a V8 CPU profile of each subgraph and gateway process into this directory when it stops
   * (node's `--cpu-prof`), for benchmarks that show where the time goes. Default: none.
   */
  cpuProfileDir?: string;
}

type ProcessName = SubgraphName | 'gateway' | 'opportunities-2' | 'gateway-2';

export interface Platform {
  database: TestDatabase;
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** With `secondInstance`: the second gateway and the second opportunities instance. */
  second?: { gatewayUrl: string; opportunitiesUrl: string };
  /** GraphQL calls to the gateway with `token` (none: anonymous): `call`, `ok`, `problem`. */
  as(token?: string): Caller;
  /** Stops and starts one process again on the same port and database. */
  restart(name: ProcessName): Promise<void>;
  /** Stops one process (SIGTERM, graceful) and leaves it down until `launch`. */
  halt(name: ProcessName): Promise<void>;
  /** Kills one process (SIGKILL, no graceful stop: a crash) and leaves it down until `launch`. */
  kill(name: ProcessName): Promise<void>;
  /** Freezes one process (SIGSTOP): its port still accepts connections but nothing answers until `resume`. */
  suspend(name: ProcessName): void;
  /** Thaws a suspended process (SIGCONT); it then answers what queued up meanwhile. */
  resume(name: ProcessName): void;
  /** Starts a halted or killed process again on its port and waits until it is ready. */
  launch(name: ProcessName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Boots the real platform for end-to-end tests: a fresh database, the three subgraphs and the
 * gateway as separate processes from their built `dist/`, on free ports. `stop()` ends them all.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const database = await createTestDatabase('crm_e2e');
  const env: NodeJS.ProcessEnv = { ...TEST_PROCESS_ENV, DATABASE_URL: database.url, ...options.env };
  const scripts: Record<ProcessName, string> = {
    accounts: builtScript('services/accounts', 'main'),
    opportunities: builtScript('services/opportunities', 'main'),
    'opportunities-2': builtScript('services/opportunities', 'main'),
    activities: builtScript('services/activities', 'main'),
    gateway: builtScript('gateway', 'main'),
    'gateway-2': builtScript('gateway', 'main'),
  };
  const processes = new Map<ProcessName, TestProcess>();
  const ports = {} as Record<ProcessName, number>;
  for (const name of Object.keys(scripts) as ProcessName[]) ports[name] = await freePort();
  const urlOf = (name: ProcessName) => `http://127.0.0.1:${ports[name]}/graphql`;
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, urlOf(name)])) as Record<SubgraphName, string>;
  const envFor = (name: ProcessName): NodeJS.ProcessEnv => ({
    ...env,
    PORT: String(ports[name]),
    // Opportunities asks accounts directly where a new buying-committee member works.
    ...(name === 'opportunities' || name === 'opportunities-2' ? { ACCOUNTS_URL: subgraphUrls.accounts } : {}),
    // Event consumers: activities turns won deals into onboarding (asking accounts for the owner);
    // accounts replicates activities' interaction events for staleAccounts and opportunities' open pipeline for segments.
    ...(name === 'activities' ? { OPPORTUNITIES_URL: subgraphUrls.opportunities, ACCOUNTS_URL: subgraphUrls.accounts } : {}),
    ...(name === 'accounts' ? { ACTIVITIES_URL: subgraphUrls.activities, OPPORTUNITIES_URL: subgraphUrls.opportunities } : {}),
    ...(name === 'gateway' || name === 'gateway-2'
      ? {
          ACCOUNTS_URL: subgraphUrls.accounts,
          OPPORTUNITIES_URL: name === 'gateway' ? subgraphUrls.opportunities : urlOf('opportunities-2'),
          ACTIVITIES_URL: subgraphUrls.activities,
        }
      : {}),
  });
  const launch = async (names: ProcessName[]) => {
    const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
    for (const name of names) processes.set(name, startProcess(name, scripts[name], envFor(name), [], nodeArgs));
    await Promise.all(names.map((name) => waitForReady(`http://127.0.0.1:${ports[name]}/ready`, [...processes.values()])));
  };

  try {
    if (options.seedScale) {
      for (const name of SUBGRAPHS) {
        const seed = startProcess(`${name}-seed`, builtScript(`services/${name}`, 'seed-main'), env, ['--scale', String(options.seedScale)]);
        const code = await new Promise<number | null>((resolve) => seed.child.once('exit', resolve));
        if (code !== 0) throw new Error(`seeding ${name} failed:\n${seed.output()}`);
      }
    }
    await launch([...SUBGRAPHS, ...(options.secondInstance ? (['opportunities-2'] as const) : [])]);
    await launch(['gateway', ...(options.secondInstance ? (['gateway-2'] as const) : [])]);
  } catch (error) {
    await Promise.all([...processes.values()].map((p) => p.stop()));
    await database.drop();
    throw error;
  }

  const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  return {
    database,
    gatewayUrl,
    as: (token) => callerOf(gatewayUrl, token, { signed: false }),
    subgraphUrls,
    second: options.secondInstance ? { gatewayUrl: urlOf('gateway-2'), opportunitiesUrl: urlOf('opportunities-2') } : undefined,
    restart: async (name) => {
      await processes.get(name)?.stop();
      await launch([name]);
    },
    halt: async (name) => {
      await processes.get(name)?.stop();
    },
    kill: async (name) => {
      await processes.get(name)?.kill();
    },
    suspend: (name) => processes.get(name)?.suspend(),
    resume: (name) => processes.get(name)?.resume(),
    launch: (name) => launch([name]),
    stop: async () => {
      await Promise.all([...processes.values()].map((p) => p.stop()));
      await database.drop();
    },
  };
}

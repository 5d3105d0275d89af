import { exited, spawnPrefixed } from './processes';
import { SUBGRAPHS, subgraphScript } from './services';

/**
 * Runs each subgraph's own seed command in turn; each loads only its own slice of the demo book
 * into its own schema, and only when that schema is still empty.
 */
export async function seedAll(env: NodeJS.ProcessEnv, args: string[]): Promise<void> {
  for (const name of SUBGRAPHS) {
    const code = await exited(spawnPrefixed({ name: `${name}-seed`, script: subgraphScript(name, 'seed-main'), args, env }));
    if (code !== 0) throw new Error(`seeding ${name} failed with exit code ${code}`);
  }
}

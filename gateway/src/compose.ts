import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/**
 * Composes the committed subgraph SDLs into `infra/supergraph.graphql`. A reproducible build step,
 * never a runtime surprise: the gateway only ever loads the file this writes.
 */
const root = path.join(__dirname, '..', '..');
export const SUBGRAPHS = [
  { name: 'accounts', url: 'http://127.0.0.1:4001/graphql' },
  { name: 'opportunities', url: 'http://127.0.0.1:4002/graphql' },
  { name: 'activities', url: 'http://127.0.0.1:4003/graphql' },
];

export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map(({ name, url }) => ({
      name,
      url,
      typeDefs: parse(readFileSync(path.join(root, 'services', name, 'schema.graphql'), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

if (require.main === module) {
  const target = path.join(root, 'infra', 'supergraph.graphql');
  writeFileSync(target, composeSupergraph());
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}

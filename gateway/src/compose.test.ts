import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from './compose';

describe('supergraph composition', () => {
  it('composes the committed subgraph schemas into the committed infra/supergraph.graphql', () => {
    const committed = readFileSync(path.join(__dirname, '..', '..', 'infra', 'supergraph.graphql'), 'utf8');
    expect(composeSupergraph()).toBe(committed);
  });
});

import { generateBook } from './generate-book';

/** What a service declares of its slice of the demo book; the seed runner's types fill in the three parameters. */
export interface DemoSlice<DataSource, Table, Load> {
  name: string;
  dataSource: DataSource;
  /** The table whose rows say the slice is there. */
  seededWhen: Table;
  load: Load;
}

/**
 * A service's slice of the demo book as the seed runner takes it: the slice with the book's generator.
 * The runner's definition type comes from where the result is declared, and types `load` there; the
 * demo data stays free of the runner:
 *
 *   export const accountsSeed: SeedDefinition<Book> = demoSeed({ name: 'accounts', dataSource, seededWhen: User, async load(manager, book, insert) { … } });
 */
export function demoSeed<DataSource, Table, Load>(
  slice: DemoSlice<DataSource, Table, Load>,
): DemoSlice<DataSource, Table, Load> & { generate: typeof generateBook } {
  return { ...slice, generate: generateBook };
}

import DataLoader from 'dataloader';

/**
 * Per-request home of DataLoaders that depend on field arguments (e.g. `Account.contacts(first: 5)`):
 * one loader per (field, arguments), created on first use. Never share one between requests.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<any, any>>();

  get<K, V>(field: string, args: unknown, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    const key = `${field}:${JSON.stringify(args ?? null)}`;
    let loader = this.loaders.get(key);
    if (!loader) {
      // Async, so a batch that throws synchronously (e.g. a FORBIDDEN filter) rejects with its own
      // error: DataLoader turns a synchronous throw into a TypeError about its batch function.
      loader = new DataLoader<K, V>(async (keys) => batch(keys));
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Orders `rows` by `keys` for a DataLoader batch: same length as keys, `null` where missing. */
export function byKeys<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const index = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => index.get(key) ?? null);
}

/** Groups `rows` by `keys` for one-to-many batches: an array per key, empty where none. */
export function groupByKeys<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

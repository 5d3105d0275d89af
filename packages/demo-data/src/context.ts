import { Faker, en } from '@faker-js/faker';
import { deterministicUuid, type EntityKind } from './ids';
import { Random } from './random';

/** Everything a generation phase needs; created once per `generateBook` call. */
export interface GenerationContext {
  seed: number;
  scale: number;
  /** The reference "now" in epoch milliseconds. */
  now: number;
  /** A private, seeded faker instance (never the global one). */
  faker: Faker;
  id(kind: EntityKind, index: number): string;
  /** A fresh PRNG for a named phase; same name → same sequence. */
  rng(stream: string): Random;
}

export function createContext(seed: number, scale: number, now: number): GenerationContext {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  faker.setDefaultRefDate(new Date(now));
  return {
    seed,
    scale,
    now,
    faker,
    id: (kind, index) => deterministicUuid(seed, kind, index),
    rng: (stream) => new Random(seed, stream),
  };
}

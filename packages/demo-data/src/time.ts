import type { Random } from './random';

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const YEAR = 365 * DAY;

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

/** YYYY-MM-DD (UTC) of an epoch-millisecond timestamp. */
export function toIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Uniform timestamp in [lo, hi], whole seconds. */
export function randomTime(rng: Random, lo: number, hi: number): number {
  if (hi <= lo) return lo;
  const t = lo + Math.floor(rng.next() * (hi - lo));
  return Math.max(lo, t - (t % SECOND));
}

/**
 * A timestamp in [lo, hi], snapped to a weekday between 08:00 and 17:00 UTC on a
 * 5-minute grid whenever that fits in the window (a few tries, then any time).
 */
export function workTime(rng: Random, lo: number, hi: number): number {
  let t = lo;
  for (let attempt = 0; attempt < 4; attempt++) {
    t = randomTime(rng, lo, hi);
    let day = t - (t % DAY);
    const weekday = new Date(day).getUTCDay();
    if (weekday === 6) day -= DAY;
    else if (weekday === 0) day -= 2 * DAY;
    const candidate = day + 8 * HOUR + rng.int(0, 9 * 12 - 1) * 5 * MINUTE;
    if (candidate >= lo && candidate <= hi) return candidate;
  }
  return t;
}

/**
 * `count` strictly increasing timestamps (at least a minute apart): the first is `start`,
 * the last is `end` when count > 1, the rest spread randomly in between.
 */
export function stepTimes(rng: Random, start: number, end: number, count: number): number[] {
  if (count <= 1) return [start];
  const span = Math.max(end - start, (count - 1) * MINUTE);
  const last = start + span;
  const inner: number[] = [];
  for (let i = 0; i < count - 2; i++) inner.push(rng.next());
  inner.sort((x, y) => x - y);
  const times = [start];
  for (const fraction of inner) {
    const t = start + Math.floor(fraction * span);
    times.push(t - (t % SECOND));
  }
  times.push(last);
  for (let i = 1; i < count; i++) {
    if (times[i]! < times[i - 1]! + MINUTE) times[i] = times[i - 1]! + MINUTE;
  }
  for (let i = count - 2; i >= 1; i--) {
    if (times[i]! > times[i + 1]! - MINUTE) times[i] = times[i + 1]! - MINUTE;
  }
  return times;
}

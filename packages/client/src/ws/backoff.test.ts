import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const settings = { baseDelayMs: 500, maxDelayMs: 30_000 };

  it('stays within [0, min(cap, base·2^n)] for every attempt', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt);
      for (let sample = 0; sample < 50; sample++) {
        const delay = backoffDelay(attempt, settings);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('spans the whole window: full jitter, not a fixed delay plus noise', () => {
    expect(backoffDelay(3, settings, () => 0)).toBe(0);
    expect(backoffDelay(3, settings, () => 0.999_999)).toBe(3_999);
    expect(backoffDelay(0, settings, () => 0.5)).toBe(250);
  });

  it('never exceeds the cap, even after very many attempts', () => {
    expect(backoffDelay(10, settings, () => 0.999_999)).toBe(29_999);
    expect(backoffDelay(5_000, settings, () => 0.999_999)).toBe(29_999);
  });
});

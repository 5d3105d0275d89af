import { CursorTracker } from './cursor-tracker';

describe('CursorTracker', () => {
  it('accepts new cursors and remembers the last one', () => {
    const tracker = new CursorTracker();
    expect(tracker.last).toBeUndefined();
    expect(tracker.accept('a')).toBe(true);
    expect(tracker.accept('b')).toBe(true);
    expect(tracker.last).toBe('b');
  });

  it('drops a cursor it already delivered, and the one the subscription started after', () => {
    const tracker = new CursorTracker({ initial: 'start' });
    expect(tracker.last).toBe('start');
    expect(tracker.accept('start')).toBe(false);
    expect(tracker.accept('a')).toBe(true);
    expect(tracker.accept('b')).toBe(true);
    expect(tracker.accept('a')).toBe(false);
    expect(tracker.last).toBe('b');
  });

  it('lets results without a cursor through without changing the last cursor', () => {
    const tracker = new CursorTracker();
    tracker.accept('a');
    expect(tracker.accept(undefined)).toBe(true);
    expect(tracker.last).toBe('a');
  });

  it('forgets the oldest cursors beyond its window', () => {
    const tracker = new CursorTracker({ window: 2 });
    ['a', 'b', 'c'].forEach((c) => tracker.accept(c));
    expect(tracker.accept('b')).toBe(false);
    expect(tracker.accept('a')).toBe(true); // out of the window: opaque cursors cannot be ordered
  });

  it('drops any cursor not after the last one when given an order', () => {
    const tracker = new CursorTracker({ compareCursors: (a, b) => a.localeCompare(b), window: 1 });
    expect(tracker.accept('c002')).toBe(true);
    expect(tracker.accept('c001')).toBe(false);
    expect(tracker.accept('c002')).toBe(false);
    expect(tracker.accept('c003')).toBe(true);
  });
});

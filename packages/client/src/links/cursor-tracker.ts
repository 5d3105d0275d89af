/** Orders two cursors: negative when `a` comes before `b`, 0 when equal, positive when after. */
export type CursorOrder = (a: string, b: string) => number;

export interface CursorTrackerOptions {
  /** The `after` the subscription started with, if any: an event carrying it is a duplicate. */
  initial?: string;
  /** When given, any cursor not strictly after the last delivered one is dropped. */
  compareCursors?: CursorOrder;
  /** How many recently delivered cursors are remembered for the equality check. */
  window?: number;
}

/** Default number of recently delivered cursors remembered per subscription. */
export const DEFAULT_DEDUPE_WINDOW = 1000;

/**
 * Remembers the last cursor delivered on one subscription and decides whether the next event is new.
 *
 * Cursors are opaque strings, so by default the tracker does not order them: an event is a duplicate
 * when its cursor equals one of the last `window` delivered cursors (or the starting `after`). That
 * catches what a resume can produce — the server replaying the `after` event itself, or events that
 * were in flight when the socket dropped — because the server sends events in cursor order and a
 * resume asks only for events after the newest one we delivered. With `compareCursors` (for servers
 * that document an order on their cursors) the stricter rule applies: drop anything not after the last.
 */
export class CursorTracker {
  private lastCursor: string | undefined;
  private readonly recent = new Set<string>();
  private readonly window: number;

  constructor(private readonly options: CursorTrackerOptions = {}) {
    this.window = Math.max(1, options.window ?? DEFAULT_DEDUPE_WINDOW);
    if (options.initial !== undefined) this.remember(options.initial);
  }

  /** The newest delivered cursor (or the starting `after`): what a resume sends as `after`. */
  get last(): string | undefined {
    return this.lastCursor;
  }

  /**
   * True when an event with this cursor should be delivered, and records it as the last one.
   * Results without a cursor (errors, subscriptions that do not carry one) always pass.
   */
  accept(cursor: string | undefined): boolean {
    if (cursor === undefined) return true;
    if (this.recent.has(cursor)) return false;
    const { compareCursors } = this.options;
    if (compareCursors && this.lastCursor !== undefined && compareCursors(cursor, this.lastCursor) <= 0) return false;
    this.remember(cursor);
    return true;
  }

  private remember(cursor: string): void {
    this.lastCursor = cursor;
    this.recent.add(cursor);
    // A Set iterates in insertion order, so the first entry is the oldest.
    if (this.recent.size > this.window) this.recent.delete(this.recent.values().next().value as string);
  }
}

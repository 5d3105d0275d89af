import { GraphQLError } from 'graphql';

/** The code of a subscribe refused because the connection or the user holds as many subscriptions as allowed. */
export const SUBSCRIPTION_LIMIT = 'SUBSCRIPTION_LIMIT';

export interface SubscriptionLimits {
  /** Live subscriptions one WebSocket connection may hold. */
  perSocket: number;
  /** Live subscriptions one user may hold across all their connections to this gateway instance. */
  perUser: number;
}

/**
 * Counts the live subscriptions of each connection and each user. Every distinct subscription costs
 * an upstream stream to a subgraph and a hydration per event, so one client must not be able to open
 * them without bound. A slot is taken before a subscription starts and given back when it ends;
 * giving back is idempotent, because a subscription ends along several paths (the client completes
 * it, the stream ends, the connection closes) that may all fire.
 */
export class SubscriptionSlots {
  /** Per connection: the operation id of each subscription holding a slot, and its user. */
  private readonly held = new Map<object, Map<string, string>>();
  private readonly perUser = new Map<string, number>();

  constructor(private readonly limits: SubscriptionLimits) {}

  /** Takes a slot for subscription `id` of `userId` on `connection`; returns the refusal when a limit is reached. */
  take(connection: object, id: string, userId: string): GraphQLError | undefined {
    this.release(connection, id); // graphql-ws lets a client reuse the id of a subscription it completed
    const held = this.held.get(connection) ?? new Map<string, string>();
    if (held.size >= this.limits.perSocket) {
      return refusal(`Too many subscriptions on this connection: the maximum is ${this.limits.perSocket}; complete one first`, this.limits.perSocket);
    }
    const ofUser = this.perUser.get(userId) ?? 0;
    if (ofUser >= this.limits.perUser) {
      return refusal(`Too many subscriptions of this user on this server: the maximum is ${this.limits.perUser} across all connections; complete one first`, this.limits.perUser);
    }
    held.set(id, userId);
    this.held.set(connection, held);
    this.perUser.set(userId, ofUser + 1);
    return undefined;
  }

  /** Gives back the slot of subscription `id` on `connection`, if it holds one. */
  release(connection: object, id: string): void {
    const held = this.held.get(connection);
    const userId = held?.get(id);
    if (!held || userId === undefined) return;
    held.delete(id);
    if (held.size === 0) this.held.delete(connection);
    const left = (this.perUser.get(userId) ?? 1) - 1;
    if (left > 0) this.perUser.set(userId, left);
    else this.perUser.delete(userId);
  }

  /** Gives back every slot of a connection that closed. */
  releaseAll(connection: object): void {
    for (const id of [...(this.held.get(connection)?.keys() ?? [])]) this.release(connection, id);
  }

  /** Live subscriptions of `userId` on this instance. */
  ofUser(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }

  /** Live subscriptions on `connection`. */
  onConnection(connection: object): number {
    return this.held.get(connection)?.size ?? 0;
  }
}

function refusal(message: string, maximum: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: SUBSCRIPTION_LIMIT, maximum } });
}

import { SUBSCRIPTION_LIMIT, SubscriptionSlots } from './subscription-slots';

describe('SubscriptionSlots', () => {
  const socket = {};
  const other = {};

  it('refuses one subscription more than a connection may hold, naming the limit, until one is released', () => {
    const slots = new SubscriptionSlots({ perSocket: 2, perUser: 10 });
    expect(slots.take(socket, '1', 'ann')).toBeUndefined();
    expect(slots.take(socket, '2', 'ann')).toBeUndefined();
    const refusal = slots.take(socket, '3', 'ann');
    expect(refusal?.message).toBe('Too many subscriptions on this connection: the maximum is 2; complete one first');
    expect(refusal?.extensions).toEqual({ code: SUBSCRIPTION_LIMIT, maximum: 2 });
    slots.release(socket, '1');
    expect(slots.take(socket, '3', 'ann')).toBeUndefined();
    expect(slots.onConnection(socket)).toBe(2);
  });

  it('counts a user across connections and leaves other users alone', () => {
    const slots = new SubscriptionSlots({ perSocket: 2, perUser: 3 });
    expect(slots.take(socket, '1', 'ann')).toBeUndefined();
    expect(slots.take(socket, '2', 'ann')).toBeUndefined();
    expect(slots.take(other, '1', 'ann')).toBeUndefined();
    expect(slots.take(other, '2', 'ann')?.message).toBe(
      'Too many subscriptions of this user on this server: the maximum is 3 across all connections; complete one first',
    );
    expect(slots.take(other, '2', 'bob')).toBeUndefined();
    expect(slots.ofUser('ann')).toBe(3);
  });

  it('gives back a slot once however many ways a subscription ends, and every slot of a closed connection', () => {
    const slots = new SubscriptionSlots({ perSocket: 5, perUser: 5 });
    slots.take(socket, '1', 'ann');
    slots.take(socket, '2', 'ann');
    slots.take(other, '1', 'ann');
    slots.release(socket, '1');
    slots.release(socket, '1');
    expect(slots.ofUser('ann')).toBe(2);
    slots.releaseAll(socket);
    expect(slots.onConnection(socket)).toBe(0);
    expect(slots.ofUser('ann')).toBe(1);
  });

  it('counts a reused operation id once', () => {
    const slots = new SubscriptionSlots({ perSocket: 1, perUser: 1 });
    expect(slots.take(socket, '1', 'ann')).toBeUndefined();
    expect(slots.take(socket, '1', 'ann')).toBeUndefined();
    expect(slots.ofUser('ann')).toBe(1);
  });
});

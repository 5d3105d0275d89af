import { BoundedQueue } from './bounded-queue';

describe('BoundedQueue', () => {
  it('delivers items in order to a waiting or a late consumer', async () => {
    const queue = new BoundedQueue<number>(10);
    const first = queue.next();
    queue.push(1);
    queue.push(2);
    expect(await first).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: 2, done: false });
  });

  it('refuses items beyond its capacity instead of growing', () => {
    const queue = new BoundedQueue<number>(3);
    expect([1, 2, 3, 4].map((n) => queue.push(n))).toEqual([true, true, true, false]);
    expect(queue.size).toBe(3);
  });

  it('drains queued items after end, then reports done', async () => {
    const queue = new BoundedQueue<number>(3);
    queue.push(1);
    queue.end();
    expect(await queue.next()).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('tells its owner when the consumer stops early', async () => {
    let returned = false;
    const queue = new BoundedQueue<number>(3, () => (returned = true));
    await queue.return();
    expect(returned).toBe(true);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });
});

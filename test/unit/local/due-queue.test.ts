import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DueQueue } from '../../../infra/local/due-queue.ts';

describe('DueQueue', () => {
  it('gives items earliest first, equal times in the order they were queued', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const queue = new DueQueue<number>();
        times.forEach((at, index) => queue.push(at, index));
        const taken = new Set<number>();
        const order: number[] = [];
        for (let next = queue.peek((i) => !taken.has(i)); next; next = queue.peek((i) => !taken.has(i))) {
          order.push(next.item);
          taken.add(next.item);
        }
        const expected = times.map((at, index) => ({ at, index })).sort((a, b) => a.at - b.at || a.index - b.index).map((e) => e.index);
        expect(order).toEqual(expected);
      }),
    );
  });

  it('skips entries the caller no longer holds current, and finds an item queued again at a new time', () => {
    const queue = new DueQueue<{ name: string; at: number }>();
    const a = { name: 'a', at: 10 };
    const b = { name: 'b', at: 20 };
    queue.push(a.at, a);
    queue.push(b.at, b);
    a.at = 30; // moved on, as a recurring schedule does after firing
    queue.push(a.at, a);
    const current = (item: { at: number }, at: number) => item.at === at;
    expect(queue.peek(current)?.item.name).toBe('b');
    b.at = -1; // fired
    expect(queue.peek(current)).toMatchObject({ at: 30, item: a });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DueQueue } from '../../../functions/platform/due-queue.ts';

describe('DueQueue', () => {
  it('gives items earliest first, equal times by rank', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.integer({ min: 0, max: 20 }), rank: fc.integer({ min: 0, max: 5 }) }), { maxLength: 200 }), (entries) => {
        const queue = new DueQueue<number>();
        entries.forEach(({ at, rank }, index) => queue.push(at, rank, index));
        const taken = new Set<number>();
        const order: number[] = [];
        for (let next = queue.peek((i) => !taken.has(i)); next; next = queue.peek((i) => !taken.has(i))) {
          order.push(next.item);
          taken.add(next.item);
        }
        const sorted = entries.map((e, index) => ({ ...e, index })).sort((a, b) => a.at - b.at || a.rank - b.rank);
        expect(order.map((i) => [entries[i]!.at, entries[i]!.rank])).toEqual(sorted.map((e) => [e.at, e.rank]));
      }),
    );
  });

  it('skips entries the caller no longer holds current, and finds an item queued again at a new time', () => {
    const queue = new DueQueue<{ name: string; at: number }>();
    const a = { name: 'a', at: 10 };
    const b = { name: 'b', at: 20 };
    queue.push(a.at, 0, a);
    queue.push(b.at, 1, b);
    a.at = 30; // moved on, as a recurring schedule does after firing
    queue.push(a.at, 0, a);
    const current = (item: { at: number }, at: number) => item.at === at;
    expect(queue.peek(current)?.item.name).toBe('b');
    b.at = -1; // fired
    expect(queue.peek(current)).toMatchObject({ at: 30, item: a });
  });
});

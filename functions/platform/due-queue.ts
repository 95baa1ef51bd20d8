/**
 * Items ordered by a due time, earliest first, ties by a rank the caller
 * gives (creation order, so a recurring schedule queued again keeps its
 * place). A binary heap: a simulated quarter keeps tens of thousands of
 * schedules, and sorting them all before each firing made the run quadratic. Entries whose item has since changed are skipped by
 * the caller's `current` check instead of being removed.
 */
export class DueQueue<T> {
  private readonly heap: Array<{ at: number; rank: number; item: T }> = [];

  push(at: number, rank: number, item: T): void {
    const heap = this.heap;
    heap.push({ at, rank, item });
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** The earliest entry for which `current(item, at)` holds, dropping the stale ones before it. */
  peek(current: (item: T, at: number) => boolean): { at: number; item: T } | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      if (current(top.item, top.at)) return top;
      this.pop();
    }
    return undefined;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < heap.length && this.before(left, first)) first = left;
      if (right < heap.length && this.before(right, first)) first = right;
      if (first === i) return;
      [heap[i], heap[first]] = [heap[first]!, heap[i]!];
      i = first;
    }
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.at < y.at || (x.at === y.at && x.rank < y.rank);
  }
}

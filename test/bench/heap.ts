/**
 * A bare binary min-heap, the one both the floor (workloads.ts) and Effect's
 * fair clock (effect.ts) keep their timers in, so that (a) compares the
 * runtimes and not two heaps.
 */
export class MinHeap<T> {
  readonly #items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.#items.length;
  }

  push(t: T): void {
    const heap = this.#items;
    const before = this.before;
    let i = heap.length;
    heap.push(t);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(t, heap[p]!)) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = t;
  }

  /** Removes and returns the first item; the heap must not be empty. */
  pop(): T {
    const heap = this.#items;
    const before = this.before;
    const top = heap[0]!;
    const last = heap.pop()!;
    const len = heap.length;
    if (len > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= len) break;
        const r = l + 1;
        const c = r < len && before(heap[r]!, heap[l]!) ? r : l;
        if (!before(heap[c]!, last)) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }
}

/**
 * Items in the order of `compare`, sorted only as far as the caller reads: the best `k` are selected
 * with a heap (one pass), the rest sorted only when the caller reads past them. Ranking a few thousand
 * candidates into twenty places reads a few dozen of them. `compare` must be a total order (no ties
 * between distinct items) for the order to be the full sort's.
 */
export function* bestFirst<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): Generator<T, void, undefined> {
  if (items.length <= k) {
    yield* [...items].sort(compare);
    return;
  }
  // A heap of the best k seen so far with the worst of them on top; everything else waits in `rest`.
  const heap: T[] = [];
  const rest: T[] = [];
  const after = (i: number, j: number) => compare(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  for (const x of items) {
    if (heap.length < k) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!after(i, p)) break;
        swap(i, p);
        i = p;
      }
    } else if (compare(x, heap[0]!) < 0) {
      rest.push(heap[0]!);
      heap[0] = x;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        if (l >= k) break;
        const c = l + 1 < k && after(l + 1, l) ? l + 1 : l;
        if (!after(c, i)) break;
        swap(c, i);
        i = c;
      }
    } else {
      rest.push(x);
    }
  }
  yield* heap.sort(compare);
  yield* rest.sort(compare);
}

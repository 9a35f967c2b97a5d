/** What an {@link MinHeap} orders: a due time, and a slot where the heap keeps the entry's position. */
export interface HeapEntry {
  /** When the entry is due (real ms). */
  readonly visibleAt: number;
  /** Position in the heap holding it, -1 when in none. Owned by the heap. */
  heapIndex: number;
}

/**
 * A binary min-heap of entries ordered by `visibleAt` that knows where each entry sits, so an
 * entry can be removed or re-keyed in O(log n) (a delete or visibility change of an in-flight
 * message) instead of leaving a stale entry behind until it comes due.
 */
export class MinHeap<T extends HeapEntry> {
  private readonly items: T[] = [];

  public get size(): number {
    return this.items.length;
  }

  public peek(): T | undefined {
    return this.items[0];
  }

  public push(item: T): void {
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.up(item.heapIndex);
  }

  public pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  /** Removes `item` if this heap holds it. */
  public remove(item: T): void {
    const index = item.heapIndex;
    if (index < 0 || this.items[index] !== item) return;
    const last = this.items.pop() as T;
    item.heapIndex = -1;
    if (last === item) return;
    this.items[index] = last;
    last.heapIndex = index;
    this.down(index);
    this.up(last.heapIndex);
  }

  /** Restores order after `item.visibleAt` changed (or adds it if absent). */
  public update(item: T): void {
    const index = item.heapIndex;
    if (index < 0 || this.items[index] !== item) {
      this.push(item);
      return;
    }
    this.down(index);
    this.up(item.heapIndex);
  }

  public clear(): void {
    for (const item of this.items) item.heapIndex = -1;
    this.items.length = 0;
  }

  private up(start: number): void {
    const items = this.items;
    const item = items[start] as T;
    let i = start;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (parent.visibleAt <= item.visibleAt) break;
      items[i] = parent;
      parent.heapIndex = i;
      i = parentIndex;
    }
    items[i] = item;
    item.heapIndex = i;
  }

  private down(start: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[start] as T;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && (items[right] as T).visibleAt < (items[left] as T).visibleAt) child = right;
      const c = items[child] as T;
      if (c.visibleAt >= item.visibleAt) break;
      items[i] = c;
      c.heapIndex = i;
      i = child;
    }
    items[i] = item;
    item.heapIndex = i;
  }
}

/** A growable ring buffer: O(1) push, shift and indexed reads (the visible-message index). */
export class Deque<T> {
  private buffer: Array<T | undefined>;
  private head = 0;
  private count = 0;

  public constructor(capacity = 16) {
    this.buffer = new Array<T | undefined>(capacity);
  }

  public get length(): number {
    return this.count;
  }

  public push(item: T): void {
    if (this.count === this.buffer.length) this.grow();
    this.buffer[(this.head + this.count) % this.buffer.length] = item;
    this.count++;
  }

  public unshift(item: T): void {
    if (this.count === this.buffer.length) this.grow();
    this.head = (this.head - 1 + this.buffer.length) % this.buffer.length;
    this.buffer[this.head] = item;
    this.count++;
  }

  public shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.buffer[this.head];
    this.buffer[this.head] = undefined;
    this.head = (this.head + 1) % this.buffer.length;
    this.count--;
    return item;
  }

  public peek(): T | undefined {
    return this.count === 0 ? undefined : this.buffer[this.head];
  }

  public at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.buffer[(this.head + index) % this.buffer.length];
  }

  /** Keeps only the items `keep` accepts, in order (drops tombstones in one O(n) pass). */
  public compact(keep: (item: T) => boolean): void {
    const next = new Array<T | undefined>(Math.max(16, this.buffer.length));
    let count = 0;
    for (let i = 0; i < this.count; i++) {
      const item = this.buffer[(this.head + i) % this.buffer.length] as T;
      if (keep(item)) next[count++] = item;
    }
    this.buffer = next;
    this.head = 0;
    this.count = count;
  }

  public clear(): void {
    this.buffer = new Array<T | undefined>(16);
    this.head = 0;
    this.count = 0;
  }

  public *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.count; i++) yield this.buffer[(this.head + i) % this.buffer.length] as T;
  }

  private grow(): void {
    const next = new Array<T | undefined>(this.buffer.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = this.buffer[(this.head + i) % this.buffer.length];
    this.buffer = next;
    this.head = 0;
  }
}

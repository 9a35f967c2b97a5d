/**
 * An async readers-writer lock. Single-item DynamoDB calls share it; transactions take it alone,
 * so no other request ever sees a transaction half applied. Writers waiting go first, so a stream
 * of single-item calls cannot starve a transaction.
 */
export class ReadWriteLock {
  private readers = 0;
  private writing = false;
  private readonly waitingWriters: Array<() => void> = [];
  private waitingReaders: Array<() => void> = [];

  /** Runs `fn` while holding the lock shared with other readers. */
  public async read<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquireRead();
    try {
      return await fn();
    } finally {
      this.readers--;
      this.wake();
    }
  }

  /** Runs `fn` while holding the lock alone. */
  public async write<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquireWrite();
    try {
      return await fn();
    } finally {
      this.writing = false;
      this.wake();
    }
  }

  private acquireRead(): Promise<void> {
    if (!this.writing && this.waitingWriters.length === 0) {
      this.readers++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waitingReaders.push(() => {
      this.readers++;
      resolve();
    }));
  }

  private acquireWrite(): Promise<void> {
    if (!this.writing && this.readers === 0) {
      this.writing = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waitingWriters.push(() => {
      this.writing = true;
      resolve();
    }));
  }

  private wake(): void {
    if (this.writing) return;
    const writer = this.waitingWriters[0];
    if (writer !== undefined) {
      if (this.readers === 0) {
        this.waitingWriters.shift();
        writer();
      }
      return;
    }
    const readers = this.waitingReaders;
    this.waitingReaders = [];
    for (const reader of readers) reader();
  }
}

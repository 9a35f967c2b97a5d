/**
 * A state input or output kept in the history as the value itself; its JSON text is made only
 * when someone reads the history (most histories are never read event by event). Values are
 * never mutated by the engine once produced, so holding the reference is safe.
 */
export class JsonPayload {
  private cached?: string;

  public constructor(public readonly value: unknown) {}

  public text(): string {
    this.cached ??= JSON.stringify(this.value) ?? 'null';
    return this.cached;
  }

  public toJSON(): string {
    return this.text();
  }
}

/** `{ truncated: false }`, shared: payloads are never truncated here. */
export const NOT_TRUNCATED = Object.freeze({ truncated: false });

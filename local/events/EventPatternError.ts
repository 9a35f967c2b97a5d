/** An event pattern EventBridge would reject (`InvalidEventPatternException`). */
export class EventPatternError extends Error {
  public constructor(reason: string, options?: { cause?: unknown }) {
    super(`Event pattern is not valid. Reason: ${reason}`, options);
    this.name = 'EventPatternError';
  }
}

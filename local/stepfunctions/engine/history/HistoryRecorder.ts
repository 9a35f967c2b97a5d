import type { EventExtra, HistoryEvent, HistoryEventType } from './HistoryEvent';

/** Listener told of every event as it is recorded (the durability journal subscribes here). */
export type HistoryListener = (event: HistoryEvent) => void;

/**
 * The history of one execution, in order. Events are appended, never changed; ids start at 1.
 */
export class HistoryRecorder {
  private readonly events: HistoryEvent[] = [];
  private readonly listeners: HistoryListener[] = [];

  public constructor(private readonly now: () => number) {}

  /** Appends an event and returns its id. */
  public record(type: HistoryEventType, previousEventId: number, details?: Readonly<Record<string, unknown>>, extra?: EventExtra): number {
    if (this.frozen) return this.events.length;
    const event: HistoryEvent = { id: this.events.length + 1, previousEventId, timestamp: this.now(), type, details, extra };
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
    return event.id;
  }

  /** Restores events read back from a journal (no listener is told). */
  public restore(events: readonly HistoryEvent[]): void {
    this.events.push(...events);
  }

  private frozen = false;

  /** Ignores every later event: a halted execution unwinds without writing its aborts (it resumes after a restart). */
  public freeze(): void {
    this.frozen = true;
  }

  public onEvent(listener: HistoryListener): void {
    this.listeners.push(listener);
  }

  public get length(): number {
    return this.events.length;
  }

  public all(): readonly HistoryEvent[] {
    return this.events;
  }
}

import { STATE_EXITED_TYPES, storedEvent, type EventExtra, type HistoryEvent, type HistoryEventType } from './HistoryEvent';
import type { DetailedEventType, DetaillessEventType, HistoryEventDetails, StateEnteredType, StateExitedType } from './HistoryEventDetails';
import { JsonPayload, NOT_TRUNCATED } from './JsonPayload';

/** Listener told of every event as it is recorded (the durability journal subscribes here). */
export type HistoryListener = (event: HistoryEvent) => void;

/** Types whose compact form (a state name and a payload) builds `{ name, output, outputDetails }`. */
const EXITED_TYPES: ReadonlySet<HistoryEventType> = STATE_EXITED_TYPES;

/**
 * The history of one execution, in order. Events are appended, never changed; ids start at 1.
 *
 * Held column by column (type, previous id, epoch-ms timestamp, details or state name, payload,
 * extra) rather than as one object per event: an engine transition then appends to arrays and
 * allocates no object, and a finished history costs a few bytes per event. The AWS-shaped event
 * objects are built only when read ({@link HistoryRecorder.at}, {@link HistoryRecorder.all}); a
 * state's payload is kept as the value itself and turned into JSON text only then.
 */
export class HistoryRecorder {
  private readonly types: HistoryEventType[] = [];
  private readonly previous: number[] = [];
  private readonly times: number[] = [];
  /** The details object, or the state name of a compact *StateEntered / *StateExited event (the only strings here). */
  private readonly first: unknown[] = [];
  /** The input or output value of a compact state event. */
  private readonly payloads: unknown[] = [];
  private readonly extras: (EventExtra | undefined)[] = [];
  private readonly listeners: HistoryListener[] = [];
  private frozen = false;
  /** The last payload built: a state's output is the next state's input, so adjacent events share its text. */
  private lastValue: unknown;
  private lastPayload?: JsonPayload;

  public constructor(private readonly now: () => number) {}

  /** Appends an event and returns its id. */
  public record(type: DetaillessEventType, previousEventId: number, details?: undefined, extra?: EventExtra): number;
  public record<T extends DetailedEventType>(type: T, previousEventId: number, details: NonNullable<HistoryEventDetails<T>>, extra?: EventExtra): number;
  public record(type: HistoryEventType, previousEventId: number, details?: object, extra?: EventExtra): number {
    return this.append(type, previousEventId, details, undefined, extra);
  }

  /** Appends an event whose details a typed caller ({@link Flow.record}) has already checked against its type. */
  public recordChecked(type: HistoryEventType, previousEventId: number, details: object | undefined, extra: EventExtra | undefined): number {
    return this.append(type, previousEventId, details, undefined, extra);
  }

  /**
   * Appends a *StateEntered event (`{ name, input, inputDetails }`) or a *StateExited event
   * without assigned variables (`{ name, output, outputDetails }`), held compactly.
   */
  public recordState(type: StateEnteredType | StateExitedType, previousEventId: number, name: string, payload: unknown, extra: EventExtra | undefined): number {
    return this.append(type, previousEventId, name, payload, extra);
  }

  private append(type: HistoryEventType, previousEventId: number, first: unknown, payload: unknown, extra: EventExtra | undefined): number {
    if (this.frozen) return this.types.length;
    this.types.push(type);
    this.previous.push(previousEventId);
    this.times.push(this.now());
    this.first.push(first);
    this.payloads.push(payload);
    this.extras.push(extra);
    const id = this.types.length;
    if (this.listeners.length > 0) {
      const event = this.build(id - 1);
      for (const listener of this.listeners) listener(event);
    }
    return id;
  }

  /** Restores events read back from a journal (no listener is told). */
  public restore(events: readonly HistoryEvent[]): void {
    for (const e of events) {
      this.types.push(e.type);
      this.previous.push(e.previousEventId);
      this.times.push(e.timestamp);
      this.first.push(e.details);
      this.payloads.push(undefined);
      this.extras.push(e.extra);
    }
  }

  /** Ignores every later event: a halted execution unwinds without writing its aborts (it resumes after a restart). */
  public freeze(): void {
    this.frozen = true;
  }

  public onEvent(listener: HistoryListener): void {
    this.listeners.push(listener);
  }

  public get length(): number {
    return this.types.length;
  }

  /** The type of the event at `index` (0-based), without building the event. */
  public typeAt(index: number): HistoryEventType | undefined {
    return this.types[index];
  }

  /** The event at `index` (0-based). */
  public at(index: number): HistoryEvent | undefined {
    return index >= 0 && index < this.types.length ? this.build(index) : undefined;
  }

  /** Every event, built anew (prefer {@link HistoryRecorder.at} for a page of a long history). */
  public all(): readonly HistoryEvent[] {
    const events: HistoryEvent[] = new Array<HistoryEvent>(this.types.length);
    for (let i = 0; i < events.length; i++) events[i] = this.build(i);
    return events;
  }

  private build(index: number): HistoryEvent {
    const type = this.types[index] as HistoryEventType;
    const first = this.first[index];
    let details: object | undefined;
    if (typeof first !== 'string') details = first as object | undefined;
    else if (EXITED_TYPES.has(type)) details = { name: first, output: this.payloadOf(this.payloads[index]), outputDetails: NOT_TRUNCATED };
    else details = { name: first, input: this.payloadOf(this.payloads[index]), inputDetails: NOT_TRUNCATED };
    return storedEvent({ id: index + 1, previousEventId: this.previous[index] as number, timestamp: this.times[index] as number, type, details, extra: this.extras[index] });
  }

  private payloadOf(value: unknown): JsonPayload {
    if (value instanceof JsonPayload) return value;
    if (this.lastPayload !== undefined && this.lastValue === value) return this.lastPayload;
    const payload = new JsonPayload(value);
    this.lastValue = value;
    this.lastPayload = payload;
    return payload;
  }
}

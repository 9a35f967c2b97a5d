/**
 * An event as EventBridge delivers it to targets.
 * @see https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html
 */
export interface EventBridgeEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601 without milliseconds: `2026-11-23T14:15:57Z`. */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

/** EventBridge's `time` format (seconds precision). */
export function eventTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

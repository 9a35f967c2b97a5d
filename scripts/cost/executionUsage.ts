import { GetExecutionHistoryCommand, ListExecutionsCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { EXPRESS_BILLING_STEP_MS } from './designVariants';
import type { HistoryTotals } from './perInvoiceFromCounts';

/** A closed execution of a run. */
export interface ClosedExecution {
  readonly executionArn: string;
  readonly name: string;
  readonly status: string;
}

/** Polls until `expected` executions started at or after `sinceMs` have closed; returns them. */
export async function executionsSince(sfn: SFNClient, stateMachineArn: string, sinceMs: number, expected: number, timeoutMs: number): Promise<ClosedExecution[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const closed: ClosedExecution[] = [];
    let nextToken: string | undefined;
    page: do {
      const result = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, nextToken }));
      for (const execution of result.executions ?? []) {
        // Newest first: stop at the first execution started before the run.
        if ((execution.startDate?.getTime() ?? 0) < sinceMs) break page;
        if (execution.status !== 'RUNNING') closed.push({ executionArn: execution.executionArn ?? '', name: execution.name ?? '', status: execution.status ?? '' });
      }
      nextToken = result.nextToken;
    } while (nextToken !== undefined);
    if (closed.length >= expected) return closed;
    if (Date.now() > deadline) throw new Error(`only ${closed.length} of ${expected} executions closed in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Event fields that carry execution data, which the CDK app keeps out of the logs (`includeExecutionData: false`). */
const DATA_FIELDS = new Set(['input', 'output', 'inputDetails', 'outputDetails', 'parameters', 'result', 'resultDetails']);

/**
 * The bytes of one history event as a CloudWatch Logs record at level ALL without execution data
 * (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html): the event's id, type,
 * timestamps and details, its data fields left out.
 */
function logRecordBytes(event: HistoryEvent, executionArn: string): number {
  const detailsKey = Object.keys(event).find((key) => key.endsWith('EventDetails'));
  const details = detailsKey !== undefined ? Object.fromEntries(Object.entries(event[detailsKey as keyof HistoryEvent] as Record<string, unknown>).filter(([key]) => !DATA_FIELDS.has(key))) : {};
  const record = { id: String(event.id), type: event.type, details, previous_event_id: String(event.previousEventId ?? 0), event_timestamp: String(event.timestamp?.getTime() ?? 0), execution_arn: executionArn, redrive_count: '0' };
  return Buffer.byteLength(JSON.stringify(record));
}

/**
 * States entered, task retries, events, log bytes, DynamoDB Query tasks and billed duration over
 * the executions' histories. Locally the engine answers GetExecutionHistory for Express executions
 * too; in AWS the same events go to the machine's CloudWatch Logs group instead.
 */
export async function historyUsage(sfn: SFNClient, executionArns: readonly string[]): Promise<HistoryTotals> {
  let statesEntered = 0;
  let taskStates = 0;
  let taskScheduled = 0;
  let events = 0;
  let logBytes = 0;
  let dynamoDbQueries = 0;
  let billedMs = 0;
  for (const executionArn of executionArns) {
    let nextToken: string | undefined;
    let first: number | undefined;
    let last = 0;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
      for (const event of page.events ?? []) {
        const type = event.type ?? '';
        events++;
        logBytes += logRecordBytes(event, executionArn);
        const at = event.timestamp?.getTime() ?? 0;
        first ??= at;
        last = Math.max(last, at);
        if (type.endsWith('StateEntered')) statesEntered++;
        if (type === 'TaskStateEntered') taskStates++;
        if (type === 'TaskScheduled') {
          taskScheduled++;
          const scheduled = event.taskScheduledEventDetails;
          if (scheduled?.resourceType === 'aws-sdk:dynamodb' && scheduled.resource === 'query') dynamoDbQueries++;
        }
      }
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    billedMs += Math.max(1, Math.ceil((last - (first ?? last)) / EXPRESS_BILLING_STEP_MS)) * EXPRESS_BILLING_STEP_MS;
  }
  // Each retry schedules the task again within the same state entry.
  return { statesEntered, retries: taskScheduled - taskStates, events, logBytes, dynamoDbQueries, billedMs };
}

/** The invoice record's size as its JSON (close to DynamoDB's item size: names plus values). */
export async function invoiceItemBytes(config: DynamoDBClientConfig, table: string, invoiceId: string): Promise<number> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(config));
  try {
    const { Item } = await client.send(new GetCommand({ TableName: table, Key: { invoiceId } }));
    if (Item === undefined) throw new Error(`invoice ${invoiceId} not found in ${table}`);
    return Buffer.byteLength(JSON.stringify(Item));
  } finally {
    client.destroy();
  }
}

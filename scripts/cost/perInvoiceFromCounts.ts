import type { PerInvoiceUsage, WorkflowType } from '../../contracts/costModel';
import type { OperationCount } from '../../local/edge/RequestCounters';

/** What the execution histories of a run add up to. */
export interface HistoryTotals {
  readonly statesEntered: number;
  readonly retries: number;
  readonly events: number;
  readonly logBytes: number;
  /** Task states that called DynamoDB Query (`aws-sdk:dynamodb:query`). */
  readonly dynamoDbQueries: number;
  /** The executions' durations, each rounded up to 100 ms as Express bills them, summed. */
  readonly billedMs: number;
}

/** The webhook fan-out's executions of a run: their type, how many, and their history totals. */
export interface FanoutTotals {
  readonly type: WorkflowType;
  readonly executions: number;
  readonly history: HistoryTotals;
}

/** Figures of a run that neither the counters nor the histories hold. */
export interface RunFacts {
  readonly invoices: number;
  readonly lambdaMs: number;
  readonly invoiceItemBytes: number;
}

const DYNAMODB_READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const DYNAMODB_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
/** The measuring script's own calls (polling for the ends, reading histories): not the architecture's. */
const MEASUREMENT_CALLS = new Set(['ListExecutions', 'GetExecutionHistory', 'DescribeExecution']);

const round = (value: number): number => Math.round(value * 1e4) / 1e4;

/**
 * One invoice's usage: the run's counted requests and bytes and its history totals, divided by
 * the invoices it issued. The API and its Lambda are one request and one invocation per invoice
 * (the run POSTs once per invoice). The edge counts the webhook fan-out's calls with everyone
 * else's: its DynamoDB Queries and the bus rule's StartExecution of it are taken out of the
 * emission's figures and reported in `webhookFanout`.
 */
export function perInvoiceFromCounts(counts: readonly OperationCount[], history: HistoryTotals, facts: RunFacts, fanout: FanoutTotals): PerInvoiceUsage {
  const sum = (match: (c: OperationCount) => boolean, field: 'requests' | 'requestBytes' | 'responseBytes' = 'requests'): number => counts.filter(match).reduce((total, c) => total + c[field], 0);
  const per = (value: number): number => round(value / facts.invoices);
  const sqs = (c: OperationCount): boolean => c.service === 'sqs';
  const taskCalls = (c: OperationCount): boolean => c.service === 'states' && c.operation.startsWith('SendTask');
  const s3Put = (c: OperationCount): boolean => c.service === 's3' && c.operation === 'PutObject';
  return {
    apiRequests: 1,
    lambdaInvocations: 1,
    lambdaMs: round(facts.lambdaMs),
    stateTransitions: per(history.statesEntered),
    retryTransitions: per(history.retries),
    historyEvents: per(history.events),
    stepFunctionsLogBytes: per(history.logBytes),
    stepFunctionsApiRequests: per(sum((c) => c.service === 'states' && !MEASUREMENT_CALLS.has(c.operation)) - fanout.executions),
    sqsRequests: per(sum(sqs)),
    sqsBytes: per(sum(sqs, 'requestBytes')),
    dynamoDbReads: per(sum((c) => c.service === 'dynamodb' && DYNAMODB_READS.has(c.operation)) - fanout.history.dynamoDbQueries),
    dynamoDbWrites: per(sum((c) => c.service === 'dynamodb' && DYNAMODB_WRITES.has(c.operation))),
    invoiceItemBytes: facts.invoiceItemBytes,
    dataApiRequests: per(sum((c) => c.service === 'rds-data' && /Execute/.test(c.operation))),
    eventBridgeEvents: per(sum((c) => c.service === 'events' && c.operation === 'PutEvents')),
    s3Puts: per(sum(s3Put)),
    s3Gets: per(sum((c) => c.service === 's3' && c.operation === 'GetObject')),
    s3BytesPut: per(sum(s3Put, 'requestBytes')),
    natBytes: per(sum((c) => sqs(c) || taskCalls(c), 'requestBytes') + sum((c) => sqs(c) || taskCalls(c), 'responseBytes') + sum(s3Put, 'requestBytes')),
    webhookFanout: {
      type: fanout.type,
      executions: per(fanout.executions),
      stateTransitions: per(fanout.history.statesEntered + fanout.history.retries),
      historyEvents: per(fanout.history.events),
      stepFunctionsLogBytes: per(fanout.history.logBytes),
      dynamoDbQueries: per(fanout.history.dynamoDbQueries),
      billedMsPerExecution: fanout.executions === 0 ? 0 : round(fanout.history.billedMs / fanout.executions),
    },
  };
}

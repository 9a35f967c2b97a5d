import type { PerInvoiceUsage } from '../../contracts/costModel';
import type { OperationCount } from '../../local/edge/RequestCounters';

/** What the execution histories of a run add up to. */
export interface HistoryTotals {
  readonly statesEntered: number;
  readonly retries: number;
  readonly events: number;
  readonly logBytes: number;
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
 * (the run POSTs once per invoice).
 */
export function perInvoiceFromCounts(counts: readonly OperationCount[], history: HistoryTotals, facts: RunFacts): PerInvoiceUsage {
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
    stepFunctionsApiRequests: per(sum((c) => c.service === 'states' && !MEASUREMENT_CALLS.has(c.operation))),
    sqsRequests: per(sum(sqs)),
    sqsBytes: per(sum(sqs, 'requestBytes')),
    dynamoDbReads: per(sum((c) => c.service === 'dynamodb' && DYNAMODB_READS.has(c.operation))),
    dynamoDbWrites: per(sum((c) => c.service === 'dynamodb' && DYNAMODB_WRITES.has(c.operation))),
    invoiceItemBytes: facts.invoiceItemBytes,
    dataApiRequests: per(sum((c) => c.service === 'rds-data' && /Execute/.test(c.operation))),
    eventBridgeEvents: per(sum((c) => c.service === 'events' && c.operation === 'PutEvents')),
    s3Puts: per(sum(s3Put)),
    s3Gets: per(sum((c) => c.service === 's3' && c.operation === 'GetObject')),
    s3BytesPut: per(sum(s3Put, 'requestBytes')),
    natBytes: per(sum((c) => sqs(c) || taskCalls(c), 'requestBytes') + sum((c) => sqs(c) || taskCalls(c), 'responseBytes') + sum(s3Put, 'requestBytes')),
  };
}

import type { OperationCount } from '../../../local/edge/RequestCounters';
import { perInvoiceFromCounts } from '../../../scripts/cost/perInvoiceFromCounts';

const count = (service: OperationCount['service'], operation: string, requests: number, requestBytes = 0, responseBytes = 0): OperationCount => ({ service, operation, requests, requestBytes, responseBytes });

describe('perInvoiceFromCounts', () => {
  it('divides the counted requests and bytes of a run by its invoices', () => {
    const counts = [
      count('dynamodb', 'PutItem', 20),
      count('dynamodb', 'UpdateItem', 60),
      count('dynamodb', 'GetItem', 10),
      count('dynamodb', 'Query', 15),
      count('dynamodb', 'DescribeTable', 3),
      count('sqs', 'SendMessage', 10, 8000, 1000),
      count('sqs', 'ReceiveMessage', 30, 3000, 9000),
      count('states', 'StartExecution', 20),
      count('states', 'SendTaskSuccess', 10, 2000, 100),
      count('states', 'ListExecutions', 99),
      count('rds-data', 'POST /Execute', 10),
      count('events', 'PutEvents', 10),
      count('s3', 'PutObject', 20, 30_000),
      count('s3', 'GetObject', 10),
    ];

    // The fan-out: 10 executions (the bus rule's 10 StartExecution calls) and their 10 Queries.
    const fanout = { type: 'STANDARD' as const, executions: 10, history: { statesEntered: 50, retries: 1, events: 200, logBytes: 30_000, dynamoDbQueries: 10, billedMs: 1_200 } };

    const usage = perInvoiceFromCounts(counts, { statesEntered: 70, retries: 2, events: 320, logBytes: 96_000, dynamoDbQueries: 0, billedMs: 0 }, { invoices: 10, lambdaMs: 12.34567, invoiceItemBytes: 900 }, fanout);

    expect(usage).toEqual({
      apiRequests: 1,
      lambdaInvocations: 1,
      lambdaMs: 12.3457,
      stateTransitions: 7,
      retryTransitions: 0.2,
      historyEvents: 32,
      stepFunctionsLogBytes: 9600,
      stepFunctionsApiRequests: 2,
      sqsRequests: 4,
      sqsBytes: 1100,
      dynamoDbReads: 1.5,
      dynamoDbWrites: 8,
      invoiceItemBytes: 900,
      dataApiRequests: 1,
      eventBridgeEvents: 1,
      s3Puts: 2,
      s3Gets: 1,
      s3BytesPut: 3000,
      natBytes: (8000 + 3000 + 2000 + 1000 + 9000 + 100 + 30_000) / 10,
      webhookFanout: { type: 'STANDARD', executions: 1, stateTransitions: 5.1, historyEvents: 20, stepFunctionsLogBytes: 3000, dynamoDbQueries: 1, billedMsPerExecution: 120 },
    });
  });
});

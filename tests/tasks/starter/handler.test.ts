import { ExecutionAlreadyExists, SFNClient, SFNServiceException, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { OrderSagaInput } from '../../../contracts/order';
import type { EmissionInput } from '../../../contracts/workflowInput';
import { orderEventIds } from '../../../tasks/orders/orderEventIds';
import { handler } from '../../../tasks/starter/handler';
import { CNPJ } from '../fixtures';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:EmissionWorkflow';
const ORDER_SAGA_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:OrderSagaWorkflow';
const START_QUEUE_URL = 'http://localhost:4566/000000000000/nfse-start';
const ids = ['01JDQ7Z8X9Y0ABCDEFGHJKMNP1', '01JDQ7Z8X9Y0ABCDEFGHJKMNP2', '01JDQ7Z8X9Y0ABCDEFGHJKMNP3', '01JDQ7Z8X9Y0ABCDEFGHJKMNP4'];

function input(invoiceId: string): EmissionInput {
  return { invoiceId, companyCnpj: CNPJ, municipalityCode: '3550308', total: '100.00', rps: { serie: '1', numero: 7 }, xmlKey: `xml/${invoiceId}.xml`, nfseXmlKey: `nfse/${invoiceId}.xml`, createdAt: '2026-11-23T12:00:00.000Z' };
}

function orderInput(orderId: string): OrderSagaInput {
  return { orderId, companyCnpj: CNPJ, items: [{ sku: 'CANETA-1', quantity: 2 }], total: '15.00', eventIds: orderEventIds(orderId) };
}

function record(messageId: string, invoiceId: string, body: unknown = input(invoiceId)): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:nfse-start',
    awsRegion: 'us-east-1',
  };
}

const throttled = (): SFNServiceException => new SFNServiceException({ name: 'ThrottlingException', $fault: 'client', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });

describe('starter handler', () => {
  const sfn = mockClient(SFNClient);
  const sqs = mockClient(SQSClient);

  beforeEach(() => {
    sfn.reset();
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'new' });
    process.env.EMISSION_STATE_MACHINE_ARN = ARN;
    process.env.ORDER_SAGA_STATE_MACHINE_ARN = ORDER_SAGA_ARN;
    process.env.START_QUEUE_URL = START_QUEUE_URL;
  });

  /** What went back to the start queue: each body, and whether its delay is within 60-90 s. */
  function requeued(): Array<{ body: unknown; delayed: boolean }> {
    return sqs.commandCalls(SendMessageCommand).map((call) => {
      const { QueueUrl, MessageBody, DelaySeconds } = call.args[0].input;
      return { body: QueueUrl === START_QUEUE_URL ? JSON.parse(MessageBody ?? 'null') : `sent to ${QueueUrl}`, delayed: DelaySeconds !== undefined && DelaySeconds >= 60 && DelaySeconds <= 90 };
    });
  }

  it('starts each queued invoice under its own name, and counts one already started as done', async () => {
    sfn.on(StartExecutionCommand, { name: ids[0] }).resolves({ executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:${ids[0]}` });
    sfn.on(StartExecutionCommand, { name: ids[1] }).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));

    const response = await handler({ Records: [record('m1', ids[0] ?? ''), record('m2', ids[1] ?? '')] });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input)).toEqual([
      { stateMachineArn: ARN, name: ids[0], input: JSON.stringify(input(ids[0] ?? '')) },
      { stateMachineArn: ARN, name: ids[1], input: JSON.stringify(input(ids[1] ?? '')) },
    ]);
  });

  it('sends the throttled start and the untried rest of the batch back to the queue as new, delayed messages (no receive counts toward StartDLQ)', async () => {
    sfn.on(StartExecutionCommand, { name: ids[0] }).resolves({});
    sfn.on(StartExecutionCommand, { name: ids[1] }).rejects(throttled());

    const response = await handler({ Records: ids.map((id, i) => record(`m${i + 1}`, id)) });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input.name)).toEqual([ids[0], ids[1]]);
    expect(requeued()).toEqual(ids.slice(1).map((id) => ({ body: input(id), delayed: true })));
  });

  it('leaves a throttled start in the queue when sending it back fails: it is never dropped', async () => {
    sfn.on(StartExecutionCommand).rejects(throttled());
    sqs.on(SendMessageCommand).rejects(new Error('SQS unavailable'));

    const response = await handler({ Records: [record('m1', ids[0] ?? ''), record('m2', ids[1] ?? '')] });

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }] });
  });

  it("starts a queued order's saga under the order's id with the saga's input, beside a queued invoice", async () => {
    const orderId = ids[2] ?? '';
    sfn.on(StartExecutionCommand).resolves({});

    const response = await handler({ Records: [record('m1', orderId, { workflow: 'orderSaga', input: orderInput(orderId) }), record('m2', ids[0] ?? '')] });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input)).toEqual([
      { stateMachineArn: ORDER_SAGA_ARN, name: orderId, input: JSON.stringify(orderInput(orderId)) },
      { stateMachineArn: ARN, name: ids[0], input: JSON.stringify(input(ids[0] ?? '')) },
    ]);
  });

  it('sends a throttled order back to the queue like a throttled invoice', async () => {
    sfn.on(StartExecutionCommand).rejects(throttled());
    const queuedOrder = { workflow: 'orderSaga', input: orderInput(ids[3] ?? '') };

    const response = await handler({ Records: [record('m1', ids[3] ?? '', queuedOrder), record('m2', ids[0] ?? '')] });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
    expect(requeued()).toEqual([
      { body: queuedOrder, delayed: true },
      { body: input(ids[0] ?? ''), delayed: true },
    ]);
  });
});

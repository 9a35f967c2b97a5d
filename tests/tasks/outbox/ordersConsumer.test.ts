import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { ORDER_EVENT_LOG_CONSUMER, orderEventsConsumer } from '../../../tasks/outbox/consumer/handler';
import { logger } from '../../../tasks/shared/logger';

describe('orderEventsConsumer', () => {
  const rds = mockClient(RDSDataClient);
  const db = { rds: new RDSDataClient({ region: 'us-east-1' }), clusterArn: 'cluster', secretArn: 'secret', database: 'nfse' };
  const consume = orderEventsConsumer(() => db);
  const eventId = '3d7200e3-2efe-463f-bad9-ecd7faff985e';
  const record = (messageId: string, body: unknown): SQSRecord => ({ messageId, body: typeof body === 'string' ? body : JSON.stringify(body) }) as SQSRecord;
  const busEvent = { version: '0', id: 'eb-1', 'detail-type': 'OrderConfirmed', source: 'nfse-flow.orders', account: '000000000000', time: '2026-12-07T06:00:00Z', region: 'us-east-1', resources: [], detail: { eventId, orderId: 'o-1', nfseNumber: '42' } };

  beforeAll(() => logger.setLogLevel('SILENT'));
  beforeEach(() => rds.reset());

  it('records the batch\'s order events under their eventIds, in one statement with the effect', async () => {
    rds.on(ExecuteStatementCommand).resolves({ records: [[{ stringValue: eventId }]] });

    const response = await consume({ Records: [record('m1', busEvent)] } as SQSEvent);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(rds.commandCalls(ExecuteStatementCommand)[0]?.args[0].input.parameters).toEqual([
      { name: 'consumer', value: { stringValue: ORDER_EVENT_LOG_CONSUMER } },
      { name: 'events', value: { stringValue: JSON.stringify([{ position: 0, event_id: eventId, order_id: 'o-1', detail_type: 'OrderConfirmed', detail: busEvent.detail }]) } },
    ]);
  });

  it('acknowledges a duplicate (nothing inserted) and fails only the messages that are not order events', async () => {
    rds.on(ExecuteStatementCommand).resolves({ records: [] });

    const response = await consume({ Records: [record('dup', busEvent), record('not-json', '{'), record('no-event-id', { ...busEvent, detail: { orderId: 'o-1' } }), record('other-source', { ...busEvent, source: 'nfse-flow.invoices' })] } as SQSEvent);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'not-json' }, { itemIdentifier: 'no-event-id' }, { itemIdentifier: 'other-source' }] });
    expect(rds.commandCalls(ExecuteStatementCommand)).toHaveLength(1);
  });
});

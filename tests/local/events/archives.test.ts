import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DescribeArchiveCommand,
  EventBridgeClient,
  ListArchivesCommand,
  PutEventsCommand,
} from '@aws-sdk/client-eventbridge';
import { restartableCloud, type RestartableCloud } from '../../harness/restartableCloud';

describe('EventBridge archives (local)', () => {
  let clouds: RestartableCloud<EventBridgeClient>;
  const busArn = 'arn:aws:events:us-east-1:000000000000:event-bus/orders';

  beforeEach(async () => {
    clouds = await restartableCloud({ services: ['events'], client: (config) => new EventBridgeClient(config) });
  });

  afterEach(async () => {
    await clouds.dispose();
  });

  it('counts the events of its bus that match its pattern, and keeps them across a restart', async () => {
    const first = await clouds.start();
    await first.client.send(new CreateEventBusCommand({ Name: 'orders' }));
    const created = await first.client.send(new CreateArchiveCommand({ ArchiveName: 'orders-archive', EventSourceArn: busArn, EventPattern: '{"source":["nfse-flow.orders"]}', RetentionDays: 90, Description: 'replay' }));
    const put = (source: string): PutEventsCommand => new PutEventsCommand({ Entries: [{ EventBusName: 'orders', Source: source, DetailType: 'OrderConfirmed', Detail: '{"orderId":"o1"}' }] });
    await first.client.send(put('nfse-flow.orders'));
    await first.client.send(put('nfse-flow.orders'));
    await first.client.send(put('nfse-flow.invoices'));
    await first.client.send(new PutEventsCommand({ Entries: [{ Source: 'nfse-flow.orders', DetailType: 'OrderConfirmed', Detail: '{}' }] }));
    await first.stop();

    const second = await clouds.start();
    const archive = await second.client.send(new DescribeArchiveCommand({ ArchiveName: 'orders-archive' }));

    expect(created).toMatchObject({ ArchiveArn: 'arn:aws:events:us-east-1:000000000000:archive/orders-archive', State: 'ENABLED' });
    expect(archive).toMatchObject({
      ArchiveArn: 'arn:aws:events:us-east-1:000000000000:archive/orders-archive',
      ArchiveName: 'orders-archive',
      EventSourceArn: busArn,
      EventPattern: '{"source":["nfse-flow.orders"]}',
      Description: 'replay',
      State: 'ENABLED',
      RetentionDays: 90,
      EventCount: 2,
    });
    expect(archive.SizeBytes).toBeGreaterThan(0);
  });

  it('lists archives by prefix and source, refuses a second one of the same name and forgets a deleted one', async () => {
    const { client } = await clouds.start();
    await client.send(new CreateEventBusCommand({ Name: 'orders' }));
    await client.send(new CreateArchiveCommand({ ArchiveName: 'orders-archive', EventSourceArn: busArn }));
    await client.send(new CreateArchiveCommand({ ArchiveName: 'default-archive', EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default', RetentionDays: 7 }));

    const listed = await client.send(new ListArchivesCommand({ NamePrefix: 'orders' }));
    const bySource = await client.send(new ListArchivesCommand({ EventSourceArn: busArn }));

    expect(listed.Archives?.map((a) => [a.ArchiveName, a.RetentionDays, a.EventCount])).toEqual([['orders-archive', 0, 0]]);
    expect(bySource.Archives?.map((a) => a.ArchiveName)).toEqual(['orders-archive']);
    await expect(client.send(new CreateArchiveCommand({ ArchiveName: 'orders-archive', EventSourceArn: busArn }))).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException', message: 'Archive orders-archive already exists.' });
    await expect(client.send(new CreateArchiveCommand({ ArchiveName: 'nobus', EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/missing' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Event bus missing does not exist.' });
    await client.send(new DeleteArchiveCommand({ ArchiveName: 'orders-archive' }));
    await expect(client.send(new DescribeArchiveCommand({ ArchiveName: 'orders-archive' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Archive orders-archive does not exist.' });
  });
});

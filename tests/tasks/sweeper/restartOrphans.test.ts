import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { sweepShardOf, type InvoiceRecord } from '../../../contracts/invoiceRecord';
import { invoicesTableDefinition } from '../../../local/bootstrap/invoicesTableDefinition';
import { restartOrphans } from '../../../tasks/sweeper/restartOrphans';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { invoiceRecord } from '../invoiceRecordFixture';

/** Records in the table besides the few in flight: the sweep must not read them. */
const SETTLED_RECORDS = Number(process.env.SWEEPER_TEST_RECORDS ?? 100_000);
const NOW = new Date('2026-11-23T13:00:00.000Z');
const OLD = '2026-11-23T12:00:00.000Z';
const YOUNG = '2026-11-23T12:59:00.000Z';

describe('restartOrphans, on the local cloud', () => {
  const raw = new DynamoDBClient(testClientConfig());
  const ddb = DynamoDBDocumentClient.from(raw);
  const sfn = new SFNClient(testClientConfig());
  const table = uniqueName('sweeper-invoices');
  let stateMachineArn: string;
  const orphans = Array.from({ length: 5 }, () => ulid());
  const started = Array.from({ length: 3 }, () => ulid());
  const young = ulid();
  const claimed = ulid();

  /** An EMITTED record as `POST /invoices` writes it. */
  const emitted = (invoiceId: string, createdAt = OLD): InvoiceRecord =>
    invoiceRecord({ invoiceId, status: 'EMITTED', createdAt, companyCreatedAt: `${createdAt}#${invoiceId}`, xmlKey: `xml/${invoiceId}.xml`, nfseXmlKey: `nfse/${invoiceId}.xml`, sweepShard: sweepShardOf(invoiceId), nfseNumber: undefined, verificationCode: undefined, processedAt: undefined });

  beforeAll(async () => {
    await raw.send(new CreateTableCommand(invoicesTableDefinition(table)));
    const machine = await sfn.send(new CreateStateMachineCommand({ name: uniqueName('sweeper-emission'), roleArn: 'arn:aws:iam::000000000000:role/sfn', definition: JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 3600, End: true } } }) }));
    stateMachineArn = machine.stateMachineArn ?? '';
    // The settled majority: ISSUED, out of the index (MarkProcessing removed their shard).
    const batches: Array<Array<{ PutRequest: { Item: Record<string, unknown> } }>> = [];
    for (let i = 0; i < SETTLED_RECORDS; i += 25) {
      batches.push(Array.from({ length: Math.min(25, SETTLED_RECORDS - i) }, (_, j) => ({ PutRequest: { Item: { invoiceId: `settled-${i + j}`, status: 'ISSUED', createdAt: OLD } } })));
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < batches.length) {
          const batch = batches[next++] ?? [];
          await ddb.send(new BatchWriteCommand({ RequestItems: { [table]: batch } }));
        }
      }),
    );
    for (const id of [...orphans, ...started]) await ddb.send(new PutCommand({ TableName: table, Item: emitted(id) }));
    await ddb.send(new PutCommand({ TableName: table, Item: emitted(young, YOUNG) }));
    // Claimed by a workflow but still carrying its shard (written before MarkProcessing removed it).
    await ddb.send(new PutCommand({ TableName: table, Item: { ...emitted(claimed), status: 'PROCESSING' } }));
    for (const id of started) await sfn.send(new StartExecutionCommand({ stateMachineArn, name: id, input: '{}' }));
  }, 300_000);

  it(`starts the workflow of each EMITTED orphan, reading only the records in flight of a ${SETTLED_RECORDS.toLocaleString('en')}-record table`, async () => {
    const report = await restartOrphans({ ddb, sfn, invoicesTable: table, emissionStateMachineArn: stateMachineArn, now: () => NOW });

    expect(report.read).toBe(orphans.length + started.length + 1);
    expect(report.examined).toBe(orphans.length + started.length);
    expect([...report.restarted].sort()).toEqual([...orphans].sort());
    const executions = await Promise.all(orphans.map((id) => sfn.send(new DescribeExecutionCommand({ executionArn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${id}` }))));
    expect(executions.map((execution) => JSON.parse(execution.input ?? '{}') as { invoiceId: string }).map((input) => input.invoiceId).sort()).toEqual([...orphans].sort());
    const claimedRecord = await ddb.send(new GetCommand({ TableName: table, Key: { invoiceId: claimed } }));
    expect(claimedRecord.Item?.sweepShard).toBeUndefined();
  });

  it('costs the same the next time: a record leaves the index only when a workflow claims it', async () => {
    const report = await restartOrphans({ ddb, sfn, invoicesTable: table, emissionStateMachineArn: stateMachineArn, now: () => NOW });

    expect(report).toEqual({ read: orphans.length + started.length, examined: orphans.length + started.length, restarted: [] });
  });
});

import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { executionNames } from '../../../contracts/executionNames';
import type { InvoiceHistory } from '../../../contracts/invoiceHistory';
import { invoicesTableDefinition } from '../../../local/bootstrap/invoicesTableDefinition';
import { invoiceHistory, type InvoiceHistoryDeps } from '../../../tasks/get/invoiceHistory';
import { PageTokens } from '../../../tasks/shared/PageTokens';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { clientCaller } from '../fixtures';
import { invoiceRecord } from '../invoiceRecordFixture';

/** An SFN client that counts the calls it has in flight at once. */
function countingClient(): { sfn: SFNClient; peak: () => number } {
  const sfn = new SFNClient(testClientConfig());
  let inFlight = 0;
  let peak = 0;
  const send = sfn.send.bind(sfn) as (command: unknown) => Promise<unknown>;
  (sfn as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    try {
      return await send(command);
    } finally {
      inFlight -= 1;
    }
  };
  return { sfn, peak: () => peak };
}

describe('invoiceHistory, on the local cloud', () => {
  const raw = new DynamoDBClient(testClientConfig());
  const ddb = DynamoDBDocumentClient.from(raw);
  const setup = new SFNClient(testClientConfig());
  const table = uniqueName('history-invoices');
  const invoiceId = ulid();
  const pageTokens = new PageTokens('k'.repeat(32));
  let arns: InvoiceHistoryDeps['stateMachineArns'];

  beforeAll(async () => {
    await raw.send(new CreateTableCommand(invoicesTableDefinition(table)));
    const machine = async (name: string): Promise<string> =>
      (await setup.send(new CreateStateMachineCommand({ name: uniqueName(name), roleArn: 'arn:aws:iam::000000000000:role/sfn', definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } }) }))).stateMachineArn ?? '';
    arns = { emission: await machine('history-emission'), cancellation: await machine('history-cancellation'), substitution: await machine('history-substitution') };
    // An invoice reprocessed 20 times and cancelled twice: 23 executions.
    await ddb.send(new PutCommand({ TableName: table, Item: invoiceRecord({ invoiceId, reprocessCount: 20, cancelAttempts: 2 }) }));
    const names: Array<[string, string]> = [[arns.emission, executionNames.emission(invoiceId)]];
    for (let n = 1; n <= 20; n++) names.push([arns.emission, executionNames.reprocess(invoiceId, n)]);
    for (let n = 1; n <= 2; n++) names.push([arns.cancellation, executionNames.cancellation(invoiceId, n)]);
    for (const [stateMachineArn, name] of names) await setup.send(new StartExecutionCommand({ stateMachineArn, name, input: '{}' }));
  }, 60_000);

  it('pages through the executions in the order they were started, reading a few at a time', async () => {
    const { sfn, peak } = countingClient();
    const deps = { ddb, sfn, invoicesTable: table, stateMachineArns: arns, pageTokens };
    const pages: InvoiceHistory[] = [];
    let nextToken: string | undefined;
    do {
      const page = await invoiceHistory(deps, clientCaller, invoiceId, { limit: 10, ...(nextToken === undefined ? {} : { nextToken }) });
      pages.push(page);
      nextToken = page.nextToken;
    } while (nextToken !== undefined);

    expect(pages.map((page) => page.executions.length)).toEqual([10, 10, 3]);
    expect(pages.flatMap((page) => page.executions.map((execution) => execution.name))).toEqual([
      invoiceId,
      ...Array.from({ length: 20 }, (_, i) => executionNames.reprocess(invoiceId, i + 1)),
      executionNames.cancellation(invoiceId, 1),
      executionNames.cancellation(invoiceId, 2),
    ]);
    expect(pages.map((page) => page.statuses[0]?.status)).toEqual(['EMITTED', undefined, undefined]);
    expect(peak()).toBeLessThanOrEqual(4);
  });

  it('refuses a nextToken of another invoice’s history', async () => {
    const deps = { ddb, sfn: setup, invoicesTable: table, stateMachineArns: arns, pageTokens };
    const other = pageTokens.seal(`history:${ulid()}`, 10);

    await expect(invoiceHistory(deps, clientCaller, invoiceId, { limit: 10, nextToken: other })).rejects.toMatchObject({ statusCode: 400, errors: [{ field: 'nextToken', message: 'is not a token this API gave out for this listing' }] });
  });
});

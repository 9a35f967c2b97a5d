import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { restartOrphans } from '../../../tasks/sweeper/restartOrphans';
import { invoiceRecord } from '../invoiceRecordFixture';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:EmissionWorkflow';
const ORPHAN = '01JDQ7Z8X9Y0ABCDEFGHJKMNP1';
const STARTED = '01JDQ7Z8X9Y0ABCDEFGHJKMNP2';

describe('restartOrphans', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  const sfn = mockClient(SFNClient);

  beforeEach(() => {
    ddb.reset();
    sfn.reset();
  });

  it('starts the workflow only for EMITTED records that have no execution', async () => {
    ddb.on(ScanCommand).resolves({ Items: [invoiceRecord({ invoiceId: ORPHAN, status: 'EMITTED' }), invoiceRecord({ invoiceId: STARTED, status: 'EMITTED' })] });
    sfn.on(DescribeExecutionCommand, { executionArn: `arn:aws:states:us-east-1:000000000000:execution:EmissionWorkflow:${ORPHAN}` }).rejects(new ExecutionDoesNotExist({ message: 'no', $metadata: {} }));
    sfn.on(DescribeExecutionCommand, { executionArn: `arn:aws:states:us-east-1:000000000000:execution:EmissionWorkflow:${STARTED}` }).resolves({ status: 'RUNNING' });
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });

    const report = await restartOrphans({
      ddb: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
      sfn: new SFNClient({ region: 'us-east-1' }),
      invoicesTable: 'invoices',
      emissionStateMachineArn: ARN,
      now: () => new Date('2026-11-23T13:00:00.000Z'),
    });

    expect(report).toEqual({ examined: 2, restarted: [ORPHAN] });
    expect(ddb.commandCalls(ScanCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({ ':emitted': 'EMITTED', ':cutoff': '2026-11-23T12:55:00.000Z' });
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.name).toBe(ORPHAN);
  });
});

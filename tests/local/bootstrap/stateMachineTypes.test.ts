import { CreateStateMachineCommand, DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { bootstrapApp } from '../../../local/bootstrap/bootstrapApp';
import { WEBHOOK_WORKFLOWS } from '../../../workflows/registry';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { requireServices, SERVICE_START_TIMEOUT_MS } from '../../harness/requireServices';

const sfn = new SFNClient(testClientConfig());

beforeAll(() => requireServices(['states', 'dynamodb', 's3', 'sqs', 'events', 'rds-data'], SERVICE_START_TIMEOUT_MS), SERVICE_START_TIMEOUT_MS + 5_000);

afterAll(() => sfn.destroy());

describe('bootstrapApp on a cloud that already has the app', () => {
  it('creates a state machine again when its type changed (UpdateStateMachine cannot change it)', async () => {
    const prefix = uniqueName('types');
    const endpoint = testClientConfig().endpoint;
    // As in a data directory from before the fan-out became Express.
    const name = `${prefix}-${WEBHOOK_WORKFLOWS.webhookFanout.name}`;
    const old = await sfn.send(new CreateStateMachineCommand({ name, type: 'STANDARD', roleArn: 'arn:aws:iam::000000000000:role/nfse-states', definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }) }));

    await bootstrapApp({ prefix, endpoint });

    const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: old.stateMachineArn }));
    expect(machine.type).toBe(WEBHOOK_WORKFLOWS.webhookFanout.type);
    expect(JSON.parse(machine.definition ?? '{}')).toMatchObject({ StartAt: 'Route' });
  }, 60_000);
});

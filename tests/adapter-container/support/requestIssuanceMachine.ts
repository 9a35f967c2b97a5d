import { CreateStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { uniqueName } from '../../harness/localCloudEnv';

/** How the RequestIssuance Task of {@link createRequestIssuanceMachine} is timed. */
export interface RequestIssuanceTiming {
  /** @default 60 */
  readonly heartbeatSeconds?: number;
  /** @default none: the Task waits until the execution ends */
  readonly timeoutSeconds?: number;
}

/**
 * A state machine of one waitForTaskToken Task on `queueUrl`, sending what EmissionWorkflow's
 * RequestIssuance sends (the input plus the token, the attempt and the execution ARN): what an
 * adapter worker answers, without the rest of the workflow. Answers its ARN.
 */
export async function createRequestIssuanceMachine(sfn: SFNClient, queueUrl: string, timing: RequestIssuanceTiming = {}): Promise<string> {
  const definition = {
    QueryLanguage: 'JSONata',
    StartAt: 'RequestIssuance',
    States: {
      RequestIssuance: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Arguments: {
          QueueUrl: queueUrl,
          MessageBody: '{% $string($merge([$states.input, {"taskToken": $states.context.Task.Token, "attempt": $states.context.State.RetryCount, "executionArn": $states.context.Execution.Id}])) %}',
        },
        HeartbeatSeconds: timing.heartbeatSeconds ?? 60,
        ...(timing.timeoutSeconds !== undefined ? { TimeoutSeconds: timing.timeoutSeconds } : {}),
        End: true,
      },
    },
  };
  const created = await sfn.send(new CreateStateMachineCommand({ name: uniqueName('request-issuance'), roleArn: 'arn:aws:iam::000000000000:role/adapter-test', definition: JSON.stringify(definition) }));
  return created.stateMachineArn ?? '';
}

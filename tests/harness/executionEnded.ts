import { DescribeExecutionCommand, type DescribeExecutionCommandOutput, type SFNClient } from '@aws-sdk/client-sfn';
import { eventually, type EventuallyOptions } from './eventually';

/** Waits until the execution is no longer RUNNING and answers how it ended. */
export function executionEnded(sfn: SFNClient, executionArn: string | undefined, options?: EventuallyOptions): Promise<DescribeExecutionCommandOutput> {
  return eventually(`execution ${String(executionArn)} to end`, () => sfn.send(new DescribeExecutionCommand({ executionArn })), (described) => described.status !== 'RUNNING', options);
}

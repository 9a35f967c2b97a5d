import { paginateListExecutions, type ExecutionListItem, type SFNClient } from '@aws-sdk/client-sfn';

/** Every execution of a state machine, newest first, across ListExecutions' pages. */
export async function allExecutions(sfn: SFNClient, stateMachineArn: string): Promise<ExecutionListItem[]> {
  const executions: ExecutionListItem[] = [];
  for await (const page of paginateListExecutions({ client: sfn }, { stateMachineArn })) executions.push(...(page.executions ?? []));
  return executions;
}

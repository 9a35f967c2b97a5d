import { epochSeconds } from './requestFields';
import type { ExecutionRecord } from './StepFunctionsBackend';

function redriveStatus(record: ExecutionRecord): { redriveStatus: string; redriveStatusReason?: string } {
  const { execution } = record;
  if (record.stateMachine.type === 'EXPRESS') return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is Express' };
  if (execution.status === 'RUNNING') return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is RUNNING and cannot be redriven' };
  if (execution.status === 'SUCCEEDED') return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' };
  return execution.redrivable ? { redriveStatus: 'REDRIVABLE' } : { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution has no state to redrive from' };
}

/**
 * An execution as DescribeExecution answers it on the wire (AWS JSON 1.0: dates in epoch seconds).
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html
 */
export function executionDescription(record: ExecutionRecord): Record<string, unknown> {
  const { execution } = record;
  const outcome = execution.outcome;
  return {
    executionArn: execution.facts.executionArn,
    stateMachineArn: record.stateMachine.arn,
    name: execution.facts.name,
    status: execution.status,
    startDate: epochSeconds(record.startDate),
    ...(execution.stopDate === undefined ? {} : { stopDate: epochSeconds(execution.stopDate) }),
    input: execution.inputText,
    inputDetails: { included: true },
    ...(outcome.output === undefined ? {} : { output: outcome.output, outputDetails: { included: true } }),
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
    ...(outcome.cause === undefined ? {} : { cause: outcome.cause }),
    redriveCount: execution.redriveCount,
    ...(execution.redriveDate === undefined ? {} : { redriveDate: epochSeconds(execution.redriveDate) }),
    ...redriveStatus(record),
  };
}

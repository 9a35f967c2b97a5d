import { randomUUID } from 'node:crypto';
import { EXECUTION_STATUSES, type ExecutionStatus } from '../engine/Execution';
import { ApiError } from './ApiError';
import { checkArn, checkName, executionArn } from './arns';
import { executionDescription } from './executionDescription';
import { epochSeconds, paginate, type RequestFields } from './requestFields';
import type { StepFunctionsBackend } from './StepFunctionsBackend';

type Operation = (backend: StepFunctionsBackend, fields: RequestFields) => unknown;

const MAX_INPUT_BYTES = 256 * 1024;

function parseInput(text: string | undefined): { text: string; value: unknown } {
  const inputText = text ?? '{}';
  if (Buffer.byteLength(inputText) > MAX_INPUT_BYTES) throw new ApiError('InvalidExecutionInput', 'Input exceeds the maximum size of 262144 bytes');
  try {
    return { text: inputText, value: JSON.parse(inputText) };
  } catch (error) {
    throw new ApiError('InvalidExecutionInput', `Invalid execution input: ${(error as Error).message}`);
  }
}

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html */
export const startExecution: Operation = (backend, fields) => {
  const smArn = fields.requiredString('stateMachineArn');
  checkArn(smArn, ['stateMachine']);
  const stateMachine = backend.stateMachine(smArn);
  const name = fields.optionalString('name') ?? randomUUID();
  checkName(name);
  const input = parseInput(fields.optionalString('input'));
  const arn = executionArn(backend.region, backend.accountId, stateMachine.name, name, stateMachine.type === 'EXPRESS');
  const existing = backend.executions.get(arn);
  if (existing !== undefined) {
    // Idempotent for STANDARD: the same name and input while it runs return the same execution.
    if (stateMachine.type === 'STANDARD' && existing.execution.status === 'RUNNING' && existing.execution.inputText === input.text) {
      return { executionArn: arn, startDate: epochSeconds(existing.startDate) };
    }
    throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
  }
  const record = backend.startExecution(stateMachine, arn, name, input.text, input.value);
  return { executionArn: arn, startDate: epochSeconds(record.startDate) };
};

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html */
export async function startSyncExecution(backend: StepFunctionsBackend, fields: RequestFields): Promise<unknown> {
  const smArn = fields.requiredString('stateMachineArn');
  checkArn(smArn, ['stateMachine']);
  const stateMachine = backend.stateMachine(smArn);
  if (stateMachine.type !== 'EXPRESS') throw new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
  const name = fields.optionalString('name') ?? randomUUID();
  checkName(name);
  const input = parseInput(fields.optionalString('input'));
  const arn = executionArn(backend.region, backend.accountId, stateMachine.name, name, true);
  if (backend.executions.has(arn)) throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
  const record = backend.startExecution(stateMachine, arn, name, input.text, input.value);
  await record.execution.whenDone();
  const { execution } = record;
  const outcome = execution.outcome;
  return {
    executionArn: arn,
    stateMachineArn: smArn,
    name,
    startDate: epochSeconds(record.startDate),
    stopDate: epochSeconds(execution.stopDate ?? backend.deps.clock.now()),
    status: outcome.status === 'SUCCEEDED' ? 'SUCCEEDED' : outcome.status === 'TIMED_OUT' ? 'TIMED_OUT' : 'FAILED',
    input: input.text,
    inputDetails: { included: true },
    ...(outcome.output === undefined ? {} : { output: outcome.output, outputDetails: { included: true } }),
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
    ...(outcome.cause === undefined ? {} : { cause: outcome.cause }),
    billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 },
  };
}

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html */
export const describeExecution: Operation = (backend, fields) => {
  const arn = fields.requiredString('executionArn');
  checkArn(arn, ['execution', 'express']);
  return executionDescription(backend.execution(arn));
};

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html */
export const listExecutions: Operation = (backend, fields) => {
  const smArn = fields.optionalString('stateMachineArn');
  const mapRunArn = fields.optionalString('mapRunArn');
  if (smArn === undefined && mapRunArn === undefined) throw new ApiError('ValidationException', 'Must provide a StateMachine ARN or MapRun ARN');
  if (smArn !== undefined) {
    checkArn(smArn, ['stateMachine']);
    backend.stateMachine(smArn);
  }
  const statusFilter = fields.optionalString('statusFilter');
  if (statusFilter !== undefined && !(EXECUTION_STATUSES as readonly string[]).includes(statusFilter)) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${statusFilter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${EXECUTION_STATUSES.join(', ')}]`);
  }
  const redriveFilter = fields.optionalString('redriveFilter');
  const matching = backend.executionOrder
    .filter((r) => r.stateMachine.arn === smArn)
    .filter((r) => statusFilter === undefined || r.execution.status === (statusFilter as ExecutionStatus))
    .filter((r) => redriveFilter === undefined || (redriveFilter === 'REDRIVEN') === r.execution.redriveCount > 0)
    .reverse();
  const { page, nextToken } = paginate(matching, fields, 100, 1000);
  return {
    executions: page.map((r) => ({
      executionArn: r.execution.facts.executionArn,
      stateMachineArn: r.stateMachine.arn,
      name: r.execution.facts.name,
      status: r.execution.status,
      startDate: epochSeconds(r.startDate),
      ...(r.execution.stopDate === undefined ? {} : { stopDate: epochSeconds(r.execution.stopDate) }),
      redriveCount: r.execution.redriveCount,
      ...(r.execution.redriveDate === undefined ? {} : { redriveDate: epochSeconds(r.execution.redriveDate) }),
    })),
    ...(nextToken === undefined ? {} : { nextToken }),
  };
};

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html */
export const stopExecution: Operation = (backend, fields) => {
  const arn = fields.requiredString('executionArn');
  checkArn(arn, ['execution', 'express']);
  const { execution } = backend.execution(arn);
  execution.stop(fields.optionalString('error'), fields.optionalString('cause'));
  return { stopDate: epochSeconds(execution.stopDate ?? backend.deps.clock.now()) };
};

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_RedriveExecution.html */
export const redriveExecution: Operation = (backend, fields) => {
  const arn = fields.requiredString('executionArn');
  checkArn(arn, ['execution', 'express']);
  const record = backend.execution(arn);
  const { execution } = record;
  if (record.stateMachine.type === 'EXPRESS' || !execution.redrivable) {
    throw new ApiError('ExecutionNotRedrivable', `Execution with status ${execution.status} cannot be redriven: '${arn}'`);
  }
  execution.redrive();
  return { redriveDate: epochSeconds(execution.redriveDate ?? backend.deps.clock.now()) };
};

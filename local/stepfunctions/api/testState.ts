import { testSingleState } from '../engine/testSingleState';
import { InvalidDefinitionError } from '../errors/InvalidDefinitionError';
import { ApiError } from './ApiError';
import type { RequestFields } from './requestFields';
import type { StepFunctionsBackend } from './StepFunctionsBackend';

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html */
export async function testState(backend: StepFunctionsBackend, fields: RequestFields): Promise<unknown> {
  const definition = fields.requiredString('definition');
  const roleArn = fields.optionalString('roleArn') ?? `arn:aws:iam::${backend.accountId}:role/test-state`;
  const inputText = fields.optionalString('input') ?? '{}';
  const variablesText = fields.optionalString('variables') ?? '{}';
  let input: unknown;
  let variables: unknown;
  try {
    input = JSON.parse(inputText);
    variables = JSON.parse(variablesText);
  } catch (error) {
    throw new ApiError('InvalidExecutionInput', `Invalid input: ${(error as Error).message}`);
  }
  try {
    JSON.parse(definition);
  } catch (error) {
    throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(error as Error).message}'`);
  }
  const now = backend.deps.clock.now();
  try {
    const result = await testSingleState(backend.deps, definition, input, (variables ?? {}) as Record<string, unknown>, {
      executionArn: `arn:aws:states:${backend.region}:${backend.accountId}:execution:TestStateStateMachine:test-state`,
      name: 'test-state',
      stateMachineArn: `arn:aws:states:${backend.region}:${backend.accountId}:stateMachine:TestStateStateMachine`,
      stateMachineName: 'TestStateStateMachine',
      roleArn,
      input,
      startTime: now,
      redriveCount: 0,
    });
    return result;
  } catch (error) {
    if (error instanceof InvalidDefinitionError) throw new ApiError('InvalidDefinition', error.message);
    throw error;
  }
}

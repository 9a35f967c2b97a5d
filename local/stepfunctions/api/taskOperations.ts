import type { TokenProblem } from '../engine/TaskTokenRegistry';
import { ApiError } from './ApiError';
import type { RequestFields } from './requestFields';
import type { StepFunctionsBackend } from './StepFunctionsBackend';

/** AWS does not echo the token back: a malformed or unknown one is just "Invalid token". */
function answer(problem: TokenProblem | undefined): Record<string, never> {
  if (problem === undefined) return {};
  if (problem === 'InvalidToken') throw new ApiError('InvalidToken', "Invalid Token: 'Invalid token'");
  if (problem === 'TaskTimedOut') throw new ApiError('TaskTimedOut', 'Task Timed Out');
  throw new ApiError('TaskDoesNotExist', 'Task does not exist anymore');
}

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html */
export function sendTaskSuccess(backend: StepFunctionsBackend, fields: RequestFields): unknown {
  const token = fields.requiredString('taskToken');
  const outputText = fields.requiredString('output');
  let output: unknown;
  try {
    output = JSON.parse(outputText);
  } catch {
    throw new ApiError('InvalidOutput', `Invalid Output: '${outputText}'`);
  }
  return answer(backend.tokens.succeed(token, output));
}

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskFailure.html */
export function sendTaskFailure(backend: StepFunctionsBackend, fields: RequestFields): unknown {
  const token = fields.requiredString('taskToken');
  return answer(backend.tokens.fail(token, fields.optionalString('error') ?? '', fields.optionalString('cause') ?? ''));
}

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskHeartbeat.html */
export function sendTaskHeartbeat(backend: StepFunctionsBackend, fields: RequestFields): unknown {
  const token = fields.requiredString('taskToken');
  return answer(backend.tokens.heartbeat(token));
}

import { ApiError } from './ApiError';

/** Characters AWS refuses in state machine and execution names. */
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks a state machine or execution name the way AWS does (1-80 characters, none of the
 * reserved ones).
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html#StepFunctions-StartExecution-request-name
 */
export function checkName(name: string, max = 80): void {
  if (name.length === 0 || name.length > max || INVALID_NAME.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
}

export function stateMachineArn(region: string, accountId: string, name: string): string {
  return `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
}

export function executionArn(region: string, accountId: string, stateMachineName: string, name: string, express: boolean): string {
  return `arn:aws:states:${region}:${accountId}:${express ? 'express' : 'execution'}:${stateMachineName}:${name}`;
}

/** Checks that an ARN names a resource of the given kind; InvalidArn otherwise. */
export function checkArn(arn: string, kinds: readonly string[]): void {
  const parts = arn.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[2] !== 'states') throw new ApiError('InvalidArn', `Invalid Arn: '${arn}'`);
  if (!kinds.includes(parts[5] ?? '')) throw new ApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${parts[5] ?? ''}'`);
}

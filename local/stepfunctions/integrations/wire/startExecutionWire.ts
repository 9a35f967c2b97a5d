import type { StartExecutionCommandInput } from '@aws-sdk/client-sfn';
import type { CommandResult } from '../sendCommand';
import { callJsonApi } from './jsonApiCall';
import type { ServiceWire } from './ServiceWire';
import { targetOperation, WIRE_APIS } from './wireApis';

const START_EXECUTION = targetOperation('startExecution');

/**
 * StartExecution on the wire: resolves with the output the SDK would give (`executionArn`,
 * `startDate` as a Date from the answer's epoch seconds, as the SDK rounds it to milliseconds)
 * and the HTTP exchange; rejects with a `WireServiceError` for an error answer.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 */
export async function startExecutionOnWire(wire: ServiceWire, input: StartExecutionCommandInput, region: string, signal: AbortSignal): Promise<CommandResult> {
  const result = await callJsonApi(wire, WIRE_APIS.states, START_EXECUTION, region, input, signal);
  const { executionArn, startDate } = result.output;
  const output: Record<string, unknown> = {
    ...(typeof executionArn === 'string' ? { executionArn } : {}),
    ...(typeof startDate === 'number' ? { startDate: new Date(Math.round(startDate * 1000)) } : {}),
  };
  return { output, ...(result.http !== undefined ? { http: result.http } : {}) };
}

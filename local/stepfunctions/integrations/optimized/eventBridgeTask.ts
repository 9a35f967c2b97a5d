import * as eventbridge from '@aws-sdk/client-eventbridge';
import { StatesError } from '../../errors/StatesError';
import { commandFactory } from '../createCommand';
import { OPTIMIZED_ERROR_STYLES, optimizedCallError } from '../integrationErrors';
import type { IntegrationDeps, TaskInvocation } from '../invokeTask';
import { toStateJson } from '../jsonShape';
import type { ParsedResource } from '../parseResource';
import { isRecord, sendCommand, type CommandResult } from '../sendCommand';
import { sendJsonOrSdk, WIRE_APIS } from '../wire/wireApis';
import { isWireSafeEventEntries } from '../wire/wireSafe';
import { jsonText, optimizedParameters } from './optimizedParameters';

/**
 * `arn:aws:states:::events:putEvents[.waitForTaskToken]`: a JSON `Detail` is sent as its text and
 * the state machine and execution ARNs are added to each entry's `Resources`; answers
 * `{Entries, FailedEntryCount}`, and any failed entry fails the task with `EventBridge.FailedEntry`.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-eventbridge.html
 */
export async function invokeEventBridge(parsed: ParsedResource, invocation: TaskInvocation, deps: IntegrationDeps): Promise<unknown> {
  const params = optimizedParameters(parsed, invocation.parameters);
  const entries = Array.isArray(params.Entries) ? params.Entries.map((entry) => prepareEntry(entry, invocation)) : params.Entries;
  const command = commandFactory(eventbridge, 'PutEventsCommand');
  let result: CommandResult;
  try {
    result = await sendJsonOrSdk(deps, invocation, WIRE_APIS.events, PUT_EVENTS, { Entries: entries }, isWireSafeEventEntries(entries), () =>
      sendCommand(deps.clients.eventbridge, command({ Entries: entries }), invocation.signal),
    );
  } catch (error) {
    throw optimizedCallError(OPTIMIZED_ERROR_STYLES.events, error);
  }
  const output = toStateJson(result.output, { dates: 'epoch-millis' });
  if (isRecord(output) && typeof output.FailedEntryCount === 'number' && output.FailedEntryCount > 0) {
    throw new StatesError('EventBridge.FailedEntry', JSON.stringify(output));
  }
  return output;
}

const PUT_EVENTS = { name: 'PutEvents', path: '/' } as const;

function prepareEntry(entry: unknown, invocation: TaskInvocation): unknown {
  if (!isRecord(entry)) return entry;
  const resources = Array.isArray(entry.Resources) ? [...entry.Resources] : [];
  if (invocation.stateMachineArn !== undefined) resources.push(invocation.stateMachineArn);
  if (invocation.executionArn !== undefined) resources.push(invocation.executionArn);
  return {
    ...entry,
    ...(entry.Detail !== undefined ? { Detail: jsonText(entry.Detail) } : {}),
    ...(resources.length > 0 ? { Resources: resources } : {}),
  };
}

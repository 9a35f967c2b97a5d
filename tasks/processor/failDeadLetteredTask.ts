import { InvalidToken, SendTaskFailureCommand, TaskDoesNotExist, TaskTimedOut, type SFNClient } from '@aws-sdk/client-sfn';
import { PROVIDER_ERRORS } from '../../contracts/providerErrors';
import { ProviderRequestSchema, type ProviderRequest } from '../../contracts/providerRequest';

/** What became of one dead-lettered message. */
export type DeadLetterOutcome =
  /** The workflow was waiting: its task now fails with Provider.DeadLettered. */
  | { readonly kind: 'failed-task'; readonly invoiceId: string }
  /** The execution had moved on (timed out, redriven, finished): nothing to do. */
  | { readonly kind: 'stale'; readonly invoiceId: string; readonly reason: string }
  /** Not a ProviderRequest at all: logged and dropped (it carries no token to answer). */
  | { readonly kind: 'unreadable'; readonly reason: string };

/** A dead-lettered message, read: the request it carries, or why it carries none. */
export type DeadLetter = { readonly kind: 'request'; readonly request: ProviderRequest } | { readonly kind: 'unreadable'; readonly reason: string };

/** Reads a dead-lettered message's body as the ProviderRequest it should be. */
export function readDeadLetter(body: string): DeadLetter {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'unreadable', reason: 'body is not JSON' };
  }
  const parsed = ProviderRequestSchema.safeParse(json);
  if (!parsed.success) return { kind: 'unreadable', reason: `not a ProviderRequest: ${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}` };
  return { kind: 'request', request: parsed.data };
}

/**
 * A request the adapters could not process `maxReceiveCount` times: fail its task with
 * `Provider.DeadLettered` so the workflow takes its failure path and no execution hangs.
 */
export async function failDeadLetteredTask(sfn: SFNClient, letter: DeadLetter, receiveCount: string | undefined): Promise<DeadLetterOutcome> {
  if (letter.kind === 'unreadable') return letter;
  const { request } = letter;
  const cause = JSON.stringify({ code: 'DeadLettered', message: `the ${request.kind} request could not be processed after ${receiveCount ?? 'several'} receives` });
  try {
    await sfn.send(new SendTaskFailureCommand({ taskToken: request.taskToken, error: PROVIDER_ERRORS.DeadLettered, cause }));
    return { kind: 'failed-task', invoiceId: request.invoiceId };
  } catch (error) {
    if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken) {
      return { kind: 'stale', invoiceId: request.invoiceId, reason: error.name };
    }
    throw error;
  }
}

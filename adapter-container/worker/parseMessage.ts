import { UlidSchema } from '../../contracts/fields';
import { ProviderRequestSchema, type ProviderRequest } from '../../contracts/providerRequest';

/** What every log line about a message carries, when the body holds it. */
export interface MessageIdentity {
  /** The execution waiting on the task (the contract's `executionArn`). */
  readonly executionArn: string | undefined;
  readonly invoiceId: string | undefined;
}

/** A queue message read as a `ProviderRequest`, or why it could not be. */
export type ParsedMessage = MessageIdentity &
  (
    | { readonly ok: true; readonly request: ProviderRequest }
    | {
        readonly ok: false;
        /** The task token, when the body is JSON with a string `taskToken`: the task can still be failed. */
        readonly taskToken: string | undefined;
        /** What is wrong, naming fields only: never the values (they may be anything). */
        readonly problem: string;
      }
  );

/** A Step Functions execution ARN (names are letters, digits, `-` and `_`). */
const EXECUTION_ARN = /^arn:aws[\w-]*:states:[\w-]+:\d{12}:execution:[\w-]+:[\w-]+$/;

/** Parses a message body with the contract, without ever echoing its content. */
export function parseMessage(body: string | undefined): ParsedMessage {
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch {
    return { ok: false, executionArn: undefined, invoiceId: undefined, taskToken: undefined, problem: 'the body is not JSON' };
  }
  const result = ProviderRequestSchema.safeParse(json);
  if (result.success) return { ok: true, request: result.data, executionArn: result.data.executionArn, invoiceId: result.data.invoiceId };
  const fields = [...new Set(result.error.issues.map((issue) => (issue.path.length > 0 ? issue.path.join('.') : '(root)')))];
  return {
    ok: false,
    // Identifiers only, and only when they look like one: a body that is not a ProviderRequest may hold anything.
    executionArn: EXECUTION_ARN.exec(stringField(json, 'executionArn') ?? '')?.[0],
    invoiceId: UlidSchema.safeParse(stringField(json, 'invoiceId')).data,
    taskToken: stringField(json, 'taskToken'),
    problem: `the body does not match ProviderRequest (fields: ${fields.join(', ')})`,
  };
}

function stringField(json: unknown, name: string): string | undefined {
  const value = typeof json === 'object' && json !== null && name in json ? (json as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

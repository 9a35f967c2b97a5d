import { ProviderRequestSchema, type ProviderRequest } from '../../contracts/providerRequest';

/** A queue message read as a `ProviderRequest`, or why it could not be. */
export type ParsedMessage =
  | { readonly ok: true; readonly request: ProviderRequest }
  | {
      readonly ok: false;
      /** The task token, when the body is JSON with a string `taskToken`: the task can still be failed. */
      readonly taskToken: string | undefined;
      /** What is wrong, naming fields only: never the values (they may be anything). */
      readonly problem: string;
    };

/** Parses a message body with the contract, without ever echoing its content. */
export function parseMessage(body: string | undefined): ParsedMessage {
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch {
    return { ok: false, taskToken: undefined, problem: 'the body is not JSON' };
  }
  const result = ProviderRequestSchema.safeParse(json);
  if (result.success) return { ok: true, request: result.data };
  const token = typeof json === 'object' && json !== null && 'taskToken' in json ? json.taskToken : undefined;
  const fields = [...new Set(result.error.issues.map((issue) => (issue.path.length > 0 ? issue.path.join('.') : '(root)')))];
  return {
    ok: false,
    taskToken: typeof token === 'string' && token !== '' ? token : undefined,
    problem: `the body does not match ProviderRequest (fields: ${fields.join(', ')})`,
  };
}

/** A function reference as Lambda accepts it: a name, a partial ARN or a full ARN, with an optional qualifier. */
export interface FunctionReference {
  readonly name: string;
  readonly qualifier?: string;
}

const FULL_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/;
const NAME = /^([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/;

/**
 * Parses `my-function`, `my-function:$LATEST`, `123456789012:function:my-function` or
 * `arn:aws:lambda:us-east-1:123456789012:function:my-function[:qualifier]`; undefined when malformed.
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_RequestSyntax
 */
export function parseFunctionReference(value: string): FunctionReference | undefined {
  const full = FULL_ARN.exec(value);
  if (full !== null) return withQualifier(full[3], full[4]);
  const partial = PARTIAL_ARN.exec(value);
  if (partial !== null) return withQualifier(partial[2], partial[3]);
  const name = NAME.exec(value);
  if (name !== null) return withQualifier(name[1], name[2]);
  return undefined;
}

/** The unqualified ARN of a local function. */
export function functionArn(region: string, accountId: string, name: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

function withQualifier(name: string | undefined, qualifier: string | undefined): FunctionReference | undefined {
  if (name === undefined || name.length > 64) return undefined;
  return qualifier !== undefined ? { name, qualifier } : { name };
}

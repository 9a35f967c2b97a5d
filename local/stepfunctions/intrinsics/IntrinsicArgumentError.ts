/**
 * A failure inside one intrinsic call: the detail AWS writes after
 * `The function '<expression>' had the following error: `. Thrown by argument checks, functions
 * and path arguments; `evaluateIntrinsic` turns it into a `StatesError` naming the whole expression.
 */
export class IntrinsicArgumentError extends Error {
  public constructor(public readonly detail: string) {
    super(detail);
    this.name = 'IntrinsicArgumentError';
  }
}

/** AWS's detail for arguments of the wrong type, count or range: `Invalid arguments in States.X`. */
export function invalidArguments(functionName: string, explanation?: string): IntrinsicArgumentError {
  return new IntrinsicArgumentError(
    explanation === undefined ? `Invalid arguments in ${functionName}` : `Invalid arguments in ${functionName}: ${explanation}`,
  );
}

/** AWS's detail for a path argument that matches nothing in the document it reads. */
export function pathNotFound(path: string, renderedInput: string): IntrinsicArgumentError {
  return new IntrinsicArgumentError(
    `The JsonPath argument for the field '${path}' could not be found in the input '${renderedInput}'`,
  );
}

import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import type { JsonValue } from '../intrinsicAst';

/**
 * `States.ArrayLength(array)`: the number of items.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
 */
export const statesArrayLength: IntrinsicFunctionDefinition = {
  name: 'States.ArrayLength',
  spec: { min: 1, types: ['array'] },
  evaluate: ([array]) => (array as JsonValue[]).length,
};

import type { IntrinsicFunctionDefinition } from '../argumentSpec';

/**
 * `States.Array(a, b, ...)`: its arguments as an array.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
 */
export const statesArray: IntrinsicFunctionDefinition = {
  name: 'States.Array',
  spec: { min: 0, max: Number.POSITIVE_INFINITY, types: [] },
  evaluate: (args) => args.slice(),
};

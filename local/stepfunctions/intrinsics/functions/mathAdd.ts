import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import { invalidArguments } from '../IntrinsicArgumentError';
import { isJavaInt, roundHalfUp } from '../numberArguments';

/**
 * `States.MathAdd(a, b)`: the sum of the two numbers, each first rounded half up
 * (1.49 + 1.5 = 3, -2.5 + 0 = -2, as recorded on AWS). Each must lie in Java's int range.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-math-operation
 */
export const statesMathAdd: IntrinsicFunctionDefinition = {
  name: 'States.MathAdd',
  spec: { min: 2, types: ['number', 'number'] },
  evaluate: ([a, b]) => {
    const left = roundHalfUp(a as number);
    const right = roundHalfUp(b as number);
    if (!isJavaInt(left) || !isJavaInt(right)) throw invalidArguments('States.MathAdd');
    const sum = left + right;
    return sum === 0 ? 0 : sum;
  },
};

import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import { invalidArguments } from '../IntrinsicArgumentError';
import { toJavaInt } from '../numberArguments';

/** AWS's cap on the length of the array `States.ArrayRange` builds. */
export const ARRAY_RANGE_MAX_ITEMS = 1000;

/**
 * `States.ArrayRange(start, end, step)`: the numbers from `start` to `end` inclusive, `step`
 * apart. Fractions are truncated; a zero step or more than 1000 items is invalid; a step that
 * walks away from `end` gives an empty array.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
 */
export const statesArrayRange: IntrinsicFunctionDefinition = {
  name: 'States.ArrayRange',
  spec: { min: 3, types: ['number', 'number', 'number'] },
  evaluate: ([startArg, endArg, stepArg]) => {
    const start = toJavaInt(startArg as number);
    const end = toJavaInt(endArg as number);
    const step = toJavaInt(stepArg as number);
    if (step === 0) throw invalidArguments('States.ArrayRange');
    const count = Math.floor((end - start) / step) + 1;
    if (count > ARRAY_RANGE_MAX_ITEMS) throw invalidArguments('States.ArrayRange');
    const values: number[] = [];
    for (let i = 0; i < count; i++) values.push(start + i * step);
    return values;
  },
};

import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import type { JsonValue } from '../intrinsicAst';
import { jsonEquals } from '../jsonValues';

/**
 * `States.ArrayContains(array, value)`: whether the array holds a value deep-equal to `value`.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
 */
export const statesArrayContains: IntrinsicFunctionDefinition = {
  name: 'States.ArrayContains',
  spec: { min: 2, types: ['array', 'any'] },
  evaluate: ([array, value]) => {
    const items = array as JsonValue[];
    const wanted = value as JsonValue;
    for (const item of items) if (jsonEquals(item, wanted)) return true;
    return false;
  },
};

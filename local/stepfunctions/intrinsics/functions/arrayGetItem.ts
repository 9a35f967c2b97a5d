import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import type { JsonValue } from '../intrinsicAst';
import { invalidArguments } from '../IntrinsicArgumentError';
import { toJavaInt } from '../numberArguments';

/**
 * `States.ArrayGetItem(array, index)`: the item at a zero-based index; an index outside the
 * array is invalid.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
 */
export const statesArrayGetItem: IntrinsicFunctionDefinition = {
  name: 'States.ArrayGetItem',
  spec: { min: 2, types: ['array', 'number'] },
  evaluate: ([array, index]) => {
    const items = array as JsonValue[];
    const i = toJavaInt(index as number);
    if (i < 0 || i >= items.length) throw invalidArguments('States.ArrayGetItem');
    return items[i] as JsonValue;
  },
};

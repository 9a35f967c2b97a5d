import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import type { JsonValue } from '../intrinsicAst';
import { jsonEquals } from '../jsonValues';

/**
 * `States.ArrayUnique(array)`: the array without repeated (deep-equal) items, first ones kept.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
 */
export const statesArrayUnique: IntrinsicFunctionDefinition = {
  name: 'States.ArrayUnique',
  spec: { min: 1, types: ['array'] },
  evaluate: ([array]) => {
    const unique: JsonValue[] = [];
    const seenPrimitives = new Set<JsonValue>();
    for (const item of array as JsonValue[]) {
      // Primitives compare by value in a Set; only arrays and objects need the deep comparison.
      if (item === null || typeof item !== 'object') {
        if (seenPrimitives.has(item)) continue;
        seenPrimitives.add(item);
      } else if (unique.some((kept) => jsonEquals(kept, item))) continue;
      unique.push(item);
    }
    return unique;
  },
};

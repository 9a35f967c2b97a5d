import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import type { JsonValue } from '../intrinsicAst';
import { invalidArguments } from '../IntrinsicArgumentError';
import { toJavaInt } from '../numberArguments';

/**
 * `States.ArrayPartition(array, chunkSize)`: the array cut into chunks of `chunkSize` items, the
 * last one holding the remainder. A fractional size is truncated (2.6 chunks by 2, as on AWS);
 * a size below 1 after truncation is invalid.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
 */
export const statesArrayPartition: IntrinsicFunctionDefinition = {
  name: 'States.ArrayPartition',
  spec: { min: 2, types: ['array', 'number'] },
  evaluate: ([array, chunkSize]) => {
    const items = array as JsonValue[];
    const size = toJavaInt(chunkSize as number);
    if (size < 1) throw invalidArguments('States.ArrayPartition');
    const chunks: JsonValue[] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    return chunks;
  },
};

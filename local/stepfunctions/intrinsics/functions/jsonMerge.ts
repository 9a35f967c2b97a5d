import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import type { JsonObject } from '../intrinsicAst';
import { invalidArguments } from '../IntrinsicArgumentError';

/**
 * `States.JsonMerge(a, b, false)`: a shallow merge, `b`'s keys winning (a nested object of `b`
 * replaces `a`'s whole). AWS supports only the shallow mode, so `true` is invalid.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-json-manipulate
 */
export const statesJsonMerge: IntrinsicFunctionDefinition = {
  name: 'States.JsonMerge',
  spec: { min: 3, types: ['object', 'object', 'boolean'] },
  evaluate: ([left, right, deep]) => {
    if (deep === true) throw invalidArguments('States.JsonMerge');
    return { ...(left as JsonObject), ...(right as JsonObject) };
  },
};

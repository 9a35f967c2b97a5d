import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import { renderJson } from '../jsonValues';

/**
 * `States.JsonToString(value)`: the value as compact JSON text (`{"Arg1":1,"Arg2":[]}`).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-json-manipulate
 */
export const statesJsonToString: IntrinsicFunctionDefinition = {
  name: 'States.JsonToString',
  spec: { min: 1, types: ['any'] },
  evaluate: ([value]) => renderJson(value),
};

import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import type { JsonValue } from '../intrinsicAst';
import { invalidArguments } from '../IntrinsicArgumentError';

/**
 * `States.StringToJson(text)`: the JSON value the text holds. Empty or blank text gives `null`
 * and `-0` gives 0, as recorded on AWS; text that is not JSON is invalid.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-json-manipulate
 */
export const statesStringToJson: IntrinsicFunctionDefinition = {
  name: 'States.StringToJson',
  spec: { min: 1, types: ['string'] },
  evaluate: ([text]) => {
    const input = text as string;
    if (input.trim() === '') return null;
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(input) as JsonValue;
    } catch {
      throw invalidArguments('States.StringToJson');
    }
    return parsed === 0 ? 0 : parsed;
  },
};

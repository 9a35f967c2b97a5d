import type { IntrinsicFunctionDefinition } from '../argumentSpec';

/**
 * `States.UUID()`: a random version 4 UUID, from the scope's injected source.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-uuid-generate
 */
export const statesUuid: IntrinsicFunctionDefinition = {
  name: 'States.UUID',
  spec: { min: 0, types: [] },
  evaluate: (_args, context) => context.randomUUID(),
};

import type { IntrinsicFunctionDefinition } from '../argumentSpec';
import { invalidArguments } from '../IntrinsicArgumentError';
import { JavaRandom } from '../javaRandom';
import { toJavaInt } from '../numberArguments';

/**
 * `States.MathRandom(start, end[, seed])`: a random integer in [start, end). Fractions are
 * truncated (AWS refuses `(1.4, 1.6)` as an empty range); `start` must stay below `end`. With a
 * seed the result is what `new java.util.Random(seed).nextInt(end - start) + start` gives, so it
 * is the same on every call; without one it comes from the scope's injected random source.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-math-operation
 */
export const statesMathRandom: IntrinsicFunctionDefinition = {
  name: 'States.MathRandom',
  spec: { min: 2, max: 3, types: ['number', 'number', 'number'] },
  evaluate: ([startArg, endArg, seedArg], context) => {
    const start = toJavaInt(startArg as number);
    const end = toJavaInt(endArg as number);
    const span = end - start;
    if (span <= 0 || span > 0x7fffffff) throw invalidArguments('States.MathRandom');
    if (seedArg === undefined) return start + Math.floor(context.random() * span);
    return start + new JavaRandom(Math.trunc(seedArg as number)).nextInt(span);
  },
};

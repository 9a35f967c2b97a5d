/**
 * AWS reads most integer arguments the way Java casts a double to an int: the fraction is dropped
 * (towards zero) and the value is clamped to the int range. `States.MathAdd` instead rounds half
 * up (`Math.round`), as the conformance cases recorded on AWS show (-2.5 + 0 = -2, 2.5 + 0 = 3).
 */
export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;

/** Java's `(int) value` for a finite double. */
export function toJavaInt(value: number): number {
  if (value >= INT_MAX) return INT_MAX;
  if (value <= INT_MIN) return INT_MIN;
  const truncated = Math.trunc(value);
  return truncated === 0 ? 0 : truncated;
}

/** Java's `Math.round(double)`: half rounds up, towards positive infinity. */
export function roundHalfUp(value: number): number {
  const rounded = Math.round(value);
  return rounded === 0 ? 0 : rounded;
}

/** Whether a number is within Java's int range. */
export function isJavaInt(value: number): boolean {
  return Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX;
}

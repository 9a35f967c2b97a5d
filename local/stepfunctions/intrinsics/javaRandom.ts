/**
 * The linear congruential generator of `java.util.Random`, so that a seeded
 * `States.MathRandom(start, end, seed)` is reproducible the way a JVM-based service is.
 */
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

/** A `java.util.Random` seeded with `seed` (a Java long). */
export class JavaRandom {
  private state: bigint;

  public constructor(seed: number) {
    this.state = (BigInt.asIntN(64, BigInt(seed)) ^ MULTIPLIER) & MASK;
  }

  /** `Random.nextInt(bound)` for a bound > 0: uniform in [0, bound). */
  public nextInt(bound: number): number {
    if ((bound & -bound) === bound) {
      return Number((BigInt(bound) * BigInt(this.next(31))) >> 31n);
    }
    for (;;) {
      const bits = this.next(31);
      const value = bits % bound;
      // Java rejects the top partial block through int overflow of this sum.
      if (((bits - value + (bound - 1)) | 0) >= 0) return value;
    }
  }

  private next(bits: number): number {
    this.state = (this.state * MULTIPLIER + ADDEND) & MASK;
    return Number(BigInt.asIntN(32, this.state >> BigInt(48 - bits)));
  }
}

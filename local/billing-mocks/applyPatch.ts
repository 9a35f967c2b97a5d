import type { z } from 'zod';

/** Applies a knobs patch after checking it with its schema (throws a ZodError naming the bad knob). */
export function applyPatch<Knobs extends object>(knobs: Knobs, schema: z.ZodType<Partial<Knobs>>, patch: unknown): Knobs {
  return { ...knobs, ...schema.parse(patch) };
}

import { z } from 'zod';
import { CnpjSchema } from './fields';
import { UsagePlanNameSchema, UsagePlanViewSchema } from './usagePlans';

/** `GET /usage`: the calling key's requests and its tenant's invoices this month, against its plan. */
export const UsageViewSchema = z.strictObject({
  month: z.string().regex(/^\d{4}-\d{2}$/).describe('The month counted (UTC), YYYY-MM'),
  apiKey: z.strictObject({ id: z.string(), name: z.string(), plan: UsagePlanNameSchema, prefix: z.string() }),
  plan: UsagePlanViewSchema,
  requests: z.strictObject({
    used: z.number().int().describe('Requests API Gateway let through with this key this month (it counts with a delay)'),
    quota: z.number().int(),
    remaining: z.number().int(),
  }),
  invoices: z.strictObject({
    emitted: z.number().int().describe('Invoices emitted this month for these companies'),
    companies: z.array(CnpjSchema).describe("The key's companies, or the caller's when the key has none (the console's and the CLI's)"),
  }),
});
export type UsageView = z.infer<typeof UsageViewSchema>;

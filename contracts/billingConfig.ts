import { z } from 'zod';

/** The billing secret's value (`BILLING_SECRET_ARN`): the external systems' credentials. */
export const BillingSecretSchema = z.strictObject({
  usageToken: z.string().min(1),
  erpAppKey: z.string().min(1),
  erpAppSecret: z.string().min(1),
});
export type BillingSecret = z.infer<typeof BillingSecretSchema>;

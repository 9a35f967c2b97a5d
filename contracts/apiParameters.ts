import { z } from 'zod';
import { EXECUTION_NAME_PATTERN } from './executionNames';
import { UlidSchema } from './fields';

/**
 * An execution's ARN, as a path parameter (`/executions/{arn}`, URL-encoded by the client):
 * `arn:{partition}:states:{region}:{account}:execution:{stateMachine}:{name}`.
 */
export const ExecutionArnSchema = z
  .string()
  .regex(/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:\s/]{1,80}:[^:\s/]{1,80}$/, 'must be a Step Functions execution ARN (arn:aws:states:{region}:{account}:execution:{stateMachine}:{name})');

/** `/invoices/{id}...`: the invoice's id. */
export const InvoicePathSchema = z.strictObject({ id: UlidSchema });
export type InvoicePath = z.infer<typeof InvoicePathSchema>;

/**
 * An execution as a path parameter: its ARN, or the name the listings print (`{invoiceId}`,
 * `{invoiceId}-r{n}`, `{invoiceId}-cancel-{n}`), whose state machine the name tells.
 */
export const ExecutionRefSchema = z
  .string()
  .refine((value) => ExecutionArnSchema.safeParse(value).success || EXECUTION_NAME_PATTERN.test(value), {
    message: 'must be an execution ARN (arn:aws:states:{region}:{account}:execution:{stateMachine}:{name}) or the name the list prints ({invoiceId}, {invoiceId}-r{n} or {invoiceId}-cancel-{n})',
  });

/** `/executions/{arn}...`, `/ops/executions/{arn}/...`: the execution's ARN or name. */
export const ExecutionPathSchema = z.strictObject({ arn: ExecutionRefSchema });
export type ExecutionPath = z.infer<typeof ExecutionPathSchema>;

/** `GET /invoices/{id}` query string: `include=xmlUrl` adds presigned links to the XML documents. */
export const GetInvoiceQuerySchema = z.strictObject({ include: z.literal('xmlUrl').optional() });
export type GetInvoiceQuery = z.infer<typeof GetInvoiceQuerySchema>;

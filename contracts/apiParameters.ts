import { z } from 'zod';
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

/** `/executions/{arn}...`, `/ops/executions/{arn}/...`: the execution's ARN. */
export const ExecutionPathSchema = z.strictObject({ arn: ExecutionArnSchema });
export type ExecutionPath = z.infer<typeof ExecutionPathSchema>;

/** What `GET /invoices/{id}?include=` may add: presigned links to the XML documents, to the NFS-e's PDF (the national DANFSe). */
export const INVOICE_INCLUDES = ['xmlUrl', 'pdfUrl'] as const;
export type InvoiceInclude = (typeof INVOICE_INCLUDES)[number];

/** `GET /invoices/{id}` query string: `include=xmlUrl`, `include=pdfUrl` or both, comma-separated. */
export const GetInvoiceQuerySchema = z.strictObject({
  include: z
    .string()
    .regex(/^(xmlUrl|pdfUrl)(,(xmlUrl|pdfUrl))?$/, 'must be xmlUrl, pdfUrl or both, comma-separated')
    .transform((value) => [...new Set(value.split(','))] as InvoiceInclude[])
    .optional(),
});
export type GetInvoiceQuery = z.infer<typeof GetInvoiceQuerySchema>;

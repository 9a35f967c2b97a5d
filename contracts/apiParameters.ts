import { z } from 'zod';
import { EXECUTION_NAME_PATTERN } from './executionNames';
import { UlidSchema } from './fields';
import { IdempotencyKeySchema } from './idempotencyRecord';

/**
 * An execution's ARN, as a path parameter (`/executions/{arn}`, URL-encoded by the client):
 * `arn:{partition}:states:{region}:{account}:execution:{stateMachine}:{name}`.
 */
export const ExecutionArnSchema = z
  .string()
  .regex(/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:\s/]{1,80}:[^:\s/]{1,80}$/, 'must be a Step Functions execution ARN (arn:aws:states:{region}:{account}:execution:{stateMachine}:{name})');

/** `/invoices/{id}...`: the invoice's id. */
export const InvoicePathSchema = z.strictObject({ id: UlidSchema.describe("The invoice's id (a ULID), as `POST /invoices` answered it") });
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
export const ExecutionPathSchema = z.strictObject({ arn: ExecutionRefSchema.describe("The execution's ARN, URL-encoded (its colons as %3A), or the name the list prints") });
export type ExecutionPath = z.infer<typeof ExecutionPathSchema>;

/** What `GET /invoices/{id}?include=` may add: presigned links to the XML documents, to the NFS-e's PDF. */
export const INVOICE_INCLUDES = ['xmlUrl', 'pdfUrl'] as const;
export type InvoiceInclude = (typeof INVOICE_INCLUDES)[number];

/** `GET /invoices/{id}` query string: `include=xmlUrl`, `include=pdfUrl` or both, comma-separated. */
export const GetInvoiceQuerySchema = z.strictObject({
  include: z
    .string()
    .regex(/^(xmlUrl|pdfUrl)(,(xmlUrl|pdfUrl))?$/, 'must be xmlUrl, pdfUrl or both, comma-separated')
    .transform((value) => [...new Set(value.split(','))] as InvoiceInclude[])
    .optional()
    .describe('`xmlUrl` adds short-lived presigned links to the RPS (or DPS) and NFS-e XML, `pdfUrl` to the NFS-e\'s PDF (the national DANFSe, or for ABRASF cities a DANFSe-like auxiliary PDF); both: `xmlUrl,pdfUrl`'),
});
export type GetInvoiceQuery = z.infer<typeof GetInvoiceQuerySchema>;

/**
 * `If-Match` on a company write: the version its `ETag` gave (`"3"`; `W/"3"` and `3` are taken
 * too). A write naming a version the company has moved on from is a 412.
 */
export const IfMatchSchema = z.string().regex(/^\s*(?:W\/)?"?\d{1,9}"?\s*$/, 'must name a version, as the ETag gave it (e.g. "3")');

/** Headers of `POST /invoices` and `POST /invoices/{id}/cancel`: a replay with the same key gets the same answer. */
export const IdempotencyHeadersSchema = z.object({
  'Idempotency-Key': IdempotencyKeySchema.optional().describe('Makes a retry safe for 24 h: the same key with the same body gets the first answer again, with another body a 409'),
});

/** Headers of `PUT` / `PATCH /companies/{cnpj}`: optimistic concurrency. */
export const IfMatchHeadersSchema = z.object({
  'If-Match': IfMatchSchema.optional().describe('The ETag of the version this write changes: a 412 when the company has moved on; without it the last writer wins'),
});

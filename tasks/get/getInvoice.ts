import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { InvoiceView } from '../../contracts/apiResponses';
import { InvoiceRecordSchema } from '../../contracts/invoiceRecord';
import { mayAccessCompany, type Caller } from '../shared/caller';
import { NotFoundError } from '../shared/errors';

/** What reading an invoice talks to. */
export interface GetInvoiceDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly invoicesTable: string;
  readonly docsBucket: string;
  /** Lifetime of presigned links. @default 300 */
  readonly urlTtlSeconds?: number;
}

/** Statuses in which the city's NFS-e XML exists. */
const HAS_NFSE = new Set(['ISSUED', 'CANCELLING', 'CANCELLED']);

/** Reads one invoice for this caller: unknown or another tenant's is the same 404. */
export async function getInvoice(deps: GetInvoiceDeps, caller: Caller, invoiceId: string, includeXmlUrl: boolean): Promise<InvoiceView> {
  const notFound = new NotFoundError(`Invoice ${invoiceId} not found`);
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(invoiceId)) throw notFound;
  const { Item } = await deps.ddb.send(new GetCommand({ TableName: deps.invoicesTable, Key: { invoiceId } }));
  if (Item === undefined) throw notFound;
  const parsed = InvoiceRecordSchema.safeParse(withoutNulls(Item));
  if (!parsed.success) throw new Error(`invoice ${invoiceId} does not match the record contract: ${parsed.error.message}`);
  const { companyCreatedAt: _sortKey, createdBy: _createdBy, ...record } = parsed.data;
  if (!mayAccessCompany(caller, record.companyCnpj)) throw notFound;
  if (!includeXmlUrl) return record;
  const expiresIn = deps.urlTtlSeconds ?? 300;
  const sign = (key: string): Promise<string> => getSignedUrl(deps.s3, new GetObjectCommand({ Bucket: deps.docsBucket, Key: key }), { expiresIn });
  return {
    ...record,
    xmlUrl: await sign(record.xmlKey),
    ...(HAS_NFSE.has(record.status) ? { nfseXmlUrl: await sign(record.nfseXmlKey) } : {}),
  };
}

/** DynamoDB NULL attributes (a workflow writes them for absent values) read as absent. */
function withoutNulls(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null));
}

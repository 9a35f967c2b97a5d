import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { InvoiceView } from '../../contracts/apiResponses';
import type { Caller } from '../shared/caller';
import { readInvoiceFor } from '../shared/readInvoice';

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
  const { companyCreatedAt: _sortKey, createdBy: _createdBy, cancelAttempts: _attempts, reprocessCount: _reprocessed, opsActions: _actions, ...record } = await readInvoiceFor(
    deps.ddb,
    deps.invoicesTable,
    caller,
    invoiceId,
  );
  if (!includeXmlUrl) return record;
  const expiresIn = deps.urlTtlSeconds ?? 300;
  const sign = (key: string): Promise<string> => getSignedUrl(deps.s3, new GetObjectCommand({ Bucket: deps.docsBucket, Key: key }), { expiresIn });
  return {
    ...record,
    xmlUrl: await sign(record.xmlKey),
    ...(HAS_NFSE.has(record.status) ? { nfseXmlUrl: await sign(record.nfseXmlKey) } : {}),
  };
}

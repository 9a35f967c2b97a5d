import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { InvoiceInclude } from '../../contracts/apiParameters';
import type { InvoiceView } from '../../contracts/apiResponses';
import { HAS_NFSE_STATUSES } from '../../contracts/invoiceStatus';
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

/**
 * Reads one invoice for this caller: unknown or another tenant's is the same 404. `include` adds
 * short-lived presigned links: `xmlUrl` to the RPS (or DPS) and the city's NFS-e XML, `pdfUrl`
 * to the NFS-e's PDF stored beside the XML (the national DANFSe, or the DANFSe-like PDF the
 * adapter builds for ABRASF cities).
 */
export async function getInvoice(deps: GetInvoiceDeps, caller: Caller, invoiceId: string, include: readonly InvoiceInclude[] = []): Promise<InvoiceView> {
  const { companyCreatedAt: _sortKey, createdBy: _createdBy, cancelAttempts: _attempts, reprocessCount: _reprocessed, opsActions: _actions, ...record } = await readInvoiceFor(
    deps.ddb,
    deps.invoicesTable,
    caller,
    invoiceId,
  );
  if (include.length === 0) return record;
  const expiresIn = deps.urlTtlSeconds ?? 300;
  const sign = (key: string): Promise<string> => getSignedUrl(deps.s3, new GetObjectCommand({ Bucket: deps.docsBucket, Key: key }), { expiresIn });
  const issued = HAS_NFSE_STATUSES.has(record.status);
  return {
    ...record,
    ...(include.includes('xmlUrl') ? { xmlUrl: await sign(record.xmlKey), ...(issued ? { nfseXmlUrl: await sign(record.nfseXmlKey) } : {}) } : {}),
    ...(include.includes('pdfUrl') && issued && record.danfseKey !== undefined ? { pdfUrl: await sign(record.danfseKey) } : {}),
  };
}

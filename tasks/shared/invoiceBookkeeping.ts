import { documentKeys, sweepShardOf, type InvoiceRecord } from '../../contracts/invoiceRecord';
import { executionArnOf } from './executionArnOf';

type Bookkeeping = Pick<InvoiceRecord, 'createdAt' | 'updatedAt' | 'xmlKey' | 'nfseXmlKey' | 'companyCreatedAt' | 'sweepShard' | 'executionArn'>;

/**
 * The fields every new invoice record derives from its id and creation time, whoever writes it
 * (the API, a billing run, an order): its documents' keys, the company-listing sort key, the
 * sweeper's shard, and its emission's ARN — the execution is named after the invoice, so the ARN
 * is known before it starts, and should the start never happen the sweeper starts that very ARN.
 */
export function invoiceBookkeeping(invoiceId: string, now: string, emissionStateMachineArn: string): Bookkeeping {
  return {
    createdAt: now,
    updatedAt: now,
    ...documentKeys(invoiceId),
    companyCreatedAt: `${now}#${invoiceId}`,
    sweepShard: sweepShardOf(invoiceId),
    executionArn: executionArnOf(emissionStateMachineArn, invoiceId),
  };
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InvoiceRecord } from '../../contracts/invoiceRecord';
import { readInvoiceRecord } from './readInvoice';

/**
 * Writes a new invoice record unless one with its id exists: a concurrent replay that wrote it
 * first wins, and its record is answered (its RPS is the one that counts).
 */
export async function putInvoiceUnlessRaced(ddb: DynamoDBDocumentClient, table: string, record: InvoiceRecord): Promise<InvoiceRecord> {
  try {
    await ddb.send(new PutCommand({ TableName: table, Item: record, ConditionExpression: 'attribute_not_exists(invoiceId)' }));
    return record;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return (await readInvoiceRecord(ddb, table, record.invoiceId)) ?? record;
  }
}

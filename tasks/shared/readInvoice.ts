import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvoiceRecordSchema, type InvoiceRecord } from '../../contracts/invoiceRecord';
import { mayAccessCompany, type Caller } from './caller';
import { NotFoundError } from './errors';

/** DynamoDB NULL attributes (a workflow writes them for absent values) read as absent. */
export function withoutNulls(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null));
}

/** The invoice's record, read consistently; undefined when there is none. */
export async function readInvoiceRecord(ddb: DynamoDBDocumentClient, table: string, invoiceId: string): Promise<InvoiceRecord | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: table, Key: { invoiceId }, ConsistentRead: true }));
  return Item === undefined ? undefined : InvoiceRecordSchema.parse(withoutNulls(Item));
}

/** Reads an invoice the caller may see; unknown or another tenant's is the same 404. */
export async function readInvoiceFor(ddb: DynamoDBDocumentClient, table: string, caller: Caller, invoiceId: string): Promise<InvoiceRecord> {
  const notFound = new NotFoundError(`Invoice ${invoiceId} not found`);
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(invoiceId)) throw notFound;
  const { Item } = await ddb.send(new GetCommand({ TableName: table, Key: { invoiceId }, ConsistentRead: true }));
  if (Item === undefined) throw notFound;
  const parsed = InvoiceRecordSchema.safeParse(withoutNulls(Item));
  if (!parsed.success) throw new Error(`invoice ${invoiceId} does not match the record contract: ${parsed.error.message}`);
  if (!mayAccessCompany(caller, parsed.data.companyCnpj)) throw notFound;
  return parsed.data;
}

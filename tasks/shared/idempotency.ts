import { createHash } from 'node:crypto';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { IDEMPOTENCY_TTL_SECONDS, IdempotencyRecordSchema, type IdempotencyRecord } from '../../contracts/idempotencyRecord';
import { ConflictError } from './errors';

/** Where idempotency records live and what time it is. */
export interface IdempotencyDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly requestsTable: string;
  readonly now: () => Date;
}

/** What a request with a key starts from. */
export type IdempotentStart =
  | { readonly kind: 'new'; readonly invoiceId: string }
  /** A replay of an attempt that did not finish: finish it with the same invoiceId. */
  | { readonly kind: 'resume'; readonly invoiceId: string }
  /** A replay of a finished request: give the same answer. */
  | { readonly kind: 'replay'; readonly invoiceId: string; readonly response: { readonly statusCode: number; readonly body: string } };

/** SHA-256 of the operation and the body with its keys sorted: equal bodies, equal fingerprints. */
export function fingerprintOf(operation: string, body: unknown): string {
  return createHash('sha256').update(`${operation}\n${canonicalJson(body)}`).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Claims `{principal}#{key}` for this request, or finds the earlier attempt: the same body
 * resumes or replays it, another body is a 409. Expired keys (24 h) are claimed anew. One write
 * either way: a refused claim carries the record that refused it (`ALL_OLD`), read atomically
 * with the check, so there is no second read to race with.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html#DDB-PutItem-request-ReturnValuesOnConditionCheckFailure
 */
export async function beginIdempotentRequest(deps: IdempotencyDeps, requestKey: string, fingerprint: string, newInvoiceId: string): Promise<IdempotentStart> {
  const now = deps.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const record: IdempotencyRecord = {
    requestKey,
    fingerprint,
    invoiceId: newInvoiceId,
    status: 'IN_PROGRESS',
    createdAt: now.toISOString(),
    expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
  };
  let existing: IdempotencyRecord;
  try {
    await deps.ddb.send(
      new PutCommand({
        TableName: deps.requestsTable,
        Item: record,
        ConditionExpression: 'attribute_not_exists(requestKey) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': nowSeconds },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { kind: 'new', invoiceId: newInvoiceId };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // The DocumentClient leaves the exception's item in DynamoDB's attribute-value form.
    if (error.Item === undefined) throw new Error(`the conditional put of ${requestKey} was refused without the item that refused it`, { cause: error });
    existing = IdempotencyRecordSchema.parse(unmarshall(error.Item));
  }
  if (existing.fingerprint !== fingerprint) {
    throw new ConflictError('IdempotencyKeyReused', 'This Idempotency-Key was already used with a different request body');
  }
  if (existing.status === 'COMPLETED' && existing.response !== undefined) {
    return { kind: 'replay', invoiceId: existing.invoiceId, response: existing.response };
  }
  return { kind: 'resume', invoiceId: existing.invoiceId };
}

/** Stores the answer so replays get it as is. */
export async function completeIdempotentRequest(deps: IdempotencyDeps, requestKey: string, response: { statusCode: number; body: string }): Promise<void> {
  await deps.ddb.send(
    new UpdateCommand({
      TableName: deps.requestsTable,
      Key: { requestKey },
      UpdateExpression: 'SET #status = :completed, #response = :response',
      ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
      ExpressionAttributeValues: { ':completed': 'COMPLETED', ':response': response },
    }),
  );
}

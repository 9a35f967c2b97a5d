import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EmitInvoiceResponse } from '../../contracts/apiResponses';
import type { EmitInvoiceRequest } from '../../contracts/emitInvoiceRequest';
import { documentKeys, InvoiceRecordSchema, type InvoiceRecord } from '../../contracts/invoiceRecord';
import type { EmissionInput } from '../../contracts/workflowInput';
import { mayAccessCompany, requireRole, type Caller } from '../shared/caller';
import { ForbiddenError } from '../shared/errors';
import { executionArnOf } from '../shared/executionArnOf';
import { beginIdempotentRequest, completeIdempotentRequest, fingerprintOf } from '../shared/idempotency';
import { allocateRps } from './allocateRps';

/** What emission talks to. */
export interface EmitDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly sfn: SFNClient;
  readonly invoicesTable: string;
  readonly requestsTable: string;
  readonly docsBucket: string;
  readonly emissionStateMachineArn: string;
  readonly now: () => Date;
  readonly newId: () => string;
  /** Renders the RPS XML the adapter will send (built once, stored at xmlKey). */
  readonly renderRps: (record: InvoiceRecord) => string;
}

/** The answer to `POST /invoices`. */
export interface EmitOutcome {
  readonly statusCode: number;
  readonly body: EmitInvoiceResponse;
}

/**
 * Emits an invoice: record EMITTED, RPS XML in S3, EmissionWorkflow started (name = invoiceId).
 * Every step is idempotent, so a replay with the same Idempotency-Key finishes whatever the first
 * attempt left undone and answers the same.
 */
export async function emitInvoice(deps: EmitDeps, caller: Caller, request: EmitInvoiceRequest, idempotencyKey?: string): Promise<EmitOutcome> {
  requireRole(caller, ['client', 'ops'], 'emit invoices');
  if (!mayAccessCompany(caller, request.companyCnpj)) throw new ForbiddenError(`CNPJ ${request.companyCnpj} is not granted to this caller`);

  let invoiceId = deps.newId();
  // Only a resumed attempt can have left a record behind; a fresh ULID cannot exist yet.
  let resumed = false;
  const requestKey = idempotencyKey !== undefined ? `${caller.principal}#${idempotencyKey}` : undefined;
  if (requestKey !== undefined) {
    const start = await beginIdempotentRequest({ ddb: deps.ddb, requestsTable: deps.requestsTable, now: deps.now }, requestKey, fingerprintOf('POST /invoices', request), invoiceId);
    if (start.kind === 'replay') return { statusCode: start.response.statusCode, body: JSON.parse(start.response.body) as EmitInvoiceResponse };
    invoiceId = start.invoiceId;
    resumed = start.kind === 'resume';
  }

  const record = await findOrCreateRecord(deps, caller, request, invoiceId, resumed);
  await deps.s3.send(new PutObjectCommand({ Bucket: deps.docsBucket, Key: record.xmlKey, Body: deps.renderRps(record), ContentType: 'application/xml' }));
  await startEmission(deps, record);

  const outcome: EmitOutcome = { statusCode: 201, body: { invoiceId: record.invoiceId, status: 'EMITTED', xmlKey: record.xmlKey } };
  if (requestKey !== undefined) {
    await completeIdempotentRequest({ ddb: deps.ddb, requestsTable: deps.requestsTable, now: deps.now }, requestKey, { statusCode: outcome.statusCode, body: JSON.stringify(outcome.body) });
  }
  return outcome;
}

async function findOrCreateRecord(deps: EmitDeps, caller: Caller, request: EmitInvoiceRequest, invoiceId: string, mayExist: boolean): Promise<InvoiceRecord> {
  if (mayExist) {
    const existing = await deps.ddb.send(new GetCommand({ TableName: deps.invoicesTable, Key: { invoiceId }, ConsistentRead: true }));
    if (existing.Item !== undefined) return InvoiceRecordSchema.parse(existing.Item);
  }
  const rps = await allocateRps(deps.ddb, deps.invoicesTable, request.companyCnpj, request.municipalityCode, request.rpsSeries);
  const now = deps.now().toISOString();
  const record: InvoiceRecord = {
    invoiceId,
    companyCnpj: request.companyCnpj,
    municipalityCode: request.municipalityCode,
    total: request.total,
    status: 'EMITTED',
    service: request.service,
    tomador: request.tomador,
    competence: request.competence ?? now.slice(0, 10),
    rps,
    createdAt: now,
    updatedAt: now,
    ...documentKeys(invoiceId),
    createdBy: caller.principal,
    companyCreatedAt: `${now}#${invoiceId}`,
    // The execution is named after the invoice, so its ARN is known before it starts: writing it
    // now spares a second write. Should the start never happen, the sweeper starts that very ARN.
    executionArn: executionArnOf(deps.emissionStateMachineArn, invoiceId),
  };
  try {
    await deps.ddb.send(new PutCommand({ TableName: deps.invoicesTable, Item: record, ConditionExpression: 'attribute_not_exists(invoiceId)' }));
    return record;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // A concurrent replay wrote it first: use theirs (its RPS is the one that counts).
    const raced = await deps.ddb.send(new GetCommand({ TableName: deps.invoicesTable, Key: { invoiceId }, ConsistentRead: true }));
    return InvoiceRecordSchema.parse(raced.Item);
  }
}

/** The workflow's input: no tomador data (execution input is visible in the console). */
export function emissionInputOf(record: InvoiceRecord): EmissionInput {
  return {
    invoiceId: record.invoiceId,
    companyCnpj: record.companyCnpj,
    municipalityCode: record.municipalityCode,
    total: record.total,
    rps: record.rps,
    xmlKey: record.xmlKey,
    nfseXmlKey: record.nfseXmlKey,
    createdAt: record.createdAt,
  };
}

async function startEmission(deps: EmitDeps, record: InvoiceRecord): Promise<void> {
  let executionArn: string;
  try {
    const started = await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.emissionStateMachineArn, name: record.invoiceId, input: JSON.stringify(emissionInputOf(record)) }));
    executionArn = started.executionArn ?? '';
  } catch (error) {
    // Closed already (a replay after it finished): "already started" is what we wanted.
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
    executionArn = executionArnOf(deps.emissionStateMachineArn, record.invoiceId);
  }
  // Only a record written before emission stored the ARN up front lacks it.
  if (record.executionArn === undefined) {
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.invoicesTable,
        Key: { invoiceId: record.invoiceId },
        UpdateExpression: 'SET executionArn = if_not_exists(executionArn, :arn)',
        ExpressionAttributeValues: { ':arn': executionArn },
      }),
    );
  }
}

import { executionNames } from '../../contracts/executionNames';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CancelInvoiceResponse } from '../../contracts/apiResponses';
import type { CancelInvoiceRequest } from '../../contracts/cancelInvoiceRequest';
import type { InvoiceRecord } from '../../contracts/invoiceRecord';
import type { CancellationInput } from '../../contracts/workflowInput';
import type { MunicipalityRegistry } from '../../lib/municipalities/registry';
import { emissionInputOf } from '../emit/emitInvoice';
import type { Caller } from '../shared/caller';
import { ConflictError } from '../shared/errors';
import { beginIdempotentRequest, completeIdempotentRequest, fingerprintOf } from '../shared/idempotency';
import { supportedMunicipality } from '../shared/municipalities';
import { readInvoiceFor } from '../shared/readInvoice';
import { refuseReasonTheCityRefuses } from './cancellationReason';

/** What cancellation talks to. */
export interface CancelDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly invoicesTable: string;
  readonly requestsTable: string;
  readonly cancellationStateMachineArn: string;
  readonly now: () => Date;
  /** Which reason codes (and reason) the invoice's city takes. */
  readonly municipalities: Pick<MunicipalityRegistry, 'get'>;
}

/** The answer to `POST /invoices/{id}/cancel`. */
export interface CancelOutcome {
  readonly statusCode: 202;
  readonly body: CancelInvoiceResponse;
}

/**
 * Starts CancellationWorkflow for an ISSUED invoice (409 otherwise) with a reason its city takes
 * (400 otherwise, before anything is written). Each attempt takes the next number in
 * `cancelAttempts` with a conditional write, so two concurrent requests cannot both start one;
 * the execution is named `{invoiceId}-cancel-{n}`.
 */
export async function cancelInvoice(deps: CancelDeps, caller: Caller, invoiceId: string, request: CancelInvoiceRequest, idempotencyKey?: string): Promise<CancelOutcome> {
  const record = await readInvoiceFor(deps.ddb, deps.invoicesTable, caller, invoiceId);
  refuseReasonTheCityRefuses(supportedMunicipality(deps.municipalities, record.municipalityCode), request);
  const requestKey = idempotencyKey !== undefined ? `${caller.principal}#${idempotencyKey}` : undefined;
  if (requestKey !== undefined) {
    const start = await beginIdempotentRequest({ ddb: deps.ddb, requestsTable: deps.requestsTable, now: deps.now }, requestKey, fingerprintOf(`POST /invoices/${invoiceId}/cancel`, request), invoiceId);
    // Only a 202 is ever stored (refusals throw before completing), so a replay answers 202.
    if (start.kind === 'replay') return { statusCode: 202, body: JSON.parse(start.response.body) as CancelInvoiceResponse };
  }
  const started = await startCancellation(deps, record, request);
  const outcome: CancelOutcome = { statusCode: 202, body: started };
  if (requestKey !== undefined) {
    await completeIdempotentRequest({ ddb: deps.ddb, requestsTable: deps.requestsTable, now: deps.now }, requestKey, { statusCode: outcome.statusCode, body: JSON.stringify(outcome.body) });
  }
  return outcome;
}

/** More to write with the claim of an attempt: an update clause and its values. */
export interface AlsoWrite {
  readonly clause: string;
  readonly values: Record<string, unknown>;
}

/**
 * Starts the next cancellation attempt `{invoiceId}-cancel-{n}` of an ISSUED invoice (409
 * otherwise), claiming `n` with a conditional write that also writes `also` (ops record their
 * retry in the invoice's timeline with it).
 */
export async function startCancellation(deps: Pick<CancelDeps, 'ddb' | 'sfn' | 'invoicesTable' | 'cancellationStateMachineArn' | 'now'>, record: InvoiceRecord, request: CancelInvoiceRequest, also?: AlsoWrite): Promise<CancelInvoiceResponse> {
  const invoiceId = record.invoiceId;
  if (record.status !== 'ISSUED' || record.nfseNumber === undefined) {
    throw new ConflictError('InvoiceNotIssued', `Invoice ${invoiceId} is ${record.status}: only an ISSUED invoice can be cancelled`);
  }
  // A substitution holds it (still ISSUED until SubstitutionWorkflow's first state runs): the city would be asked for both.
  if (record.substitutedBy !== undefined) {
    throw new ConflictError('InvoiceNotIssued', `Invoice ${invoiceId} is ${record.status} and substituted by ${record.substitutedBy}: only an ISSUED invoice can be cancelled`);
  }
  const attempt = (record.cancelAttempts ?? 0) + 1;
  await claimAttempt(deps, record, attempt, also);
  const requestedAt = deps.now().toISOString();
  const input: CancellationInput = {
    ...emissionInputOf(record),
    nfseNumber: record.nfseNumber,
    ...(record.chaveAcesso !== undefined ? { chaveAcesso: record.chaveAcesso } : {}),
    reasonCode: request.reasonCode,
    ...(request.reason !== undefined ? { reason: request.reason } : {}),
    requestedAt,
  };
  const started = await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.cancellationStateMachineArn, name: executionNames.cancellation(invoiceId, attempt), input: JSON.stringify(input) }));
  return { invoiceId, status: 'CANCELLING', executionArn: started.executionArn ?? '' };
}

async function claimAttempt(deps: Pick<CancelDeps, 'ddb' | 'invoicesTable'>, record: InvoiceRecord, attempt: number, also: AlsoWrite | undefined): Promise<void> {
  try {
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.invoicesTable,
        Key: { invoiceId: record.invoiceId },
        UpdateExpression: `SET cancelAttempts = :attempt${also !== undefined ? `, ${also.clause}` : ''}`,
        ConditionExpression: '#status = :issued AND attribute_not_exists(substitutedBy) AND (attribute_not_exists(cancelAttempts) OR cancelAttempts = :previous)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':attempt': attempt, ':previous': attempt - 1, ':issued': 'ISSUED', ...(also?.values ?? {}) },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw new ConflictError('InvoiceNotIssued', `Invoice ${record.invoiceId} is already being cancelled`);
  }
}

import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SubstituteInvoiceResponse } from '../../contracts/apiResponses';
import type { Company } from '../../contracts/company';
import { executionNames } from '../../contracts/executionNames';
import { documentKeys, type InvoiceRecord, type Substitution } from '../../contracts/invoiceRecord';
import type { MunicipalityConfig } from '../../contracts/municipality';
import type { SubstituteInvoiceRequest } from '../../contracts/substituteInvoiceRequest';
import { substitutionProblems, substitutionRulesOf } from '../../contracts/substitutionRules';
import type { SubstitutionInput } from '../../contracts/workflowInput';
import type { MunicipalityRegistry } from '../../lib/municipalities/registry';
import type { Caller } from '../shared/caller';
import { ConflictError, UnprocessableError, ValidationError } from '../shared/errors';
import { executionArnOf } from '../shared/executionArnOf';
import { beginIdempotentRequest, completeIdempotentRequest, fingerprintOf } from '../shared/idempotency';
import { municipalityLabel, supportedMunicipality } from '../shared/municipalities';
import { readInvoiceFor } from '../shared/readInvoice';
import { allocateRps } from './allocateRps';
import { emissionInputOf, refuseNonNumericSeries } from './emitInvoice';
import type { DpsSubstitution } from './dps/buildDpsXml';
import { putInvoiceUnlessRaced } from '../shared/putInvoiceUnlessRaced';
import { readInvoiceRecord } from '../shared/readInvoice';

/** What a substitution talks to. */
export interface SubstituteDeps {
  readonly ddb: DynamoDBDocumentClient;
  /** A plain client (cached middleware) for the RPS counter. */
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly sfn: SFNClient;
  readonly invoicesTable: string;
  readonly requestsTable: string;
  readonly docsBucket: string;
  readonly substitutionStateMachineArn: string;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly companyOf: (cnpj: string) => Promise<Company | undefined>;
  /** Whether (and with which reasons) the invoice's city substitutes. */
  readonly municipalities: Pick<MunicipalityRegistry, 'get'>;
  /** The new invoice's document, as emission renders it; a national DPS carries `substitutes` as its `subst` group. */
  readonly renderDocument: (record: InvoiceRecord, company: Company, municipality: MunicipalityConfig, substitutes?: DpsSubstitution) => string;
}

/** The answer to `POST /invoices/{id}/substitute`. */
export interface SubstituteOutcome {
  readonly statusCode: 202;
  readonly body: SubstituteInvoiceResponse;
}

/**
 * Starts the substitution of an ISSUED invoice by a new one with `request`'s content: refused
 * before anything is written when the city does not substitute (422) or would refuse the reason
 * (400), or the invoice is not ISSUED (409). The old invoice is claimed with a conditional write
 * naming the new one (`substitutedBy`) and the request's fingerprint, so the same content asked
 * again (with or without an Idempotency-Key) answers the same new invoice and finishes whatever
 * the first attempt left undone; other content is a 409 while a substitution holds it.
 */
export async function substituteInvoice(deps: SubstituteDeps, caller: Caller, invoiceId: string, request: SubstituteInvoiceRequest, idempotencyKey?: string): Promise<SubstituteOutcome> {
  const old = await readInvoiceFor(deps.ddb, deps.invoicesTable, caller, invoiceId);
  const municipality = supportedMunicipality(deps.municipalities, old.municipalityCode);
  refuseReasonTheCityRefuses(municipality, request);
  if (municipality.provider === 'nacional') refuseNonNumericSeries(request);
  const fingerprint = fingerprintOf(`POST /invoices/${invoiceId}/substitute`, request);
  // What the invoice is first (409), then whether its city substitutes (422); the same content asked again is answered below.
  if (sameSubstitution(old, fingerprint) === undefined) refuseUnlessIssued(old);
  refuseWhereUnsupported(municipality);
  const requestKey = idempotencyKey !== undefined ? `${caller.principal}#${idempotencyKey}` : undefined;
  let candidate = deps.newId();
  if (requestKey !== undefined) {
    const start = await beginIdempotentRequest({ ddb: deps.ddb, requestsTable: deps.requestsTable, now: deps.now }, requestKey, fingerprint, candidate);
    // Only a 202 is ever stored (refusals throw before completing), so a replay answers 202.
    if (start.kind === 'replay') return { statusCode: 202, body: JSON.parse(start.response.body) as SubstituteInvoiceResponse };
    candidate = start.invoiceId;
  }
  // The prestador of the new document: refused before the old invoice is claimed.
  const company = await deps.companyOf(old.companyCnpj);
  if (company === undefined) {
    throw new UnprocessableError('CompanyNotRegistered', `Company ${old.companyCnpj} has no record: register it with PUT /companies/${old.companyCnpj} before substituting its invoices`, [
      { field: 'companyCnpj', message: `has no company record (PUT /companies/${old.companyCnpj})` },
    ]);
  }
  const newId = await claimOld(deps, old, candidate, request, fingerprint);
  const record = (await readInvoiceRecord(deps.ddb, deps.invoicesTable, newId)) ?? (await putInvoiceUnlessRaced(deps.ddb, deps.invoicesTable, await newRecord(deps, caller, old, newId, request)));
  await putDocument(deps, record, company, municipality, substitutesOf(old, request));
  const executionArn = await start(deps, record, old, request);
  const outcome: SubstituteOutcome = { statusCode: 202, body: { invoiceId: record.invoiceId, status: 'EMITTED', substitutes: invoiceId, xmlKey: record.xmlKey, executionArn } };
  if (requestKey !== undefined) {
    await completeIdempotentRequest({ ddb: deps.ddb, requestsTable: deps.requestsTable, now: deps.now }, requestKey, { statusCode: outcome.statusCode, body: JSON.stringify(outcome.body) });
  }
  return outcome;
}

/**
 * A city whose registry entry does not substitute is refused here rather than failed by the
 * adapter. Where it does, the adapters send the national DPS with `subst` or ABRASF 2.04's
 * `SubstituirNfse`, whichever its provider speaks.
 */
function refuseWhereUnsupported(municipality: MunicipalityConfig): void {
  const { code } = municipality;
  if (!municipality.substitution) {
    throw new UnprocessableError('SubstitutionNotSupported', `${municipalityLabel(municipality)} does not substitute NFS-e: cancel the invoice and emit a new one instead (GET /municipalities/${code} says what the city supports)`, [
      { field: 'municipalityCode', message: `municipality ${code} does not substitute NFS-e (GET /municipalities/${code})` },
    ]);
  }
}

function refuseReasonTheCityRefuses(municipality: MunicipalityConfig, request: SubstituteInvoiceRequest): void {
  const errors = substitutionProblems(municipalityLabel(municipality), substitutionRulesOf(municipality), request);
  if (errors.length > 0) throw new ValidationError(`Invalid request: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors);
}

/**
 * The new invoice's id: `candidate`, claimed on the old invoice with a conditional write, or the
 * one a first attempt with the same content claimed. Anything else holding the old one is a 409
 * naming its status.
 */
async function claimOld(deps: SubstituteDeps, old: InvoiceRecord, candidate: string, request: SubstituteInvoiceRequest, fingerprint: string): Promise<string> {
  const same = sameSubstitution(old, fingerprint);
  if (same !== undefined) return same;
  refuseUnlessIssued(old);
  const substitution: Substitution = { reasonCode: request.reasonCode, ...(request.reason !== undefined ? { reason: request.reason } : {}), requestedAt: deps.now().toISOString() };
  try {
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.invoicesTable,
        Key: { invoiceId: old.invoiceId },
        UpdateExpression: 'SET substitutedBy = :new, substitution = :substitution, substitutionFingerprint = :fingerprint',
        ConditionExpression: '#status = :issued AND attribute_not_exists(substitutedBy)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':new': candidate, ':substitution': substitution, ':fingerprint': fingerprint, ':issued': 'ISSUED' },
      }),
    );
    return candidate;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // A concurrent request won: the same content joins it, other content is told what holds the invoice.
    const now = (await readInvoiceRecord(deps.ddb, deps.invoicesTable, old.invoiceId)) ?? old;
    const joined = sameSubstitution(now, fingerprint);
    if (joined !== undefined) return joined;
    refuseUnlessIssued(now);
    throw new ConflictError('InvoiceNotIssued', `Invoice ${old.invoiceId} is already being substituted`);
  }
}

/** The new invoice of a substitution of `old` asked with the same content, if one holds it. */
function sameSubstitution(old: InvoiceRecord, fingerprint: string): string | undefined {
  return old.substitutedBy !== undefined && old.substitutionFingerprint === fingerprint ? old.substitutedBy : undefined;
}

function refuseUnlessIssued(record: InvoiceRecord): void {
  if (record.substitutedBy !== undefined) {
    throw new ConflictError('InvoiceNotIssued', `Invoice ${record.invoiceId} is ${record.status} and substituted by ${record.substitutedBy}: only an ISSUED invoice can be substituted`);
  }
  if (record.status !== 'ISSUED' || record.nfseNumber === undefined) {
    throw new ConflictError('InvoiceNotIssued', `Invoice ${record.invoiceId} is ${record.status}: only an ISSUED invoice can be substituted`);
  }
}

/** The national `subst` group: the replaced NFS-e's key and the reason. */
function substitutesOf(old: InvoiceRecord, request: SubstituteInvoiceRequest): DpsSubstitution | undefined {
  if (old.chaveAcesso === undefined) return undefined;
  return { chaveAcesso: old.chaveAcesso, reasonCode: request.reasonCode, ...(request.reason !== undefined ? { reason: request.reason } : {}) };
}

/**
 * The new invoice, EMITTED, linked to the old one. It has no `sweepShard`: the emission sweeper
 * must never start a plain emission for it; a replay of the request starts its substitution.
 */
async function newRecord(deps: SubstituteDeps, caller: Caller, old: InvoiceRecord, invoiceId: string, request: SubstituteInvoiceRequest): Promise<InvoiceRecord> {
  const rps = await allocateRps(deps.dynamodb, deps.invoicesTable, old.companyCnpj, old.municipalityCode, request.rpsSeries);
  const now = deps.now().toISOString();
  return {
    invoiceId,
    companyCnpj: old.companyCnpj,
    municipalityCode: old.municipalityCode,
    total: request.total,
    status: 'EMITTED',
    service: request.service,
    tomador: request.tomador,
    competence: request.competence ?? now.slice(0, 10),
    rps,
    ...(old.provider === undefined ? {} : { provider: old.provider }),
    createdAt: now,
    updatedAt: now,
    ...documentKeys(invoiceId),
    substitutes: old.invoiceId,
    substitution: { reasonCode: request.reasonCode, ...(request.reason !== undefined ? { reason: request.reason } : {}), requestedAt: now },
    createdBy: caller.principal,
    companyCreatedAt: `${now}#${invoiceId}`,
    executionArn: executionArnOf(deps.substitutionStateMachineArn, executionNames.substitution(invoiceId)),
  };
}

/** The new invoice's RPS or DPS at its `xmlKey`, unless stored already (the adapter may have replaced it with the signed one). */
async function putDocument(deps: SubstituteDeps, record: InvoiceRecord, company: Company, municipality: MunicipalityConfig, substitutes: DpsSubstitution | undefined): Promise<void> {
  try {
    await deps.s3.send(new PutObjectCommand({ Bucket: deps.docsBucket, Key: record.xmlKey, Body: deps.renderDocument(record, company, municipality, substitutes), ContentType: 'application/xml', IfNoneMatch: '*' }));
  } catch (error) {
    const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
    if (status !== 412 && status !== 409) throw error;
  }
}

/** Starts SubstitutionWorkflow `{newId}-subst`; one started before (a replay) is the one wanted. */
async function start(deps: SubstituteDeps, record: InvoiceRecord, old: InvoiceRecord, request: SubstituteInvoiceRequest): Promise<string> {
  const name = executionNames.substitution(record.invoiceId);
  const nfseNumber = old.nfseNumber ?? '';
  const input: SubstitutionInput = {
    ...emissionInputOf(record),
    replaced: {
      ...emissionInputOf(old),
      nfseNumber,
      ...(old.chaveAcesso !== undefined ? { chaveAcesso: old.chaveAcesso } : {}),
      ...(old.verificationCode !== undefined ? { verificationCode: old.verificationCode } : {}),
      ...(old.processedAt !== undefined ? { processedAt: old.processedAt } : {}),
    },
    reasonCode: request.reasonCode,
    ...(request.reason !== undefined ? { reason: request.reason } : {}),
    requestedAt: record.substitution?.requestedAt ?? record.createdAt,
  };
  try {
    const started = await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.substitutionStateMachineArn, name, input: JSON.stringify(input) }));
    return started.executionArn ?? executionArnOf(deps.substitutionStateMachineArn, name);
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return executionArnOf(deps.substitutionStateMachineArn, name);
    throw error;
  }
}

import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { EmitInvoiceResponse } from '../../contracts/apiResponses';
import type { Company } from '../../contracts/company';
import type { EmitInvoiceRequest } from '../../contracts/emitInvoiceRequest';
import { certificateRequired, type MunicipalityConfig } from '../../contracts/municipality';
import type { InvoiceRecord } from '../../contracts/invoiceRecord';
import type { EmissionInput } from '../../contracts/workflowInput';
import { certificateStatusOf } from '../../lib/certificates/certificateStatus';
import type { MunicipalityRegistry } from '../../lib/municipalities/registry';
import { mayAccessCompany, type Caller } from '../shared/caller';
import { ForbiddenError, UnprocessableError, ValidationError } from '../shared/errors';
import { executionArnOf } from '../shared/executionArnOf';
import { invoiceBookkeeping } from '../shared/invoiceBookkeeping';
import { beginIdempotentRequest, completeIdempotentRequest, fingerprintOf } from '../shared/idempotency';
import { logger } from '../shared/logger';
import { municipalityLabel, supportedMunicipality } from '../shared/municipalities';
import { allocateRps } from './allocateRps';
import { refuseUnmetRequirements } from './cityRequirements';
import { startEmission } from './startEmission';
import type { StartQueue } from '../shared/startOrDefer';
import { putInvoiceUnlessRaced } from '../shared/putInvoiceUnlessRaced';
import { readInvoiceRecord } from '../shared/readInvoice';

/** What emission talks to. */
export interface EmitDeps {
  readonly ddb: DynamoDBDocumentClient;
  /** The same tables through a plain client, for the two writes every POST makes (the RPS counter, the record): see `AwsClients.dynamodb`. */
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly sfn: SFNClient;
  readonly invoicesTable: string;
  readonly requestsTable: string;
  readonly docsBucket: string;
  readonly emissionStateMachineArn: string;
  readonly now: () => Date;
  readonly newId: () => string;
  /** The company (prestador) record of a CNPJ, or undefined when it has none; `fresh` reads past any cache. */
  readonly companyOf: (cnpj: string, options?: { readonly fresh?: boolean }) => Promise<Company | undefined>;
  /** The municipalities the adapters serve (the same registry): another is refused before anything is written; which system, hence which document, an invoice's city takes. */
  readonly municipalities: Pick<MunicipalityRegistry, 'get'>;
  /**
   * Renders the document the adapter will send (built once, stored at xmlKey), its prestador from
   * the company: the ABRASF RPS, or the national DPS where the city's provider is `nacional`.
   */
  readonly renderRps: (record: InvoiceRecord, company: Company, municipality: MunicipalityConfig) => string;
  /**
   * Where a start refused by the StartExecution quota waits for capacity (`START_QUEUE_URL`).
   * @default none: such an invoice stays EMITTED and the sweeper starts it within minutes
   */
  readonly startQueue?: StartQueue;
}

/** The answer to `POST /invoices`. */
export interface EmitOutcome {
  readonly statusCode: 201;
  readonly body: EmitInvoiceResponse;
}

/**
 * Emits an invoice: record EMITTED, RPS XML in S3, EmissionWorkflow started (name = invoiceId), or
 * its start queued when Step Functions throttles it: either way the invoice is durably on its way.
 * Every step is idempotent, so a replay with the same Idempotency-Key finishes whatever the first
 * attempt left undone and answers the same.
 */
export async function emitInvoice(deps: EmitDeps, caller: Caller, request: EmitInvoiceRequest, idempotencyKey?: string): Promise<EmitOutcome> {
  if (!mayAccessCompany(caller, request.companyCnpj)) throw new ForbiddenError(`CNPJ ${request.companyCnpj} is not granted to this caller`);
  // A city no adapter serves, or a company it would refuse, is refused now rather than failed in the adapter later.
  const municipality = supportedMunicipality(deps.municipalities, request.municipalityCode);
  // The prestador comes from the company record: refused now rather than failed in the city later.
  let company = await deps.companyOf(request.companyCnpj);
  if (company === undefined) {
    throw new UnprocessableError('CompanyNotRegistered', `Company ${request.companyCnpj} has no record: register it with PUT /companies/${request.companyCnpj} before emitting its invoices`, [
      { field: 'companyCnpj', message: `has no company record (PUT /companies/${request.companyCnpj})` },
    ]);
  }
  // A certificate uploaded seconds ago lifts the refusal at once, whatever a cached record says.
  if (certificateRefusal(company, municipality, deps.now())) company = (await deps.companyOf(request.companyCnpj, { fresh: true })) ?? company;
  refuseUnmetRequirements(company, municipality);
  refuseExpiredCertificate(company, deps.now());
  refuseWithoutCertificate(company, municipality);
  if (municipality.provider === 'nacional') refuseNonNumericSeries(request);

  let invoiceId = deps.newId();
  // Only a resumed attempt can have left a record behind; a fresh ULID cannot exist yet.
  let resumed = false;
  const requestKey = idempotencyKey !== undefined ? `${caller.principal}#${idempotencyKey}` : undefined;
  if (requestKey !== undefined) {
    const start = await beginIdempotentRequest({ ddb: deps.ddb, requestsTable: deps.requestsTable, now: deps.now }, requestKey, fingerprintOf('POST /invoices', request), invoiceId);
    // Only a 201 is ever stored (refusals throw before completing), so a replay answers 201.
    if (start.kind === 'replay') return { statusCode: 201, body: JSON.parse(start.response.body) as EmitInvoiceResponse };
    invoiceId = start.invoiceId;
    resumed = start.kind === 'resume';
  }
  // The execution is named after the invoice: both are known before anything is written.
  logger.appendKeys({ invoiceId, executionArn: executionArnOf(deps.emissionStateMachineArn, invoiceId) });

  const record = resumed ? await resumeRecord(deps, caller, request, invoiceId, company, municipality) : await createRecord(deps, caller, request, invoiceId, company, municipality);
  await startRecord(deps, record);

  const outcome: EmitOutcome = { statusCode: 201, body: { invoiceId: record.invoiceId, status: 'EMITTED', xmlKey: record.xmlKey } };
  if (requestKey !== undefined) {
    await completeIdempotentRequest({ ddb: deps.ddb, requestsTable: deps.requestsTable, now: deps.now }, requestKey, { statusCode: outcome.statusCode, body: JSON.stringify(outcome.body) });
  }
  return outcome;
}

/**
 * An expired A1 certificate cannot sign the RPS nor open the city's mutual TLS: refused now, by its
 * `notAfter` rather than the status the daily check last recorded. A company with no certificate
 * goes on (whether its city requires one is the municipality registry's call).
 */
function refuseExpiredCertificate(company: Company, now: Date): void {
  const { certificate, cnpj } = company;
  if (certificate === undefined || certificateStatusOf(certificate.metadata, now) !== 'expired') return;
  const { notAfter } = certificate.metadata;
  throw new UnprocessableError('CertificateExpired', `The A1 certificate of company ${cnpj} expired on ${notAfter}: upload a valid one with PUT /companies/${cnpj}/certificate before emitting its invoices`, [
    { field: 'companyCnpj', message: `its A1 certificate expired on ${notAfter} (PUT /companies/${cnpj}/certificate)` },
  ]);
}

/** Whether the company's certificate (expired, or missing where the city requires one) refuses this emission. */
function certificateRefusal(company: Company, municipality: MunicipalityConfig, now: Date): boolean {
  const { certificate } = company;
  if (certificate === undefined) return certificateRequired(municipality);
  return certificateStatusOf(certificate.metadata, now) === 'expired';
}

/**
 * A city that requires a signature or mutual TLS (`certificateRequired`) cannot be served without
 * the company's A1 certificate: refused now with a 422 naming `certificate`, rather than failed by
 * the adapter later (Provider.CertificateMissing), which it still is should the certificate go
 * missing in between.
 */
function refuseWithoutCertificate(company: Company, municipality: MunicipalityConfig): void {
  if (!certificateRequired(municipality) || company.certificate !== undefined) return;
  const { cnpj } = company;
  const needs = [municipality.signing.elements.length > 0 ? 'signs every RPS' : undefined, municipality.mtls ? 'requires mutual TLS' : undefined].filter((need) => need !== undefined).join(' and ');
  throw new UnprocessableError('CertificateRequired', `${municipalityLabel(municipality)} ${needs} with the company's A1 certificate, and company ${cnpj} has none: upload it with PUT /companies/${cnpj}/certificate before emitting its invoices there`, [
    { field: 'certificate', message: `company ${cnpj} has no A1 certificate, which municipality ${municipality.code} requires (PUT /companies/${cnpj}/certificate)` },
  ]);
}

/**
 * The national DPS numbers its série with up to 5 digits (TSSerieDPS): a series with letters
 * could never be sent there, so it is refused (400 naming rpsSeries) before a number is spent.
 */
export function refuseNonNumericSeries(request: Pick<EmitInvoiceRequest, 'rpsSeries'>): void {
  if (/^\d{1,5}$/.test(request.rpsSeries)) return;
  throw new ValidationError(`Invalid request: rpsSeries must be 1-5 digits for a municipality on the national system (NFS-e Nacional), got "${request.rpsSeries}"`, [
    { field: 'rpsSeries', message: 'must be 1-5 digits for a municipality on the national system (NFS-e Nacional)' },
  ]);
}

/**
 * A fresh invoice: its id was just drawn, so no record can exist and nothing can race for it;
 * the record and its RPS XML are written side by side.
 */
async function createRecord(deps: EmitDeps, caller: Caller, request: EmitInvoiceRequest, invoiceId: string, company: Company, municipality: MunicipalityConfig): Promise<InvoiceRecord> {
  const record = await newRecord(deps, caller, request, invoiceId, municipality);
  // Marshalled as the DocumentClient marshalls (`removeUndefinedValues`, see AwsClients.ddb).
  const item = marshall(record, { removeUndefinedValues: true });
  await Promise.all([deps.dynamodb.send(new PutItemCommand({ TableName: deps.invoicesTable, Item: item, ConditionExpression: 'attribute_not_exists(invoiceId)' })), putRpsXml(deps, record, company, municipality)]);
  return record;
}

/**
 * A replayed request (same Idempotency-Key): the first attempt, or a concurrent replay, may have
 * written the record already; whichever record won is the one whose RPS XML is stored. An RPS
 * already stored is kept: once the workflow runs, the adapter replaces it with the signed one it
 * sends, which a rebuilt unsigned copy must never overwrite.
 */
async function resumeRecord(deps: EmitDeps, caller: Caller, request: EmitInvoiceRequest, invoiceId: string, company: Company, municipality: MunicipalityConfig): Promise<InvoiceRecord> {
  const record = (await readInvoiceRecord(deps.ddb, deps.invoicesTable, invoiceId)) ?? (await putInvoiceUnlessRaced(deps.ddb, deps.invoicesTable, await newRecord(deps, caller, request, invoiceId, municipality)));
  await putRpsXml(deps, record, company, municipality, { unlessStored: true });
  return record;
}

/**
 * Stores the RPS at its `xmlKey`; `unlessStored` makes it a conditional write (`If-None-Match: *`)
 * that leaves an object already there untouched: atomic in S3, and within `s3:PutObject` (a
 * HeadObject would need `s3:ListBucket` to tell a missing object, 404, from a forbidden one, 403).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
async function putRpsXml(deps: EmitDeps, record: InvoiceRecord, company: Company, municipality: MunicipalityConfig, options: { readonly unlessStored?: boolean } = {}): Promise<void> {
  try {
    await deps.s3.send(new PutObjectCommand({ Bucket: deps.docsBucket, Key: record.xmlKey, Body: deps.renderRps(record, company, municipality), ContentType: 'application/xml', ...(options.unlessStored === true ? { IfNoneMatch: '*' } : {}) }));
  } catch (error) {
    // 412: it is there; 409: another write of it is under way (S3's ConditionalRequestConflict).
    const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
    if (options.unlessStored !== true || (status !== 412 && status !== 409)) throw error;
  }
}

/** A new EMITTED record with the next RPS number of its (cnpj, municipality, series). */
async function newRecord(deps: EmitDeps, caller: Caller, request: EmitInvoiceRequest, invoiceId: string, municipality: MunicipalityConfig): Promise<InvoiceRecord> {
  const rps = await allocateRps(deps.dynamodb, deps.invoicesTable, request.companyCnpj, request.municipalityCode, request.rpsSeries);
  const now = deps.now().toISOString();
  return {
    invoiceId,
    companyCnpj: request.companyCnpj,
    municipalityCode: request.municipalityCode,
    total: request.total,
    status: 'EMITTED',
    service: request.service,
    tomador: request.tomador,
    competence: request.competence ?? now.slice(0, 10),
    rps,
    provider: municipality.provider,
    createdBy: caller.principal,
    ...invoiceBookkeeping(invoiceId, now, deps.emissionStateMachineArn),
  };
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
    ...(record.provider === undefined ? {} : { provider: record.provider }),
  };
}

/** Starts the workflow, or queues its start past the quota; stores the ARN where the record lacks it. */
async function startRecord(deps: EmitDeps, record: InvoiceRecord): Promise<void> {
  const outcome = await startEmission(deps.sfn, deps.emissionStateMachineArn, emissionInputOf(record), deps.startQueue);
  if (outcome.kind === 'deferred') logger.warn('StartExecution throttled: the start waits in the start queue');
  // Only a record written before emission stored the ARN up front lacks it.
  if (record.executionArn === undefined) {
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.invoicesTable,
        Key: { invoiceId: record.invoiceId },
        UpdateExpression: 'SET executionArn = if_not_exists(executionArn, :arn)',
        ExpressionAttributeValues: { ':arn': outcome.executionArn },
      }),
    );
  }
}

import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Company } from '../../contracts/company';
import { executionNames } from '../../contracts/executionNames';
import { correctedXmlKey, type InvoiceRecord } from '../../contracts/invoiceRecord';
import type { CorrectedInvoice, CorrectInvoiceRequest } from '../../contracts/ops';
import { PERMANENT_ERRORS } from '../../contracts/providerErrors';
import { allocateRps } from '../emit/allocateRps';
import { emissionInputOf } from '../emit/emitInvoice';
import type { MunicipalityRegistry } from '../../lib/municipalities/registry';
import { ConflictError, UnprocessableError } from '../shared/errors';
import { supportedMunicipality } from '../shared/municipalities';
import { scanFailures, type FailuresQueueDeps } from './failuresQueue';
import { appendOpsAction } from './opsActions';
import { readRecord, refuseSubstitution, type ReprocessDeps } from './reprocessInvoice';

/** What a correction talks to. */
export interface CorrectDeps extends ReprocessDeps, FailuresQueueDeps {
  /** A plain client (cached middleware) for the RPS counter. */
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly docsBucket: string;
  /** The company (prestador) record of a CNPJ, or undefined when it has none. */
  readonly companyOf: (cnpj: string) => Promise<Company | undefined>;
  /** The municipalities served: a correction may move the invoice to another city. */
  readonly municipalities: Pick<MunicipalityRegistry, 'get'>;
  /** Renders the RPS XML, as emission does. */
  readonly renderRps: (record: InvoiceRecord, company: Company) => string;
}

/**
 * Corrects an invoice the city refused and re-emits it: the fields given replace the record's,
 * a new RPS number is allocated as emission allocates one (the old one is kept as replaced and
 * never sent again with other content: it may have reached the city), the new RPS XML is stored
 * beside the old one, and a new EmissionWorkflow `{id}-r{n}` starts. Only for an invoice FAILED
 * with a permanent error; after an ambiguous one the city may hold an NFS-e for that RPS. The
 * invoice's failures leave the queue, and the correction lands in its timeline.
 */
export async function correctInvoice(deps: CorrectDeps, invoiceId: string, request: CorrectInvoiceRequest, operator: string): Promise<CorrectedInvoice> {
  const record = await readRecord(deps, invoiceId);
  if (record.status !== 'FAILED') throw new ConflictError('InvoiceNotFailed', `Invoice ${invoiceId} is ${record.status}: only a FAILED invoice can be corrected`);
  refuseSubstitution(record, 'corrected');
  const kind = record.error?.kind;
  if (kind === undefined || !PERMANENT_ERRORS.has(kind)) {
    throw new ConflictError(
      'NotCorrectable',
      `Invoice ${invoiceId} failed with ${kind ?? record.error?.code ?? 'an error of unknown kind'}: the city may have issued it under RPS ${record.rps.serie}/${record.rps.numero}, which is never sent again with other content; reprocess it (the adapter consults the city first) or dismiss it`,
    );
  }
  const company = await deps.companyOf(record.companyCnpj);
  if (company === undefined) throw new UnprocessableError('CompanyNotRegistered', `Company ${record.companyCnpj} has no record: register it with PUT /companies/${record.companyCnpj} before correcting its invoices`);

  const { rpsSeries, ...fields } = request.changes;
  supportedMunicipality(deps.municipalities, fields.municipalityCode ?? record.municipalityCode);
  const changed = Object.keys(request.changes).filter((field) => request.changes[field as keyof typeof request.changes] !== undefined);
  const rps = await allocateRps(deps.dynamodb, deps.invoicesTable, record.companyCnpj, fields.municipalityCode ?? record.municipalityCode, rpsSeries ?? record.rps.serie);
  const attempt = (record.reprocessCount ?? 0) + 1;
  const executionName = executionNames.reprocess(invoiceId, attempt);
  const now = deps.now().toISOString();
  const corrected: InvoiceRecord = { ...record, ...definedOnly(fields), rps, xmlKey: correctedXmlKey(invoiceId, rps), updatedAt: now, reprocessCount: attempt };
  // Written first, under a key of its own: a correction that loses the race below leaves an unused file, never a changed one.
  await deps.s3.send(new PutObjectCommand({ Bucket: deps.docsBucket, Key: corrected.xmlKey, Body: deps.renderRps(corrected, company), ContentType: 'application/xml' }));
  await writeCorrection(deps, record, corrected, { action: 'corrected', at: now, by: operator, reason: request.reason, fields: changed, replacedRps: record.rps, rps, executionName });
  const started = await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.emissionStateMachineArn, name: executionName, input: JSON.stringify(emissionInputOf(corrected)) }));
  await scanFailures(deps, async (failure) => (failure.invoiceId === invoiceId ? 'delete' : 'keep'));
  return { invoiceId, executionArn: started.executionArn ?? '', rps, replacedRps: record.rps };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/**
 * The corrected fields, the new RPS (the old one appended to `replacedRps`), the re-emission's
 * number and the timeline entry, in one write conditional on the record being as read: FAILED,
 * with the same RPS and attempt. Two operators correcting at once: one wins, the other gets 409.
 */
async function writeCorrection(deps: CorrectDeps, record: InvoiceRecord, corrected: InvoiceRecord, action: Parameters<typeof appendOpsAction>[0]): Promise<void> {
  const timeline = appendOpsAction(action);
  try {
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.invoicesTable,
        Key: { invoiceId: record.invoiceId },
        UpdateExpression: `SET #municipalityCode = :municipalityCode, #total = :total, #service = :service, #tomador = :tomador, #competence = :competence, #rps = :rps, #xmlKey = :xmlKey, #updatedAt = :now, #reprocessCount = :attempt, #replacedRps = list_append(if_not_exists(#replacedRps, :noneReplaced), :replaced), ${timeline.clause}`,
        ConditionExpression: '#status = :failed AND #rps.#numero = :oldNumero AND #rps.#serie = :oldSerie AND (attribute_not_exists(#reprocessCount) OR #reprocessCount = :previous)',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#municipalityCode': 'municipalityCode',
          '#total': 'total',
          '#service': 'service',
          '#tomador': 'tomador',
          '#competence': 'competence',
          '#rps': 'rps',
          '#numero': 'numero',
          '#serie': 'serie',
          '#xmlKey': 'xmlKey',
          '#updatedAt': 'updatedAt',
          '#reprocessCount': 'reprocessCount',
          '#replacedRps': 'replacedRps',
        },
        ExpressionAttributeValues: {
          ':municipalityCode': corrected.municipalityCode,
          ':total': corrected.total,
          ':service': corrected.service,
          ':tomador': corrected.tomador,
          ':competence': corrected.competence,
          ':rps': corrected.rps,
          ':xmlKey': corrected.xmlKey,
          ':now': corrected.updatedAt,
          ':attempt': corrected.reprocessCount,
          ':noneReplaced': [],
          ':replaced': [{ ...record.rps, municipalityCode: record.municipalityCode, replacedAt: corrected.updatedAt }],
          ':failed': 'FAILED',
          ':oldNumero': record.rps.numero,
          ':oldSerie': record.rps.serie,
          ':previous': record.reprocessCount ?? 0,
          ...timeline.values,
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConflictError('InvoiceNotFailed', `Invoice ${record.invoiceId} is already being reprocessed or corrected`);
    throw error;
  }
}

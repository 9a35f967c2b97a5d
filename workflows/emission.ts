import { INVOICE_EVENT_TYPES } from '../contracts/invoiceEvents';
import type { InvoiceError } from '../contracts/invoiceRecord';
import { PROVIDER_ERRORS, WORKFLOW_ERRORS } from '../contracts/providerErrors';
import type { EmitProviderRequest } from '../contracts/providerRequest';
import type { EmissionOutput } from '../contracts/workflowInput';
import { defineWorkflow } from './asl/defineWorkflow';
import { jsonataObject, type JsonataFields } from './asl/jsonataObject';
import type { Retrier, StateMachineDefinition } from './asl/types';
import { askTheCity, CITY_CALL_HEARTBEAT_SECONDS } from './steps/askTheCity';
import { catchInto } from './steps/captureError';
import { INVOICE_EVENT_COMMON, publishEvent } from './steps/publishEvent';
import { reportInvoice } from './steps/reportInvoice';
import { PROVIDER_RETRY } from './steps/retryPolicies';
import { routeFailure } from './steps/routeFailure';
import { updateStatus } from './steps/updateStatus';
import { errorAttribute, FAILED_EVENT_DETAIL, FAILED_ROW } from './steps/invoiceFailure';

/** Options of {@link emissionWorkflow}. */
export interface EmissionWorkflowOptions {
  /**
   * HeartbeatSeconds of the city calls. Its clock starts when the message is queued, so it also
   * times the wait for a free adapter: 60 s (the adapter heartbeats every 20 s) timed out tasks no
   * adapter had held yet behind a backlog or while adapters scaled from 0, and each retry went to
   * the back of the queue until the invoice FAILED (bench:chaos found it). 300 s still gives up
   * on a queue nobody serves long before `timeoutSeconds`; a crashed adapter is covered sooner
   * anyway: SQS redelivers its message (same task token) and the next adapter consults by RPS.
   * @default 300
   */
  readonly heartbeatSeconds?: number;
  /** The longest one city call may take, queue wait included. @default 900 */
  readonly timeoutSeconds?: number;
  /** Between consultations of an asynchronous city. @default 15 */
  readonly pollIntervalSeconds?: number;
  /** Consultations before the invoice fails as Provider.Ambiguous. @default 40 */
  readonly maxPolls?: number;
  /** @default PROVIDER_RETRY */
  readonly providerRetry?: Retrier;
}

/** Errors that end an issuance attempt: caught only once their retries are spent. */
const PROVIDER_FAILURES = [PROVIDER_ERRORS.Rejected, PROVIDER_ERRORS.DeadLettered, PROVIDER_ERRORS.Mismatch, PROVIDER_ERRORS.CertificateMissing, PROVIDER_ERRORS.Transient, PROVIDER_ERRORS.Ambiguous, 'States.Timeout'];

/** The invoice's documents in an emit or consult request: what the adapter sends and where it stores the answer. */
const INVOICE_DOCUMENTS: JsonataFields<EmitProviderRequest['invoice']> = { total: '$invoice.total', xmlKey: '$invoice.xmlKey', nfseXmlKey: '$invoice.nfseXmlKey' };

/**
 * EmissionWorkflow: an invoice from EMITTED to ISSUED (or FAILED, routed to ops). Retries,
 * backoff and transitions live here, visible in the console; infrastructure failures past their
 * retries stay uncaught so the execution fails at that state and can be redriven.
 */
export function emissionWorkflow(overrides: EmissionWorkflowOptions = {}): StateMachineDefinition {
  const options: Required<EmissionWorkflowOptions> = {
    heartbeatSeconds: overrides.heartbeatSeconds ?? CITY_CALL_HEARTBEAT_SECONDS,
    timeoutSeconds: overrides.timeoutSeconds ?? 900,
    pollIntervalSeconds: overrides.pollIntervalSeconds ?? 15,
    maxPolls: overrides.maxPolls ?? 40,
    providerRetry: overrides.providerRetry ?? PROVIDER_RETRY,
  };
  const cityCall = { heartbeatSeconds: options.heartbeatSeconds, timeoutSeconds: options.timeoutSeconds, retry: options.providerRetry };
  return defineWorkflow({
    Comment: 'Issues one NFS-e: EMITTED → PROCESSING → ISSUED | FAILED.',
    QueryLanguage: 'JSONata',
    StartAt: 'MarkProcessing',
    States: {
      MarkProcessing: updateStatus({
        comment: 'Claim the invoice (also from FAILED, on reprocess; PROCESSING again on redrive); it leaves the sweeper’s index.',
        transition: 'MarkProcessing',
        target: 'PROCESSING',
        invoiceId: '{% $states.input.invoiceId %}',
        set: { executionArn: { S: '{% $states.context.Execution.Id %}' } },
        remove: ['sweepShard'],
        assign: { invoice: '{% $states.input %}', polls: 0, protocol: null },
        next: 'RequestIssuance',
      }),
      RequestIssuance: askTheCity({
        ...cityCall,
        comment: 'Queue the RPS for an adapter and wait for its answer (task token).',
        request: { kind: '"emit"', invoice: INVOICE_DOCUMENTS },
        catchers: [catchInto(PROVIDER_FAILURES, 'MarkFailed')],
        next: 'CheckOutcome',
      }),
      CheckOutcome: {
        Type: 'Choice',
        Comment: 'Issued, or accepted by an asynchronous city and still to be consulted.',
        Choices: [
          { Condition: '{% $result.outcome = "issued" %}', Next: 'MarkIssued' },
          { Condition: `{% $result.outcome = "accepted" and $polls < ${options.maxPolls} %}`, Next: 'WaitForCity', Assign: { protocol: '{% $result.protocol %}' } },
        ],
        Default: 'CityNeverAnswered',
      },
      WaitForCity: {
        Type: 'Wait',
        Comment: 'Give the asynchronous city time to process the batch.',
        Seconds: options.pollIntervalSeconds,
        Assign: { polls: '{% $polls + 1 %}' },
        Next: 'ConsultBatch',
      },
      ConsultBatch: askTheCity({
        ...cityCall,
        comment: 'Ask the city how the batch went (ConsultarLoteRps).',
        request: { kind: '"consult"', protocol: '$protocol', invoice: INVOICE_DOCUMENTS },
        catchers: [catchInto(PROVIDER_FAILURES, 'MarkFailed')],
        next: 'CheckOutcome',
      }),
      CityNeverAnswered: {
        Type: 'Pass',
        Comment: 'The city kept the batch unprocessed past every consultation.',
        Assign: {
          error: `{% ${jsonataObject<InvoiceError>({
            code: `"${PROVIDER_ERRORS.Ambiguous}"`,
            message: `"the city accepted the batch (protocol " & $protocol & ") but had not processed it after ${options.maxPolls} consultations"`,
            kind: `"${PROVIDER_ERRORS.Ambiguous}"`,
          })} %}`,
        },
        Next: 'MarkFailed',
      },
      MarkIssued: updateStatus({
        comment: 'Record the NFS-e (condition: PROCESSING or already ISSUED).',
        transition: 'MarkIssued',
        target: 'ISSUED',
        set: {
          processedAt: { S: '{% $result.issuedAt %}' },
          nfseNumber: { S: '{% $result.nfseNumber %}' },
          verificationCode: { S: '{% $result.verificationCode %}' },
          providerProtocol: '{% $result.protocol ? {"S": $result.protocol} : ($protocol ? {"S": $protocol} : {"NULL": true}) %}',
          chaveAcesso: '{% $result.chaveAcesso ? {"S": $result.chaveAcesso} : {"NULL": true} %}',
          danfseKey: '{% $result.danfseKey ? {"S": $result.danfseKey} : {"NULL": true} %}',
        },
        remove: ['error'],
        next: 'ReportIssued',
      }),
      ReportIssued: reportInvoice({
        comment: 'Mirror the invoice into Aurora (nfse.invoices) through the Data API.',
        row: {
          status: '"ISSUED"',
          provider_protocol: '($result.protocol ? $result.protocol : $protocol)',
          nfse_number: '$result.nfseNumber',
          verification_code: '$result.verificationCode',
          chave_acesso: '$result.chaveAcesso',
          processed_at: '$result.issuedAt',
          error: 'null',
        },
        next: 'PublishIssued',
      }),
      PublishIssued: publishEvent({
        detailType: INVOICE_EVENT_TYPES.Issued,
        detail: {
          ...INVOICE_EVENT_COMMON,
          nfseNumber: '$result.nfseNumber',
          verificationCode: '$result.verificationCode',
          issuedAt: '$result.issuedAt',
        },
        next: 'Issued',
      }),
      Issued: {
        Type: 'Succeed',
        Output: `{% ${jsonataObject<EmissionOutput>({
          invoiceId: '$invoice.invoiceId',
          status: '"ISSUED"',
          nfseNumber: '$result.nfseNumber',
          verificationCode: '$result.verificationCode',
        })} %}`,
      },
      MarkFailed: updateStatus({
        comment: 'Record why it failed (the city’s code and message when it said no).',
        transition: 'MarkFailed',
        target: 'FAILED',
        set: {
          processedAt: { S: '{% $now() %}' },
          error: errorAttribute(),
        },
        next: 'ReportFailed',
      }),
      ReportFailed: reportInvoice({
        comment: 'Mirror the failure into Aurora.',
        row: FAILED_ROW,
        next: 'RouteFailure',
      }),
      RouteFailure: routeFailure({ workflow: 'emission', next: 'PublishFailed' }),
      PublishFailed: publishEvent({
        detailType: INVOICE_EVENT_TYPES.Failed,
        detail: FAILED_EVENT_DETAIL,
        next: 'InvoiceFailed',
      }),
      InvoiceFailed: {
        Type: 'Fail',
        Error: WORKFLOW_ERRORS.InvoiceFailed,
        Cause: '{% $error.code & ": " & $error.message %}',
      },
    },
  });
}

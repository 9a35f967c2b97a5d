import { INVOICE_EVENT_TYPES } from '../contracts/invoiceEvents';
import type { InvoiceError } from '../contracts/invoiceRecord';
import { PROVIDER_ERRORS, WORKFLOW_ERRORS } from '../contracts/providerErrors';
import type { SubstituteProviderRequest } from '../contracts/providerRequest';
import type { SubstitutionOutput } from '../contracts/workflowInput';
import { defineWorkflow } from './asl/defineWorkflow';
import { jsonataObject, type JsonataFields } from './asl/jsonataObject';
import type { Retrier, StateMachineDefinition } from './asl/types';
import { askTheCity, CITY_CALL_HEARTBEAT_SECONDS } from './steps/askTheCity';
import { catchInto } from './steps/captureError';
import { INVOICE_EVENT_COMMON, publishEvent } from './steps/publishEvent';
import { reportInvoice, type ReportRow } from './steps/reportInvoice';
import { PROVIDER_RETRY } from './steps/retryPolicies';
import { updateStatus } from './steps/updateStatus';
import { errorAttribute, FAILED_EVENT_DETAIL, FAILED_ROW } from './steps/invoiceFailure';

/** Options of {@link substitutionWorkflow}. */
export interface SubstitutionWorkflowOptions {
  /** HeartbeatSeconds of the city call, as in emission (`EmissionWorkflowOptions`). @default 300 */
  readonly heartbeatSeconds?: number;
  /** @default 900 */
  readonly timeoutSeconds?: number;
  /** @default PROVIDER_RETRY */
  readonly providerRetry?: Retrier;
}

/** Errors that end the substitution attempt: caught only once their retries are spent. */
const SUBSTITUTION_FAILURES = [PROVIDER_ERRORS.Rejected, PROVIDER_ERRORS.DeadLettered, PROVIDER_ERRORS.Mismatch, PROVIDER_ERRORS.CertificateMissing, PROVIDER_ERRORS.Transient, PROVIDER_ERRORS.Ambiguous, 'States.Timeout'];

/** The new invoice's documents: what the adapter sends and where it stores the city's answer. */
const INVOICE_DOCUMENTS: JsonataFields<SubstituteProviderRequest['invoice']> = { total: '$invoice.total', xmlKey: '$invoice.xmlKey', nfseXmlKey: '$invoice.nfseXmlKey' };

/** The replaced invoice's row of `nfse.invoices`, as it was issued: only its status changes. */
const REPLACED_ROW: Omit<ReportRow, 'status'> = {
  invoice_id: '$replaced.invoiceId',
  company_cnpj: '$replaced.companyCnpj',
  municipality_code: '$replaced.municipalityCode',
  total: '$replaced.total',
  xml_key: '$replaced.xmlKey',
  nfse_xml_key: '$replaced.nfseXmlKey',
  provider_protocol: 'null',
  nfse_number: '$replaced.nfseNumber',
  verification_code: '$replaced.verificationCode',
  rps_serie: '$replaced.rps.serie',
  rps_numero: '$replaced.rps.numero',
  created_at: '$replaced.createdAt',
  processed_at: '$replaced.processedAt',
  cancelled_at: 'null',
  error: 'null',
  provider: '$replaced.provider',
  chave_acesso: '$replaced.chaveAcesso',
};

/**
 * SubstitutionWorkflow: a new invoice replaces an ISSUED one. The old one is claimed
 * (ISSUED → SUBSTITUTING), the new one goes PROCESSING → ISSUED through the city's substitution
 * (the national DPS with `subst`, ABRASF `SubstituirNfse`), then the old one is SUBSTITUTED and
 * `InvoiceSubstituted` published. When the city refuses, the new invoice is FAILED and the old one
 * stays ISSUED with the city's error. The city call is an emission of the new RPS, so retries and
 * redelivery consult by RPS (or DPS Id) first: one new NFS-e, however often it is asked.
 */
export function substitutionWorkflow(overrides: SubstitutionWorkflowOptions = {}): StateMachineDefinition {
  return defineWorkflow({
    Comment: 'Replaces one NFS-e by another: old ISSUED → SUBSTITUTING → SUBSTITUTED, new EMITTED → PROCESSING → ISSUED | FAILED (old ISSUED again).',
    QueryLanguage: 'JSONata',
    StartAt: 'MarkSubstituting',
    States: {
      MarkSubstituting: updateStatus({
        comment: 'Claim the replaced invoice (only an ISSUED one; SUBSTITUTING again on redrive).',
        transition: 'MarkSubstituting',
        target: 'SUBSTITUTING',
        invoiceId: '{% $states.input.replaced.invoiceId %}',
        assign: { invoice: '{% $states.input %}', replaced: '{% $states.input.replaced %}' },
        next: 'MarkProcessing',
      }),
      MarkProcessing: updateStatus({
        comment: 'Claim the new invoice (PROCESSING again on redrive).',
        transition: 'MarkProcessing',
        target: 'PROCESSING',
        set: { executionArn: { S: '{% $states.context.Execution.Id %}' } },
        next: 'RequestSubstitution',
      }),
      RequestSubstitution: askTheCity({
        comment: 'Queue the new RPS (or DPS with subst) with the NFS-e it replaces for an adapter, and wait for its answer.',
        request: { kind: '"substitute"', invoice: INVOICE_DOCUMENTS, substitutes: { nfseNumber: '$replaced.nfseNumber', reasonCode: '$invoice.reasonCode' } },
        heartbeatSeconds: overrides.heartbeatSeconds ?? CITY_CALL_HEARTBEAT_SECONDS,
        timeoutSeconds: overrides.timeoutSeconds ?? 900,
        retry: overrides.providerRetry ?? PROVIDER_RETRY,
        catchers: [catchInto(SUBSTITUTION_FAILURES, 'MarkFailed')],
        next: 'CheckOutcome',
      }),
      CheckOutcome: {
        Type: 'Choice',
        Comment: 'A substitution is answered at once with the new NFS-e.',
        Choices: [{ Condition: '{% $result.outcome = "issued" %}', Next: 'MarkIssued' }],
        Default: 'CityAnsweredWithoutNfse',
      },
      CityAnsweredWithoutNfse: {
        Type: 'Pass',
        Comment: 'The city took the substitution without answering with the new NFS-e.',
        Assign: {
          error: `{% ${jsonataObject<InvoiceError>({ code: `"${PROVIDER_ERRORS.Ambiguous}"`, message: '"the city answered the substitution with " & $result.outcome & ", not the new NFS-e"', kind: `"${PROVIDER_ERRORS.Ambiguous}"` })} %}`,
        },
        Next: 'MarkFailed',
      },
      MarkIssued: updateStatus({
        comment: 'Record the new NFS-e (condition: PROCESSING or already ISSUED).',
        transition: 'MarkIssued',
        target: 'ISSUED',
        set: {
          processedAt: { S: '{% $result.issuedAt %}' },
          nfseNumber: { S: '{% $result.nfseNumber %}' },
          verificationCode: { S: '{% $result.verificationCode %}' },
          chaveAcesso: '{% $result.chaveAcesso ? {"S": $result.chaveAcesso} : {"NULL": true} %}',
          danfseKey: '{% $result.danfseKey ? {"S": $result.danfseKey} : {"NULL": true} %}',
          'substitution.substitutedAt': { S: '{% $result.issuedAt %}' },
        },
        remove: ['error'],
        next: 'MarkSubstituted',
      }),
      MarkSubstituted: updateStatus({
        comment: 'The city replaced the old NFS-e: SUBSTITUTED (condition: SUBSTITUTING or already SUBSTITUTED).',
        transition: 'MarkSubstituted',
        target: 'SUBSTITUTED',
        invoiceId: '{% $replaced.invoiceId %}',
        set: { 'substitution.substitutedAt': { S: '{% $result.issuedAt %}' } },
        remove: ['error'],
        next: 'ReportIssued',
      }),
      ReportIssued: reportInvoice({
        comment: 'Mirror the new invoice into Aurora.',
        row: {
          status: '"ISSUED"',
          nfse_number: '$result.nfseNumber',
          verification_code: '$result.verificationCode',
          chave_acesso: '$result.chaveAcesso',
          processed_at: '$result.issuedAt',
          error: 'null',
        },
        next: 'ReportSubstituted',
      }),
      ReportSubstituted: reportInvoice({
        comment: 'Mirror the replaced invoice into Aurora: SUBSTITUTED.',
        row: { ...REPLACED_ROW, status: '"SUBSTITUTED"' },
        next: 'PublishSubstituted',
      }),
      PublishSubstituted: publishEvent({
        detailType: INVOICE_EVENT_TYPES.Substituted,
        detail: {
          ...INVOICE_EVENT_COMMON,
          // The event is the replaced invoice's; the common fields' others are the same for both.
          invoiceId: '$replaced.invoiceId',
          substitutedBy: '$invoice.invoiceId',
          nfseNumber: '$result.nfseNumber',
          replacedNfseNumber: '$replaced.nfseNumber',
          reasonCode: '$invoice.reasonCode',
          substitutedAt: '$result.issuedAt',
        },
        next: 'Substituted',
      }),
      Substituted: {
        Type: 'Succeed',
        Output: `{% ${jsonataObject<SubstitutionOutput>({
          invoiceId: '$invoice.invoiceId',
          status: '"ISSUED"',
          substitutes: '$replaced.invoiceId',
          nfseNumber: '$result.nfseNumber',
          substitutedAt: '$result.issuedAt',
        })} %}`,
      },
      MarkFailed: updateStatus({
        comment: 'The city did not replace the NFS-e: the new invoice FAILED, with its error.',
        transition: 'MarkFailed',
        target: 'FAILED',
        set: {
          processedAt: { S: '{% $now() %}' },
          error: errorAttribute(),
        },
        next: 'KeepIssued',
      }),
      KeepIssued: updateStatus({
        comment: 'The old invoice stays ISSUED, free for another substitution or a cancellation, with the error kept.',
        transition: 'KeepIssued',
        target: 'ISSUED',
        invoiceId: '{% $replaced.invoiceId %}',
        set: { error: errorAttribute('substitution refused: ') },
        remove: ['substitutedBy', 'substitution', 'substitutionFingerprint'],
        next: 'ReportFailed',
      }),
      ReportFailed: reportInvoice({
        comment: 'Mirror the failed new invoice into Aurora.',
        row: FAILED_ROW,
        next: 'PublishFailed',
      }),
      PublishFailed: publishEvent({
        detailType: INVOICE_EVENT_TYPES.Failed,
        detail: FAILED_EVENT_DETAIL,
        next: 'SubstitutionRefused',
      }),
      SubstitutionRefused: {
        Type: 'Fail',
        Error: WORKFLOW_ERRORS.SubstitutionRejected,
        Cause: '{% $error.code & ": " & $error.message %}',
      },
    },
  });
}

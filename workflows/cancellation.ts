import { INVOICE_EVENT_TYPES } from '../contracts/invoiceEvents';
import { PROVIDER_ERRORS, WORKFLOW_ERRORS } from '../contracts/providerErrors';
import type { CancellationOutput } from '../contracts/workflowInput';
import { defineWorkflow } from './asl/defineWorkflow';
import { jsonataObject } from './asl/jsonataObject';
import type { Retrier, StateMachineDefinition } from './asl/types';
import { askTheCity, CITY_CALL_HEARTBEAT_SECONDS } from './steps/askTheCity';
import { catchInto } from './steps/captureError';
import { INVOICE_EVENT_COMMON, publishEvent } from './steps/publishEvent';
import { reportInvoice } from './steps/reportInvoice';
import { PROVIDER_RETRY } from './steps/retryPolicies';
import { errorAttribute } from './steps/invoiceFailure';
import { routeFailure } from './steps/routeFailure';
import { updateStatus } from './steps/updateStatus';

/** Options of {@link cancellationWorkflow}. */
export interface CancellationWorkflowOptions {
  /** HeartbeatSeconds of the city call, as in emission (`EmissionWorkflowOptions`). @default 300 */
  readonly heartbeatSeconds?: number;
  /** @default 900 */
  readonly timeoutSeconds?: number;
  /** @default PROVIDER_RETRY */
  readonly providerRetry?: Retrier;
}

/** Every way a cancellation attempt can end without the city cancelling. */
const CANCELLATION_FAILURES = [PROVIDER_ERRORS.Rejected, PROVIDER_ERRORS.DeadLettered, PROVIDER_ERRORS.CertificateMissing, PROVIDER_ERRORS.Transient, PROVIDER_ERRORS.Ambiguous, 'States.Timeout'];

/**
 * CancellationWorkflow: ISSUED → CANCELLING → CANCELLED, or back to ISSUED with the city's error
 * kept when it refuses. Same shape as emission: conditional writes, a task-token call, the
 * report UPSERT and an event.
 */
export function cancellationWorkflow(overrides: CancellationWorkflowOptions = {}): StateMachineDefinition {
  return defineWorkflow({
    Comment: 'Cancels one NFS-e: ISSUED → CANCELLING → CANCELLED | ISSUED (refused, error kept).',
    QueryLanguage: 'JSONata',
    StartAt: 'MarkCancelling',
    States: {
      MarkCancelling: updateStatus({
        comment: 'Claim the invoice for cancellation (only an ISSUED one; CANCELLING again on redrive).',
        transition: 'MarkCancelling',
        target: 'CANCELLING',
        invoiceId: '{% $states.input.invoiceId %}',
        set: {
          cancellation: '{% {"M": $merge([{"reasonCode": {"N": $string($states.input.reasonCode)}, "requestedAt": {"S": $states.input.requestedAt}}, $states.input.reason ? {"reason": {"S": $states.input.reason}} : {}])} %}',
        },
        remove: ['error'],
        assign: { invoice: '{% $states.input %}' },
        next: 'RequestCancellation',
      }),
      RequestCancellation: askTheCity({
        comment: 'Queue the cancellation (CancelarNfse) for an adapter and wait for its answer.',
        request: { kind: '"cancel"', nfseNumber: '$invoice.nfseNumber', chaveAcesso: '$invoice.chaveAcesso', reasonCode: '$invoice.reasonCode', reason: '$invoice.reason' },
        heartbeatSeconds: overrides.heartbeatSeconds ?? CITY_CALL_HEARTBEAT_SECONDS,
        timeoutSeconds: overrides.timeoutSeconds ?? 900,
        retry: overrides.providerRetry ?? PROVIDER_RETRY,
        catchers: [catchInto(CANCELLATION_FAILURES, 'RestoreIssued')],
        next: 'MarkCancelled',
      }),
      MarkCancelled: updateStatus({
        comment: 'Record the cancellation (condition: CANCELLING or already CANCELLED).',
        transition: 'MarkCancelled',
        target: 'CANCELLED',
        set: { 'cancellation.cancelledAt': { S: '{% $result.cancelledAt %}' } },
        next: 'ReportCancelled',
      }),
      ReportCancelled: reportInvoice({
        comment: 'Mirror the cancellation into Aurora (nfse.invoices).',
        row: { status: '"CANCELLED"', nfse_number: '$invoice.nfseNumber', cancelled_at: '$result.cancelledAt', error: 'null' },
        next: 'PublishCancelled',
      }),
      PublishCancelled: publishEvent({
        detailType: INVOICE_EVENT_TYPES.Cancelled,
        detail: {
          ...INVOICE_EVENT_COMMON,
          nfseNumber: '$invoice.nfseNumber',
          cancelledAt: '$result.cancelledAt',
        },
        next: 'Cancelled',
      }),
      Cancelled: {
        Type: 'Succeed',
        Output: `{% ${jsonataObject<CancellationOutput>({ invoiceId: '$invoice.invoiceId', status: '"CANCELLED"', cancelledAt: '$result.cancelledAt' })} %}`,
      },
      RestoreIssued: updateStatus({
        comment: 'The city did not cancel: the invoice stays ISSUED, with its error kept.',
        transition: 'RestoreIssued',
        target: 'ISSUED',
        set: { error: errorAttribute() },
        next: 'ReportRestored',
      }),
      ReportRestored: reportInvoice({
        comment: 'Mirror the refusal into Aurora (still ISSUED).',
        row: { status: '"ISSUED"', nfse_number: '$invoice.nfseNumber', error: '("cancellation refused: " & $error.code & ": " & $error.message)' },
        next: 'RouteFailure',
      }),
      RouteFailure: routeFailure({ workflow: 'cancellation', next: 'CancellationRefused' }),
      CancellationRefused: {
        Type: 'Fail',
        Error: WORKFLOW_ERRORS.CancellationRejected,
        Cause: '{% $error.code & ": " & $error.message %}',
      },
    },
  });
}

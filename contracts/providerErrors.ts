/**
 * The provider error taxonomy: the names the adapter sends in SendTaskFailure and the workflows
 * match in Retry and Catch.
 */
export const PROVIDER_ERRORS = {
  /** Connection refused, 5xx, SOAP fault "server busy", throttled: retry with backoff. */
  Transient: 'Provider.Transient',
  /** The city rejected the content (a ListaMensagemRetorno code): permanent. */
  Rejected: 'Provider.Rejected',
  /** Timed out after the request was sent: it may have been issued; consult before resending. */
  Ambiguous: 'Provider.Ambiguous',
  /** The message could not be processed at all (it reached the DLQ). */
  DeadLettered: 'Provider.DeadLettered',
  /** The city answered with an NFS-e that is not the one for our RPS: never accepted, never retried. */
  Mismatch: 'Provider.Mismatch',
  /**
   * The company has no usable A1 certificate for a city that requires one (to sign or for mutual
   * TLS): none stored, unreadable, expired, or another company's. Never retried: someone must
   * upload a valid one (`PUT /companies/{cnpj}/certificate`), then reprocess.
   */
  CertificateMissing: 'Provider.CertificateMissing',
} as const;
export type ProviderErrorName = (typeof PROVIDER_ERRORS)[keyof typeof PROVIDER_ERRORS];

/** The error a workflow ends with when the invoice failed (after MarkFailed and routing). */
export const WORKFLOW_ERRORS = {
  InvoiceFailed: 'Invoice.Failed',
  CancellationRejected: 'Cancellation.Rejected',
  /** OrderSagaWorkflow: some item of the order was short; nothing was reserved (ERRO_ESTOQUE). */
  StockInsufficient: 'Stock.Insufficient',
  /** OrderSagaWorkflow: the order's invoice failed and its reservations were released (FAILED). */
  OrderInvoiceFailed: 'Order.InvoiceFailed',
  SubstitutionRejected: 'Substitution.Rejected',
} as const;
export type WorkflowErrorName = (typeof WORKFLOW_ERRORS)[keyof typeof WORKFLOW_ERRORS];

/**
 * Errors that say the city refused the content and issued nothing: only an invoice that failed
 * with one of these may be corrected and sent under a new RPS. After any other (a timeout, a
 * dead letter, a mismatch) the city may hold an NFS-e for the RPS, which is then never sent again
 * with other content.
 */
export const PERMANENT_ERRORS: ReadonlySet<string> = new Set([PROVIDER_ERRORS.Rejected]);

/**
 * The billing error taxonomy: the names the billing tasks throw (a Lambda error's `errorType`,
 * which Step Functions reports as the error name) and BillingCycleWorkflow matches in Retry and
 * Catch, as `Provider.*` is for the cities.
 */
export const BILLING_ERRORS = {
  /** The ERP did not answer, answered 5xx or throttled us (429): retry. */
  ErpTransient: 'Erp.Transient',
  /**
   * The ERP refused a call as redundant ("consumo redundante": the same call within its window)
   * and nothing of it was written: wait the seconds it names (in the message, `wait N s`), then
   * call again. A Retrier cannot read them, so the workflow catches it into a Wait state.
   */
  ErpRedundant: 'Erp.Redundant',
  /** The ERP refused the content (a client fault such as an unknown client or a blocked one): permanent. */
  ErpRejected: 'Erp.Rejected',
  /** The usage platform did not answer or answered 5xx: retry. */
  UsageTransient: 'Usage.Transient',
  /** The usage platform refused the request (credentials, a month it does not know): permanent. */
  UsageRejected: 'Usage.Rejected',
  /** The company that issues the invoices has no record, or no default service: fix it, then reprocess. */
  IssuerNotReady: 'Billing.IssuerNotReady',
} as const;
export type BillingErrorName = (typeof BILLING_ERRORS)[keyof typeof BILLING_ERRORS];

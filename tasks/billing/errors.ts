import { BILLING_ERRORS, type BillingErrorName } from '../../contracts/billingErrors';

/**
 * Base of the billing tasks' errors. Its `name` is the taxonomy name (`Erp.Transient`): a Lambda
 * reports a thrown error's name as `errorType`, which Step Functions matches in Retry and Catch.
 */
export class BillingError extends Error {
  public constructor(
    public readonly errorName: BillingErrorName,
    message: string,
    options: { readonly cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = errorName;
  }
}

/** The ERP did not answer in time, answered 5xx or throttled us. */
export class ErpTransientError extends BillingError {
  public constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super(BILLING_ERRORS.ErpTransient, message, options);
  }
}

/**
 * The ERP refused the call as redundant and wrote nothing: the message starts with `wait N s`,
 * which BillingCycleWorkflow reads to wait that long before calling again.
 */
export class ErpRedundantError extends BillingError {
  public constructor(
    public readonly waitSeconds: number,
    detail: string,
    options: { readonly cause?: unknown } = {},
  ) {
    super(BILLING_ERRORS.ErpRedundant, `wait ${waitSeconds} s: ${detail}`, options);
  }
}

/** The ERP refused what we sent (its fault names why): retrying would not change its answer. */
export class ErpRejectedError extends BillingError {
  public constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super(BILLING_ERRORS.ErpRejected, message, options);
  }
}

/** The usage platform did not answer in time or answered 5xx. */
export class UsageTransientError extends BillingError {
  public constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super(BILLING_ERRORS.UsageTransient, message, options);
  }
}

/** The usage platform refused the request (credentials, a bad month) or answered what we cannot read. */
export class UsageRejectedError extends BillingError {
  public constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super(BILLING_ERRORS.UsageRejected, message, options);
  }
}

import type { PerInvoiceUsage } from '../../contracts/costModel';

/**
 * The design switches of `docs/capacity.md`: as deployed; Express for the synchronous steps with
 * Standard only around the callback wait; invoices of one company batched per execution.
 */
export const DESIGN_VARIANTS = ['as-deployed', 'express-split', 'batched'] as const;
export type DesignVariant = (typeof DESIGN_VARIANTS)[number];

/** What a variant bills on Step Functions per invoice, and how it divides the per-lot calls. */
export interface VariantUsage {
  /** Standard transitions per invoice, retries included. */
  readonly standardTransitions: number;
  /** Express executions per invoice. */
  readonly expressExecutions: number;
  /** Billed GB-seconds per Express execution (100 ms steps, 64 MB chunks). */
  readonly expressGbSecondsPerExecution: number;
  /** Factor on the per-invoice SQS, Step Functions task and Data API calls (one per lot when batched). */
  readonly perLotFactor: number;
}

/** Invoices per lot in the batched design: ABRASF's EnviarLoteRps lot as most cities size it (an estimate). */
export const LOT_SIZE = 50;

/** Express bills an execution's duration rounded up to steps of this many milliseconds (https://aws.amazon.com/step-functions/pricing/)… */
export const EXPRESS_BILLING_STEP_MS = 100;
/** …and its memory in chunks of this many MB (the smallest charge). */
export const EXPRESS_MEMORY_CHUNK_MB = 64;

/** Express bills duration in 100 ms steps and memory in 64 MB chunks. */
export function expressGbSeconds(ms: number, memoryMb: number): number {
  return ((Math.ceil(ms / EXPRESS_BILLING_STEP_MS) * EXPRESS_BILLING_STEP_MS) / 1000) * ((Math.ceil(memoryMb / EXPRESS_MEMORY_CHUNK_MB) * EXPRESS_MEMORY_CHUNK_MB) / 1024);
}

/**
 * A variant's Step Functions usage from the measured one. express-split keeps MarkProcessing,
 * RequestIssuance, a synchronous Express call and Succeed in Standard (4 transitions) and runs
 * MarkIssued, ReportIssued and PublishIssued as one Express execution (~200 ms, 64 MB: an
 * estimate). batched runs one Standard execution per lot of {@link LOT_SIZE} — its measured
 * states plus one transition per Distributed Map child batch — and one Express child per lot
 * (~1 s, 128 MB: an estimate) that writes the lot's invoices.
 */
export function variantUsage(variant: DesignVariant, u: PerInvoiceUsage): VariantUsage {
  switch (variant) {
    case 'as-deployed':
      return { standardTransitions: u.stateTransitions + u.retryTransitions, expressExecutions: 0, expressGbSecondsPerExecution: 0, perLotFactor: 1 };
    case 'express-split':
      return { standardTransitions: 4 + u.retryTransitions, expressExecutions: 1, expressGbSecondsPerExecution: expressGbSeconds(200, 64), perLotFactor: 1 };
    case 'batched':
      return { standardTransitions: (u.stateTransitions + 1) / LOT_SIZE + u.retryTransitions, expressExecutions: 1 / LOT_SIZE, expressGbSecondsPerExecution: expressGbSeconds(1000, 128), perLotFactor: 1 / LOT_SIZE };
    default: {
      const never: never = variant;
      throw new Error(`unknown design variant ${String(never)}`);
    }
  }
}

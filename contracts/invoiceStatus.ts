import { z } from 'zod';

/** Every status an invoice can be in. */
export const INVOICE_STATUS = {
  EMITTED: 'EMITTED',
  PROCESSING: 'PROCESSING',
  ISSUED: 'ISSUED',
  FAILED: 'FAILED',
  CANCELLING: 'CANCELLING',
  CANCELLED: 'CANCELLED',
  /** Being replaced by another invoice (SubstitutionWorkflow). */
  SUBSTITUTING: 'SUBSTITUTING',
  /** Replaced by another invoice (`substitutedBy`): the city cancelled it by substitution. */
  SUBSTITUTED: 'SUBSTITUTED',
} as const;
export type InvoiceStatus = (typeof INVOICE_STATUS)[keyof typeof INVOICE_STATUS];
export const InvoiceStatusSchema = z.enum(INVOICE_STATUS);

/** The statuses of an invoice the city issued an NFS-e for (whatever happened to it since). */
export const HAS_NFSE_STATUSES: ReadonlySet<InvoiceStatus> = new Set<InvoiceStatus>(['ISSUED', 'CANCELLING', 'CANCELLED', 'SUBSTITUTING', 'SUBSTITUTED']);

/** The statuses a workflow is still moving an invoice out of; every other one stays until someone acts. */
export const IN_FLIGHT_STATUSES: ReadonlySet<InvoiceStatus> = new Set<InvoiceStatus>(['EMITTED', 'PROCESSING', 'CANCELLING', 'SUBSTITUTING']);

/**
 * The states each transition may start from. Each also accepts its own target, so a retried or
 * redriven write succeeds when its first attempt had landed, and never moves a later state back.
 */
export const TRANSITION_SOURCES = {
  MarkProcessing: ['EMITTED', 'FAILED', 'PROCESSING'],
  MarkIssued: ['PROCESSING', 'ISSUED'],
  MarkFailed: ['EMITTED', 'PROCESSING', 'FAILED'],
  MarkCancelling: ['ISSUED', 'CANCELLING'],
  MarkCancelled: ['CANCELLING', 'CANCELLED'],
  RestoreIssued: ['CANCELLING', 'ISSUED'],
  MarkSubstituting: ['ISSUED', 'SUBSTITUTING'],
  MarkSubstituted: ['SUBSTITUTING', 'SUBSTITUTED'],
  KeepIssued: ['SUBSTITUTING', 'ISSUED'],
} as const satisfies Record<string, readonly InvoiceStatus[]>;
export type Transition = keyof typeof TRANSITION_SOURCES;

/** The status each transition writes: how an execution's history becomes an invoice's status timeline. */
export const TRANSITION_TARGETS = {
  MarkProcessing: 'PROCESSING',
  MarkIssued: 'ISSUED',
  MarkFailed: 'FAILED',
  MarkCancelling: 'CANCELLING',
  MarkCancelled: 'CANCELLED',
  RestoreIssued: 'ISSUED',
  MarkSubstituting: 'SUBSTITUTING',
  MarkSubstituted: 'SUBSTITUTED',
  KeepIssued: 'ISSUED',
} as const satisfies Record<Transition, InvoiceStatus>;

/** True when a state name is one of the status transitions. */
export function isTransition(state: string): state is Transition {
  return Object.hasOwn(TRANSITION_TARGETS, state);
}

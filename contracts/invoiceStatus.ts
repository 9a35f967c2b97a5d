import { z } from 'zod';

/** Every status an invoice can be in. */
export const INVOICE_STATUS = {
  EMITTED: 'EMITTED',
  PROCESSING: 'PROCESSING',
  ISSUED: 'ISSUED',
  FAILED: 'FAILED',
  CANCELLING: 'CANCELLING',
  CANCELLED: 'CANCELLED',
} as const;
export type InvoiceStatus = (typeof INVOICE_STATUS)[keyof typeof INVOICE_STATUS];
export const InvoiceStatusSchema = z.enum(INVOICE_STATUS);

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
} as const satisfies Record<string, readonly InvoiceStatus[]>;
export type Transition = keyof typeof TRANSITION_SOURCES;

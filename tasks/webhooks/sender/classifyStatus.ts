import type { AttemptOutcome } from '../../../contracts/webhookDelivery';

/**
 * What an HTTP status means for a delivery: 2xx delivered; 408 and 429 (the receiver asks us to
 * come back) and 5xx retried; any other answer (4xx, and 1xx/3xx, which a webhook must not
 * answer: we follow no redirects) is a verdict, not retried.
 */
export function classifyStatus(statusCode: number): AttemptOutcome {
  if (statusCode >= 200 && statusCode < 300) return 'delivered';
  if (statusCode === 408 || statusCode === 429 || statusCode >= 500) return 'retryable';
  return 'rejected';
}

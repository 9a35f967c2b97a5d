import type { InvoiceRecord } from '../../contracts/invoiceRecord';
import { TRANSITION_SOURCES, type InvoiceStatus, type Transition } from '../../contracts/invoiceStatus';
import { placeholder } from '../asl/placeholders';
import type { Catcher, Jsonata, JsonValue, TaskStep } from '../asl/types';
import { DYNAMODB_RETRY } from './retryPolicies';

/** Options of {@link updateStatus}. */
export interface UpdateStatusOptions<Next extends string> {
  readonly transition: Transition;
  readonly target: InvoiceStatus;
  readonly next: Next;
  /** Extra `SET` assignments, e.g. `{ processedAt: '{% $now() %}' }` (DynamoDB attribute values). */
  readonly set?: Readonly<Record<string, JsonValue>>;
  /** Attributes of the record to `REMOVE`. */
  readonly remove?: readonly (keyof InvoiceRecord)[];
  readonly assign?: Readonly<Record<string, JsonValue>>;
  readonly catchers?: readonly Catcher<Next>[];
  readonly comment?: string;
  /** @default '{% $invoice.invoiceId %}' */
  readonly invoiceId?: Jsonata;
}

/**
 * A conditional `dynamodb:updateItem` that moves the invoice to `target`. The condition accepts
 * the transition's sources and its own target, so a retried or redriven write succeeds when its
 * first attempt had landed, and never moves a later state back.
 */
export function updateStatus<const Next extends string>(options: UpdateStatusOptions<Next>): TaskStep<Next> {
  const sources = TRANSITION_SOURCES[options.transition];
  const names: Record<string, string> = { '#status': 'status', '#updatedAt': 'updatedAt' };
  const values: Record<string, JsonValue> = { ':target': { S: options.target }, ':now': { S: '{% $now() %}' } };
  sources.forEach((status, i) => {
    values[`:from${i}`] = { S: status };
  });
  const sets = ['#status = :target', '#updatedAt = :now'];
  for (const [attribute, value] of Object.entries(options.set ?? {})) {
    // `cancellation.cancelledAt` sets a nested map attribute: each part gets its own name.
    const parts = attribute.split('.');
    for (const part of parts) names[`#${part}`] = part;
    const valueName = `:${parts.join('_')}`;
    values[valueName] = value;
    sets.push(`${parts.map((part) => `#${part}`).join('.')} = ${valueName}`);
  }
  let update = `SET ${sets.join(', ')}`;
  if (options.remove !== undefined && options.remove.length > 0) {
    for (const attribute of options.remove) names[`#${attribute}`] = attribute;
    update += ` REMOVE ${options.remove.map((attribute) => `#${attribute}`).join(', ')}`;
  }
  return {
    Type: 'Task',
    ...(options.comment !== undefined ? { Comment: options.comment } : {}),
    Resource: 'arn:aws:states:::dynamodb:updateItem',
    Arguments: {
      TableName: placeholder('InvoicesTable'),
      Key: { invoiceId: { S: options.invoiceId ?? '{% $invoice.invoiceId %}' } },
      UpdateExpression: update,
      ConditionExpression: `#status IN (${sources.map((_, i) => `:from${i}`).join(', ')})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    Output: '{% $states.input %}',
    ...(options.assign !== undefined ? { Assign: options.assign } : {}),
    Retry: [DYNAMODB_RETRY],
    ...(options.catchers !== undefined ? { Catch: options.catchers } : {}),
    Next: options.next,
  };
}

import { INVOICE_EVENT_SOURCE, type InvoiceEventType } from '../../contracts/invoiceEvents';
import { placeholder } from '../asl/placeholders';
import type { TaskState } from '../asl/types';
import { INFRASTRUCTURE_RETRY } from './retryPolicies';

/** An `events:putEvents` task; `detail` is a JSONata object expression (without `{% %}`). */
export function publishEvent(detailType: InvoiceEventType, detail: string, next: string): TaskState {
  return {
    Type: 'Task',
    Comment: `Tell whoever listens: ${detailType}.`,
    Resource: 'arn:aws:states:::events:putEvents',
    Arguments: {
      Entries: [
        {
          EventBusName: placeholder('EventBusName'),
          Source: INVOICE_EVENT_SOURCE,
          DetailType: detailType,
          Detail: `{% ${detail} %}`,
        },
      ],
    },
    Output: '{% $states.input %}',
    Retry: [INFRASTRUCTURE_RETRY],
    Next: next,
  };
}

import { INVOICE_EVENT_SOURCE, type InvoiceEventDetail, type InvoiceEventType, type InvoiceIssuedDetail } from '../../contracts/invoiceEvents';
import { jsonataObject, type JsonataFields } from '../asl/jsonataObject';
import { placeholder } from '../asl/placeholders';
import type { TaskStep } from '../asl/types';
import { INFRASTRUCTURE_RETRY } from './retryPolicies';

/** The fields every invoice event's detail starts with, for the invoice in `$invoice` and this execution. */
export const INVOICE_EVENT_COMMON: JsonataFields<Pick<InvoiceIssuedDetail, 'invoiceId' | 'companyCnpj' | 'municipalityCode' | 'total' | 'executionArn'>> = {
  invoiceId: '$invoice.invoiceId',
  companyCnpj: '$invoice.companyCnpj',
  municipalityCode: '$invoice.municipalityCode',
  total: '$invoice.total',
  executionArn: '$states.context.Execution.Id',
};

/** Options of {@link publishEvent}. */
export interface PublishEventOptions<Type extends InvoiceEventType, Next extends string> {
  /** The event's DetailType; it decides which contract `detail` must build. */
  readonly detailType: Type;
  readonly detail: JsonataFields<InvoiceEventDetail<NoInfer<Type>>>;
  readonly next: Next;
}

/** An `events:putEvents` task sending one invoice event, its detail typed by the event's contract. */
export function publishEvent<Type extends InvoiceEventType, const Next extends string>(options: PublishEventOptions<Type, Next>): TaskStep<Next> {
  return {
    Type: 'Task',
    Comment: `Tell whoever listens: ${options.detailType}.`,
    Resource: 'arn:aws:states:::events:putEvents',
    Arguments: {
      Entries: [
        {
          EventBusName: placeholder('EventBusName'),
          Source: INVOICE_EVENT_SOURCE,
          DetailType: options.detailType,
          Detail: `{% $string(${jsonataObject<InvoiceEventDetail<Type>>(options.detail)}) %}`,
        },
      ],
    },
    Output: '{% $states.input %}',
    Retry: [INFRASTRUCTURE_RETRY],
    Next: options.next,
  };
}

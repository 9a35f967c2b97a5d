import { CancelInvoiceRequestSchema } from '../../contracts/cancelInvoiceRequest';
import { CancelProviderRequestSchema } from '../../contracts/providerRequest';
import { CancellationSchema } from '../../contracts/invoiceRecord';
import { CancellationInputSchema } from '../../contracts/workflowInput';

describe('the cancellation reason code in the contracts', () => {
  it('takes the national code 9, leaving to the registry which codes a city accepts', () => {
    expect(CancelInvoiceRequestSchema.parse({ reasonCode: 9, reason: 'serviço cancelado pelo tomador' })).toEqual({ reasonCode: 9, reason: 'serviço cancelado pelo tomador' });
    expect(CancellationSchema.shape.reasonCode.safeParse(9).success).toBe(true);
    expect(CancellationInputSchema.shape.reasonCode.safeParse(9).success).toBe(true);
    expect(CancelProviderRequestSchema.shape.reasonCode.safeParse(9).success).toBe(true);
  });

  it.each([0, -1, 1.5, 10_000])('refuses %p, which no city uses', (reasonCode) => {
    expect(CancelInvoiceRequestSchema.safeParse({ reasonCode }).success).toBe(false);
  });
});

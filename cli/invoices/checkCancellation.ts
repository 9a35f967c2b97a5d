import { cancellationProblems } from '../../contracts/cancellationRules';
import type { ApiClient } from '../ApiClient';

/** A cancellation the invoice's city would refuse, found before anything was sent. */
export class CancellationRefusedError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'CancellationRefusedError';
  }
}

/**
 * Checks a cancellation against the invoice's city as the registry says (`GET /invoices/{id}`,
 * then `GET /municipalities/{code}`): a code it does not take, or a reason of another length,
 * is refused here with the API's own words, before a request that would only come back a 400.
 */
export async function checkCancellation(client: ApiClient, invoiceId: string, request: { readonly reasonCode: number; readonly reason?: string }): Promise<void> {
  const invoice = await client.call(client.api.GET('/invoices/{id}', { params: { path: { id: invoiceId } } }));
  const city = await client.call(client.api.GET('/municipalities/{code}', { params: { path: { code: invoice.municipalityCode } } }));
  const problems = cancellationProblems(`${city.name} (${city.code})`, city.capabilities.cancellation, request);
  if (problems.length > 0) throw new CancellationRefusedError(`invoice ${invoiceId} cannot be cancelled so:${problems.map((problem) => `\n  --${problem.field === 'reasonCode' ? 'reason-code' : 'reason'} ${problem.message}`).join('')}`);
}

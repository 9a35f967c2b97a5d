import { cancellationProblems } from '../../contracts/cancellationRules';
import type { CancelInvoiceRequest } from '../../contracts/cancelInvoiceRequest';
import type { MunicipalityConfig } from '../../contracts/municipality';
import { ValidationError } from '../shared/errors';
import { municipalityLabel } from '../shared/municipalities';

/**
 * Refuses (400 naming `reasonCode` and `reason`) a cancellation the invoice's city would not take,
 * as its registry entry says (`cancellationProblems`, which the CLI checks too).
 */
export function refuseReasonTheCityRefuses(municipality: MunicipalityConfig, request: CancelInvoiceRequest): void {
  const errors = cancellationProblems(municipalityLabel(municipality), municipality.cancellation, request);
  if (errors.length > 0) throw new ValidationError(`Invalid request: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors);
}

import type { CancelInvoiceRequest } from '../../contracts/cancelInvoiceRequest';
import type { MunicipalityConfig } from '../../contracts/municipality';
import type { FieldError } from '../shared/errors';
import { ValidationError } from '../shared/errors';
import { municipalityLabel } from '../shared/municipalities';

/**
 * Refuses (400 naming `reasonCode` and `reason`) a cancellation the invoice's city would not take:
 * a code outside its `cancellation.reasonCodes`, or, where it requires a reason
 * (`cancellation.reasonText`, the national event's 15–255 characters), none or one of another length.
 */
export function refuseReasonTheCityRefuses(municipality: MunicipalityConfig, request: CancelInvoiceRequest): void {
  const { reasonCodes, reasonText } = municipality.cancellation;
  const city = municipalityLabel(municipality);
  const errors: FieldError[] = [];
  if (!reasonCodes.includes(request.reasonCode)) errors.push({ field: 'reasonCode', message: `must be one of ${reasonCodes.join(', ')} for ${city}` });
  if (reasonText !== undefined) {
    const span = `${reasonText.minLength} to ${reasonText.maxLength} characters`;
    // Characters as people count them (code points), not UTF-16 units.
    const length = request.reason === undefined ? undefined : [...request.reason].length;
    if (length === undefined) errors.push({ field: 'reason', message: `is required by ${city}: ${span}` });
    else if (length < reasonText.minLength || length > reasonText.maxLength) errors.push({ field: 'reason', message: `must be ${span} for ${city}, got ${length}` });
  }
  if (errors.length > 0) throw new ValidationError(`Invalid request: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors);
}

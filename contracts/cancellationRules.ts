import type { CityCancellation } from './municipality';

/** A field of a cancellation request the city would refuse, and why. */
export interface CancellationProblem {
  readonly field: 'reasonCode' | 'reason';
  readonly message: string;
}

/**
 * What the invoice's city (`cityLabel`, e.g. `Porto Alegre (4314902)`) would refuse in a
 * cancellation, by its registry entry: a code outside `reasonCodes`, or, where it requires a reason
 * (`reasonText`, the national event's 15–255 characters), none or one of another length. The API
 * answers these as a 400; the CLI checks them before it sends, with the same words.
 */
export function cancellationProblems(cityLabel: string, cancellation: CityCancellation, request: { readonly reasonCode: number; readonly reason?: string | undefined }): CancellationProblem[] {
  const { reasonCodes, reasonText } = cancellation;
  const problems: CancellationProblem[] = [];
  if (!reasonCodes.includes(request.reasonCode)) problems.push({ field: 'reasonCode', message: `must be one of ${reasonCodes.join(', ')} for ${cityLabel}` });
  if (reasonText !== undefined) {
    const span = `${reasonText.minLength} to ${reasonText.maxLength} characters`;
    // Characters as people count them (code points), not UTF-16 units.
    const length = request.reason === undefined ? undefined : [...request.reason].length;
    if (length === undefined) problems.push({ field: 'reason', message: `is required by ${cityLabel}: ${span}` });
    else if (length < reasonText.minLength || length > reasonText.maxLength) problems.push({ field: 'reason', message: `must be ${span} for ${cityLabel}, got ${length}` });
  }
  return problems;
}

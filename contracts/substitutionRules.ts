import type { CancellationProblem } from './cancellationRules';
import { cancellationProblems } from './cancellationRules';
import type { CityCancellation, MunicipalityConfig } from './municipality';

/**
 * The national DPS `subst` group (`TCSubstituicao`): `cMotivo` 01 desenquadramento do Simples
 * Nacional, 02 enquadramento no Simples Nacional, 03 inclusão retroativa de imunidade/isenção,
 * 04 exclusão retroativa de imunidade/isenção, 05 rejeição pelo tomador ou intermediário, 99
 * outros; `xMotivo` optional, 15 to 255 characters (`TSMotivo`).
 */
export const NACIONAL_SUBSTITUTION_REASONS = { reasonCodes: [1, 2, 3, 4, 5, 99], reasonTextLength: { minLength: 15, maxLength: 255 } } as const;

/** The reason codes (and reason length) a substitution in this municipality takes. */
export interface SubstitutionRules {
  readonly reasonCodes: readonly number[];
  /** Present where a reason is carried to the city: its length when given. */
  readonly reasonTextLength?: { readonly minLength: number; readonly maxLength: number };
}

/**
 * What the city's system takes as a substitution's reason: the national `subst` group's codes, or
 * the ABRASF city's own cancellation codes (`SubstituirNfse` sends a cancellation `Pedido`).
 */
export function substitutionRulesOf(municipality: Pick<MunicipalityConfig, 'provider' | 'cancellation'>): SubstitutionRules {
  if (municipality.provider === 'nacional') return NACIONAL_SUBSTITUTION_REASONS;
  return { reasonCodes: municipality.cancellation.reasonCodes };
}

/**
 * What the city (`cityLabel`) would refuse in a substitution's reason, in the words cancellation
 * uses: a code it does not take, or a reason of another length where the reason is sent (an
 * optional one there, unlike the national cancellation's).
 */
export function substitutionProblems(cityLabel: string, rules: SubstitutionRules, request: { readonly reasonCode: number; readonly reason?: string | undefined }): CancellationProblem[] {
  const asCancellation: CityCancellation = { by: 'city', reasonCodes: [...rules.reasonCodes], ...(rules.reasonTextLength !== undefined && request.reason !== undefined ? { reasonText: rules.reasonTextLength } : {}) };
  return cancellationProblems(cityLabel, asCancellation, request);
}

/** What a DPS Id is made of. */
export interface DpsIdParts {
  /** The IBGE code of the municipality of the emitter (cLocEmi). */
  readonly municipalityCode: string;
  /** The prestador's CNPJ (14, alphanumeric allowed) or CPF (11). */
  readonly document: string;
  /** Series, up to 5 digits (the national layout's series are numeric). */
  readonly serie: string;
  readonly numero: number;
}

/**
 * The DPS `Id` (TSIdDPS, 45 characters): `DPS` + municipality (7) + registration type (1 CPF,
 * 2 CNPJ) + CPF/CNPJ left-padded to 14 + series left-padded to 5 + number left-padded to 15.
 * Deterministic, so a resend is the same DPS and `HEAD /dps/{Id}` tells whether it was issued.
 */
export function dpsId(parts: DpsIdParts): string {
  if (!/^\d{7}$/.test(parts.municipalityCode)) throw new RangeError(`a DPS Id needs a 7-digit IBGE code, got ${parts.municipalityCode}`);
  if (!/^\d{1,5}$/.test(parts.serie)) throw new RangeError(`the national layout takes a numeric series of up to 5 digits, got "${parts.serie}"`);
  if (!Number.isInteger(parts.numero) || parts.numero < 1 || parts.numero > 999_999_999_999_999) throw new RangeError(`a DPS number is 1 to 15 digits, got ${parts.numero}`);
  const type = parts.document.length === 11 ? '1' : '2';
  return `DPS${parts.municipalityCode}${type}${parts.document.padStart(14, '0')}${parts.serie.padStart(5, '0')}${String(parts.numero).padStart(15, '0')}`;
}

/** What an NFS-e's access key is made of. */
export interface ChaveParts {
  /** The emitter's municipality (IBGE, 7 digits). */
  readonly municipalityCode: string;
  /** Ambiente gerador: 1 the municipality's own system, 2 Sefin Nacional. */
  readonly generator: '1' | '2';
  /** The emitter's CNPJ (14, alphanumeric allowed) or CPF (11). */
  readonly document: string;
  /** The NFS-e number (up to 13 digits). */
  readonly nfseNumber: number;
  /** When it was issued (its year and month go in the key, in Brasília time). */
  readonly issuedAt: Date;
  /** The random numeric code, 0 to 999,999,999. */
  readonly code: number;
}

/**
 * The check digit of a key: modulo 11 over the 49 characters with weights 2 to 9 from the right
 * (as NF-e keys), each character valued as its code − 48 so the alphanumeric CNPJ counts too;
 * a remainder giving 10 or 11 is 0.
 */
export function chaveCheckDigit(first49: string): string {
  let sum = 0;
  let weight = 2;
  for (let i = first49.length - 1; i >= 0; i--) {
    sum += (first49.charCodeAt(i) - 48) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const digit = 11 - (sum % 11);
  return String(digit >= 10 ? 0 : digit);
}

/** The 50-character chaveAcesso (TSChaveNFSe): cMun + ambGer + tpInsc + document + nNFSe + AAMM + cNum + DV. */
export function chaveAcessoOf(parts: ChaveParts): string {
  const brasilia = new Date(parts.issuedAt.getTime() - 3 * 3_600_000);
  const yearMonth = `${String(brasilia.getUTCFullYear()).slice(2)}${String(brasilia.getUTCMonth() + 1).padStart(2, '0')}`;
  const type = parts.document.length === 11 ? '1' : '2';
  const first49 = `${parts.municipalityCode}${parts.generator}${type}${parts.document.padStart(14, '0')}${String(parts.nfseNumber).padStart(13, '0')}${yearMonth}${String(parts.code).padStart(9, '0')}`;
  return `${first49}${chaveCheckDigit(first49)}`;
}

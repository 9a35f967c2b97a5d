/**
 * CNPJ check digits, numeric and alphanumeric (Receita Federal, valid from July 2026):
 * 12 characters [0-9A-Z] then 2 numeric check digits, each a mod-11 sum over the characters'
 * values (ASCII code − 48, so '0'..'9' are 0..9 and 'A' is 17), weights 2..9 from the right.
 * https://www.gov.br/receitafederal/pt-br/acesso-a-informacao/acoes-e-programas/programas-e-atividades/cnpj-alfanumerico
 */
export const CNPJ_PATTERN = /^[0-9A-Z]{12}[0-9]{2}$/;

function checkDigit(body: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    sum += (body.charCodeAt(i) - 48) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

/** The CNPJ whose first 12 characters are `body` (digits or capital letters): its 2 check digits appended. */
export function cnpjWithCheckDigits(body: string): string {
  const first = checkDigit(body);
  return `${body}${first}${checkDigit(body + String(first))}`;
}

/** True when `value` is a CNPJ (14 characters, no punctuation) whose check digits are right. */
export function isValidCnpj(value: string): boolean {
  if (!CNPJ_PATTERN.test(value)) return false;
  if (/^(\d)\1{13}$/.test(value)) return false; // 00000000000000 and friends pass mod 11 but are not CNPJs
  const first = checkDigit(value.slice(0, 12));
  const second = checkDigit(value.slice(0, 12) + String(first));
  return value.slice(12) === `${first}${second}`;
}

/** True when `value` is a CPF (11 digits, no punctuation) whose check digits are right. */
export function isValidCpf(value: string): boolean {
  if (!/^\d{11}$/.test(value) || /^(\d)\1{10}$/.test(value)) return false;
  const digit = (length: number): number => {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += Number(value[i]) * (length + 1 - i);
    const remainder = (sum * 10) % 11;
    return remainder === 10 ? 0 : remainder;
  };
  return digit(9) === Number(value[9]) && digit(10) === Number(value[10]);
}

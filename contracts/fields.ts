import { z } from 'zod';
import { isValidCnpj, isValidCpf } from './cnpj';

/** A CNPJ, numeric or alphanumeric, 14 characters without punctuation, check digits verified. */
export const CnpjSchema = z
  .string()
  .regex(/^[0-9A-Z]{12}[0-9]{2}$/, { message: 'must be 14 characters (12 digits or capital letters, then 2 check digits), no punctuation', abort: true })
  .refine(isValidCnpj, 'check digits do not match');

/** A CPF, 11 digits without punctuation, check digits verified. */
export const CpfSchema = z.string().regex(/^\d{11}$/, { message: 'must be 11 digits, no punctuation', abort: true }).refine(isValidCpf, 'check digits do not match');

/** An IBGE municipality code: 7 digits. */
export const MunicipalityCodeSchema = z.string().regex(/^\d{7}$/, 'must be the 7-digit IBGE municipality code');

/** Money as a decimal string ("100.00"): never a float. Greater than zero, at most 2 decimals. */
export const MoneySchema = z
  .string()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, { message: 'must be a decimal string with at most 2 decimals, e.g. "100.00"', abort: true })
  .refine((value) => Number(value) > 0, 'must be greater than zero');

/** ISS rate in percent as a decimal string ("5.00"): LC 116/2003 caps it at 5%. */
export const IssRateSchema = z
  .string()
  .regex(/^\d{1,2}(\.\d{1,4})?$/, { message: 'must be a percentage as a decimal string, e.g. "2.00"', abort: true })
  .refine((value) => Number(value) >= 0 && Number(value) <= 5, 'must be between 0 and 5 (percent)');

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDateSchema = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

/** An instant in UTC, ISO 8601 (`2026-11-23T12:00:00.000Z`). */
export const IsoTimestampSchema = z.iso.datetime({ message: 'must be an ISO 8601 UTC timestamp' });

/** A ULID (26 Crockford base-32 characters): the form of every invoiceId. */
export const UlidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

/** Brazilian state (UF). */
export const UfSchema = z.enum(['AC', 'AL', 'AP', 'AM', 'BA', 'CE', 'DF', 'ES', 'GO', 'MA', 'MT', 'MS', 'MG', 'PA', 'PB', 'PR', 'PE', 'PI', 'RJ', 'RN', 'RS', 'RO', 'RR', 'SC', 'SP', 'SE', 'TO']);

/**
 * A cancellation reason code (ABRASF `CodigoCancelamento` 1–5, the national event's `cMotivo` 1, 2,
 * 9). Which codes a municipality accepts is its registry entry's `cancellation.reasonCodes`.
 */
export const CancellationReasonCodeSchema = z.number().int().min(1).max(9999);

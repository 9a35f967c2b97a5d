import { z } from 'zod';
import { CnpjSchema, CpfSchema, IsoDateSchema, IssRateSchema, MoneySchema, MunicipalityCodeSchema, UfSchema } from './fields';

/** Where the tomador lives (optional in ABRASF, needed by some cities). */
export const AddressSchema = z.strictObject({
  street: z.string().min(1).max(125),
  number: z.string().min(1).max(10),
  complement: z.string().max(60).optional(),
  district: z.string().min(1).max(60),
  municipalityCode: MunicipalityCodeSchema,
  state: UfSchema,
  postalCode: z.string().regex(/^\d{8}$/, 'must be the 8-digit CEP, no punctuation'),
});
export type Address = z.infer<typeof AddressSchema>;

/** The service taker: a person (CPF) or a company (CNPJ). Personal data under LGPD: never logged. */
export const TomadorSchema = z.strictObject({
  document: z.union([CpfSchema, CnpjSchema], { message: 'must be a valid CPF (11 digits) or CNPJ (14 characters)' }),
  name: z.string().trim().min(1).max(150),
  email: z.email({ message: 'must be an e-mail address' }).max(80).optional(),
  address: AddressSchema.optional(),
});
export type Tomador = z.infer<typeof TomadorSchema>;

/** What was provided: LC 116 list item, description, ISS rate. */
export const ServiceSchema = z.strictObject({
  /** Item of the LC 116/2003 list, e.g. "01.07". */
  code: z.string().regex(/^\d{2}\.\d{2}$/, 'must be the LC 116 item, e.g. "01.07"'),
  description: z.string().trim().min(1).max(2000),
  /** ISS rate, percent. */
  issRate: IssRateSchema,
  /** Whether the tomador withholds the ISS. @default false */
  issWithheld: z.boolean().default(false),
  /** The city's own service code (CodigoTributacaoMunicipio), when it has one. */
  municipalTaxCode: z.string().min(1).max(20).optional(),
});
export type Service = z.infer<typeof ServiceSchema>;

/** `POST /invoices` body. */
export const EmitInvoiceRequestSchema = z.strictObject({
  companyCnpj: CnpjSchema,
  municipalityCode: MunicipalityCodeSchema,
  total: MoneySchema,
  service: ServiceSchema,
  tomador: TomadorSchema,
  /** Competência: the date the service was provided. @default the day of emission */
  competence: IsoDateSchema.optional(),
  /** RPS series. @default "1" */
  rpsSeries: z.string().regex(/^[0-9A-Za-z]{1,5}$/, 'must be 1-5 letters or digits').default('1'),
});
export type EmitInvoiceRequest = z.infer<typeof EmitInvoiceRequestSchema>;

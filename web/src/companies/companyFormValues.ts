import type { Company, CompanyInput } from '../../../contracts/company';

/**
 * The edit form's fields, keyed by the path the API names in a 400 (`address.postalCode`), so
 * each refusal lands beside its input.
 */
export const COMPANY_FORM_FIELDS = [
  'razaoSocial',
  'nomeFantasia',
  'inscricaoMunicipal',
  'municipalityCode',
  'contactEmail',
  'address.street',
  'address.number',
  'address.complement',
  'address.district',
  'address.municipalityCode',
  'address.state',
  'address.postalCode',
  'taxRegime.simplesNacional',
  'taxRegime.simplesNacionalApuracao',
  'taxRegime.regimeEspecial',
  'taxRegime.incentivoFiscal',
  'defaultService.code',
  'defaultService.municipalTaxCode',
  'defaultService.nationalTaxCode',
  'defaultService.issRate',
  'defaultService.description',
] as const;
export type CompanyFormField = (typeof COMPANY_FORM_FIELDS)[number];

/** What the inputs hold: text as typed (`taxRegime.incentivoFiscal` is `"true"` or `"false"`). */
export type CompanyFormValues = Readonly<Record<CompanyFormField, string>>;

/** The form filled with the company as read. */
export function formValuesOf(company: Company): CompanyFormValues {
  const { address, taxRegime, defaultService } = company;
  return {
    razaoSocial: company.razaoSocial,
    nomeFantasia: company.nomeFantasia ?? '',
    inscricaoMunicipal: company.inscricaoMunicipal ?? '',
    municipalityCode: company.municipalityCode,
    contactEmail: company.contactEmail,
    'address.street': address.street,
    'address.number': address.number,
    'address.complement': address.complement ?? '',
    'address.district': address.district,
    'address.municipalityCode': address.municipalityCode,
    'address.state': address.state,
    'address.postalCode': address.postalCode,
    'taxRegime.simplesNacional': taxRegime.simplesNacional,
    'taxRegime.simplesNacionalApuracao': taxRegime.simplesNacionalApuracao ?? '',
    'taxRegime.regimeEspecial': taxRegime.regimeEspecial,
    'taxRegime.incentivoFiscal': String(taxRegime.incentivoFiscal),
    'defaultService.code': defaultService?.code ?? '',
    'defaultService.municipalTaxCode': defaultService?.municipalTaxCode ?? '',
    'defaultService.nationalTaxCode': defaultService?.nationalTaxCode ?? '',
    'defaultService.issRate': defaultService?.issRate ?? '',
    'defaultService.description': defaultService?.description ?? '',
  };
}

/** The optional fields with text in them (an empty input removes the field). */
function present<K extends string>(entries: ReadonlyArray<readonly [K, string]>): Partial<Record<K, string>> {
  return Object.fromEntries(entries.filter(([, value]) => value.trim() !== '')) as Partial<Record<K, string>>;
}

/**
 * The `PUT /companies/{cnpj}` body the form describes. The API judges it (the form validates
 * nothing itself: one set of rules, the contract's). What the form does not show —
 * `providerOverrides` — is sent as read, so saving the form never drops it.
 */
export function companyInputOf(values: CompanyFormValues, company: Company): Record<string, unknown> {
  const service = present([
    ['code', values['defaultService.code']],
    ['municipalTaxCode', values['defaultService.municipalTaxCode']],
    ['nationalTaxCode', values['defaultService.nationalTaxCode']],
    ['issRate', values['defaultService.issRate']],
    ['description', values['defaultService.description']],
  ]);
  const input: Partial<Record<keyof CompanyInput, unknown>> = {
    razaoSocial: values.razaoSocial,
    ...present([
      ['nomeFantasia', values.nomeFantasia],
      ['inscricaoMunicipal', values.inscricaoMunicipal],
    ]),
    municipalityCode: values.municipalityCode,
    address: {
      street: values['address.street'],
      number: values['address.number'],
      ...present([['complement', values['address.complement']]]),
      district: values['address.district'],
      municipalityCode: values['address.municipalityCode'],
      state: values['address.state'],
      postalCode: values['address.postalCode'],
    },
    taxRegime: {
      simplesNacional: values['taxRegime.simplesNacional'],
      ...present([['simplesNacionalApuracao', values['taxRegime.simplesNacionalApuracao']]]),
      regimeEspecial: values['taxRegime.regimeEspecial'],
      incentivoFiscal: values['taxRegime.incentivoFiscal'] === 'true',
    },
    defaultService: Object.keys(service).length > 0 ? service : undefined,
    contactEmail: values.contactEmail,
    providerOverrides: company.providerOverrides,
  };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

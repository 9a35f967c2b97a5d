import type { Company } from '../../contracts/company';
import type { CityRequirements, MunicipalityConfig } from '../../contracts/municipality';
import { UnprocessableError } from '../shared/errors';
import { municipalityLabel } from '../shared/municipalities';

/** How to tell a company record holds each thing a city may require (`requires` in `contracts/municipality.ts`). */
const HOLDS: { readonly [K in keyof CityRequirements]: (company: Company) => boolean } = {
  inscricaoMunicipal: (company) => company.inscricaoMunicipal !== undefined,
};

/**
 * Refuses (422 `CompanyRequirementMissing`, naming the company fields) a company whose record lacks
 * what the invoice's city requires: the city would reject the RPS anyway, after the invoice was
 * written and an RPS number spent. Its certificate is checked elsewhere.
 */
export function refuseUnmetRequirements(company: Company, municipality: MunicipalityConfig): void {
  const missing = (Object.keys(HOLDS) as Array<keyof CityRequirements>).filter((field) => municipality.requires[field] && !HOLDS[field](company));
  if (missing.length === 0) return;
  const fields = missing.join(', ');
  const city = municipalityLabel(municipality);
  throw new UnprocessableError(
    'CompanyRequirementMissing',
    `Company ${company.cnpj} has no ${fields}, which ${city} requires: add ${missing.length === 1 ? 'it' : 'them'} with PATCH /companies/${company.cnpj} before emitting its invoices there`,
    [{ field: 'companyCnpj', message: `its company record has no ${fields}, which ${city} requires (PATCH /companies/${company.cnpj})` }],
  );
}

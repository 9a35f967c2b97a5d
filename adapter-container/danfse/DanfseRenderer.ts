import type { Company } from '../../contracts/company';
import type { MunicipalityConfig } from '../../contracts/municipality';
import type { MunicipalityRegistry } from '../../lib/municipalities/registry';
import type { IssuedOutcome } from '../providers/Provider';
import { initXmlReader } from '../xml/XmlReader';
import { danfseContentOf, DanfseContentError } from './danfseContentOf';
import { renderDanfse } from './renderDanfse';

/** What {@link DanfseRenderer} needs. */
export interface DanfseRendererOptions {
  /** The prestador's record (`lib/companies/CompanyReader`: kept `COMPANY_CACHE_SECONDS`, as the API keeps the one it builds the RPS from). */
  readonly companyOf: (cnpj: string) => Promise<Company | undefined>;
  /** Names the municipalities of addresses. */
  readonly registry: Pick<MunicipalityRegistry, 'get'>;
}

/**
 * Our DANFSe-like PDF for an NFS-e whose city serves none (the ABRASF cities): built by the
 * adapter right after issuance from the NFS-e XML it stores, the company record and the registry,
 * and stored where the national DANFSe is (`issuedDocumentKeys().danfseKey`), so the API, the CLI
 * and the console serve both alike.
 */
export class DanfseRenderer {
  constructor(private readonly options: DanfseRendererOptions) {}

  /** Whether this city's NFS-e gets our PDF: those of a system that serves no DANFSe of its own. */
  static rendersFor(municipality: Pick<MunicipalityConfig, 'provider'>): boolean {
    return municipality.provider === 'abrasf-2.04';
  }

  /** The PDF of `outcome`, issued for `companyCnpj` in `municipality`; throws when it cannot be built. */
  async render(companyCnpj: string, municipality: MunicipalityConfig, outcome: IssuedOutcome): Promise<Buffer> {
    const company = await this.options.companyOf(companyCnpj);
    if (company === undefined) throw new DanfseContentError(`company ${companyCnpj} has no record to name the prestador`);
    await initXmlReader();
    const content = danfseContentOf({
      nfseXml: outcome.nfseXml,
      issued: outcome,
      company,
      municipality,
      municipalityName: (code) => this.options.registry.get(code)?.name,
    });
    return renderDanfse(content);
  }
}

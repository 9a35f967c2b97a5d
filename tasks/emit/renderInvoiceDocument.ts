import type { Company } from '../../contracts/company';
import type { InvoiceRecord } from '../../contracts/invoiceRecord';
import type { MunicipalityConfig } from '../../contracts/municipality';
import { buildDpsXml, type DpsSubstitution } from './dps/buildDpsXml';
import { buildRpsXml } from './rps/buildRpsXml';
import { rpsOptionsOf } from './rps/rpsOptionsOf';

/**
 * The document an invoice is sent to its city as, built once at emission: the national DPS (layout
 * 1.01, unsigned: the adapter signs `infDPS`) where the city's provider is `nacional`, the ABRASF
 * 2.04 RPS otherwise. A national DPS that replaces an NFS-e carries `substitutes` as its `subst`
 * group; an ABRASF RPS stays as it is (the adapter wraps it in `SubstituirNfse`).
 */
export function renderInvoiceDocument(record: InvoiceRecord, company: Company, municipality: MunicipalityConfig, substitutes?: DpsSubstitution): string {
  if (municipality.provider === 'nacional') return buildDpsXml(record, company, { environment: municipality.environment, ...(substitutes === undefined ? {} : { substitutes }) });
  return buildRpsXml(record, rpsOptionsOf(company));
}

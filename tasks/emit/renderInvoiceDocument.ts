import type { Company } from '../../contracts/company';
import type { InvoiceRecord } from '../../contracts/invoiceRecord';
import type { MunicipalityConfig } from '../../contracts/municipality';
import { buildDpsXml } from './dps/buildDpsXml';
import { buildRpsXml } from './rps/buildRpsXml';
import { rpsOptionsOf } from './rps/rpsOptionsOf';

/**
 * The document an invoice is sent to its city as, built once at emission: the national DPS (layout
 * 1.01, unsigned: the adapter signs `infDPS`) where the city's provider is `nacional`, the ABRASF
 * 2.04 RPS otherwise.
 */
export function renderInvoiceDocument(record: InvoiceRecord, company: Company, municipality: MunicipalityConfig): string {
  if (municipality.provider === 'nacional') return buildDpsXml(record, company, { environment: municipality.environment });
  return buildRpsXml(record, rpsOptionsOf(company));
}

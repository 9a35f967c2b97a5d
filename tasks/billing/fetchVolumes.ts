import type { FetchVolumesResult } from '../../contracts/billingCycle';
import { resolveCompetencia } from './competenciaOf';
import type { UsagePlatformClient } from './UsagePlatformClient';

/** The month's usage of every company (or of `empresaIds`), the month resolved from `auto`. */
export async function fetchVolumes(usage: Pick<UsagePlatformClient, 'usage'>, competencia: string, empresaIds: readonly string[] | undefined, now: Date): Promise<FetchVolumesResult> {
  const month = resolveCompetencia(competencia, now);
  const { companies, invalid } = await usage.usage(month);
  if (empresaIds === undefined) return { competencia: month, companies, unknown: [...invalid] };
  const wanted = new Set(empresaIds);
  const known = new Set(companies.map((company) => company.empresaId));
  return { competencia: month, companies: companies.filter((company) => wanted.has(company.empresaId)), unknown: empresaIds.filter((id) => !known.has(id)) };
}

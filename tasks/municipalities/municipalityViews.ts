import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { certificateRequired, type MunicipalityConfig } from '../../contracts/municipality';
import type { ListMunicipalitiesResponse, MunicipalityCapabilities, MunicipalityView } from '../../contracts/municipalityView';
import type { MunicipalityRegistry } from '../../lib/municipalities/registry';
import { NotFoundError } from '../shared/errors';
import { healthFigures } from './healthFigures';
import { backlogFigures, readCityBacklog } from './cityBacklog';
import { readCityHealth } from './readCityHealth';

/** What the municipalities routes read. */
export interface MunicipalityDeps {
  readonly ddb: DynamoDBDocumentClient;
  /** `CITY_LIMITS_TABLE`, where the adapters write each city's minutes of health. */
  readonly cityLimitsTable: string;
  readonly municipalities: Pick<MunicipalityRegistry, 'get' | 'list'>;
  readonly now: () => Date;
}

/** Cities whose health is read at once by a listing. */
const HEALTH_READS_AT_ONCE = 8;

/** `GET /municipalities`: every city of the registry with its health, in the registry's order. */
export async function listMunicipalities(deps: MunicipalityDeps): Promise<ListMunicipalitiesResponse> {
  const now = deps.now().getTime();
  const all = deps.municipalities.list();
  const items: MunicipalityView[] = [];
  for (let start = 0; start < all.length; start += HEALTH_READS_AT_ONCE) {
    items.push(...(await Promise.all(all.slice(start, start + HEALTH_READS_AT_ONCE).map((municipality) => viewOf(deps, municipality, now)))));
  }
  return { items };
}

/** `GET /municipalities/{code}`: one city, 404 when the registry does not have it. */
export async function getMunicipality(deps: MunicipalityDeps, code: string): Promise<MunicipalityView> {
  const municipality = deps.municipalities.get(code);
  if (municipality === undefined) throw new NotFoundError(`Municipality ${code} is not supported (GET /municipalities lists the supported ones)`);
  return viewOf(deps, municipality, deps.now().getTime());
}

async function viewOf(deps: MunicipalityDeps, municipality: MunicipalityConfig, now: number): Promise<MunicipalityView> {
  const [healthItems, backlogItems] = await Promise.all([readCityHealth(deps.ddb, deps.cityLimitsTable, municipality.code, now), readCityBacklog(deps.ddb, deps.cityLimitsTable, municipality.code)]);
  const health = { ...healthFigures(healthItems, now), backlog: backlogFigures(backlogItems, now) };
  return {
    code: municipality.code,
    name: municipality.name,
    ...(municipality.uf !== undefined ? { uf: municipality.uf } : {}),
    provider: municipality.provider,
    ...(municipality.dialect !== undefined ? { dialect: municipality.dialect } : {}),
    environment: municipality.environment,
    mode: municipality.mode,
    capabilities: capabilitiesOf(municipality),
    health,
  };
}

/**
 * What a city does and requires, from its registry entry. Never the endpoint, the CA file or the
 * answer-code overrides: those are the adapters' business, and an endpoint may carry credentials.
 */
export function capabilitiesOf(municipality: MunicipalityConfig): MunicipalityCapabilities {
  return {
    signing: { algorithm: municipality.signing.algorithm, elements: [...municipality.signing.elements] },
    mtls: municipality.mtls,
    cancellation: {
      by: municipality.cancellation.by,
      reasonCodes: [...municipality.cancellation.reasonCodes],
      ...(municipality.cancellation.reasonText !== undefined ? { reasonText: { ...municipality.cancellation.reasonText } } : {}),
    },
    substitution: municipality.substitution,
    requires: { inscricaoMunicipal: municipality.requires.inscricaoMunicipal, certificate: certificateRequired(municipality) },
    limits: { concurrency: municipality.concurrency, ...(municipality.ratePerSecond !== undefined ? { ratePerSecond: municipality.ratePerSecond } : {}) },
  };
}

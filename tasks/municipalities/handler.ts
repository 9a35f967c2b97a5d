import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { municipalityRegistry } from '../shared/municipalities';
import { routeHandler } from '../shared/routeHandler';
import { getMunicipality, listMunicipalities, type MunicipalityDeps } from './municipalityViews';

function deps(): MunicipalityDeps {
  return { ddb: awsClients().ddb, cityLimitsTable: requireEnv(ENV.CityLimitsTable), municipalities: municipalityRegistry(), now: () => new Date() };
}

/** `GET /municipalities` and `GET /municipalities/{code}`: the registry the adapters serve, with the health they report. */
export const handler = routeHandler('municipalities', {
  listMunicipalities: async () => ({ statusCode: 200, body: await listMunicipalities(deps()) }),
  getMunicipality: async ({ path }) => ({ statusCode: 200, body: await getMunicipality(deps(), path.code) }),
});

import type { MunicipalityInput } from '../../contracts/municipality';
import type { ProviderMock } from './startProviderMock';

/**
 * The registry with each city that requires mutual TLS and sits on the mock served by the mock's
 * HTTPS listener (moved there from its HTTP port when listed on it), trusting the local CA
 * (`caFile`) for the server certificate, as a real city's entry names its CA bundle. The other
 * cities stay on the mock's HTTP port.
 */
export function onMockTls(municipalities: readonly MunicipalityInput[], mock: Pick<ProviderMock, 'url' | 'tlsUrl'>, caFile: string): MunicipalityInput[] {
  const { tlsUrl } = mock;
  return municipalities.map((city) => {
    if (city.mtls !== true || tlsUrl === undefined) return city;
    if (city.endpoint.startsWith(`${tlsUrl}/`)) return { ...city, caFile: city.caFile ?? caFile };
    if (city.endpoint.startsWith(`${mock.url}/`)) return { ...city, endpoint: `${tlsUrl}${city.endpoint.slice(mock.url.length)}`, caFile: city.caFile ?? caFile };
    return city;
  });
}

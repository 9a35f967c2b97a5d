import type { MunicipalityInput } from '../../contracts/municipality';

/** The base of the built-in list's endpoints when `PROVIDER_ENDPOINT` is not set: the local provider mock. */
export const DEFAULT_PROVIDER_ENDPOINT = 'http://127.0.0.1:4580/nfse';

/**
 * The base of the built-in cities that require mutual TLS when `PROVIDER_TLS_ENDPOINT` is not set:
 * the local provider mock's HTTPS listener (client certificates required).
 */
export const DEFAULT_PROVIDER_TLS_ENDPOINT = 'https://127.0.0.1:4581/nfse';

/**
 * The built-in list (homologation): each city's system at `{base}/{IBGE code}` (`{tlsBase}/…` for
 * those that require mutual TLS), as the provider
 * mock serves them in local runs. Every city has a system of its own, as in reality: one shared
 * endpoint would mix up their RPS numbering. They require what real ABRASF cities do: a signed
 * RPS (and lot, and cancellation request), and Belo Horizonte mutual TLS as well.
 */
export function builtInMunicipalities(base: string = DEFAULT_PROVIDER_ENDPOINT, tlsBase: string = DEFAULT_PROVIDER_TLS_ENDPOINT): MunicipalityInput[] {
  const under = (root: string, code: string): string => `${root.replace(/\/+$/, '')}/${code}`;
  const at = (code: string): Pick<MunicipalityInput, 'code' | 'endpoint' | 'provider' | 'environment'> => ({ code, endpoint: under(base, code), provider: 'abrasf-2.04', environment: 'homologacao' });
  return [
    {
      ...at('3550308'),
      name: 'São Paulo',
      uf: 'SP',
      mode: 'sync',
      signing: { algorithm: 'rsa-sha256', elements: ['InfDeclaracaoPrestacaoServico', 'InfPedidoCancelamento'] },
      substitution: true,
      concurrency: 8,
      ratePerSecond: 20,
    },
    {
      ...at('3304557'),
      name: 'Rio de Janeiro',
      uf: 'RJ',
      mode: 'sync',
      signing: { algorithm: 'rsa-sha256', elements: ['InfDeclaracaoPrestacaoServico', 'InfPedidoCancelamento'] },
      substitution: true,
      concurrency: 4,
    },
    {
      ...at('3106200'),
      // Mutual TLS is HTTPS: at `tlsBase`, where the mock asks for the company's certificate.
      endpoint: under(tlsBase, '3106200'),
      name: 'Belo Horizonte',
      uf: 'MG',
      mode: 'async',
      mtls: true,
      signing: { algorithm: 'rsa-sha256', elements: ['InfDeclaracaoPrestacaoServico', 'LoteRps', 'InfPedidoCancelamento'] },
      concurrency: 2,
      ratePerSecond: 5,
    },
  ];
}

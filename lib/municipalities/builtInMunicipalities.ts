import { ABRASF_CANCELLATION, NACIONAL_CANCELLATION, type MunicipalityInput } from '../../contracts/municipality';

/** The base of the built-in list's endpoints when `PROVIDER_ENDPOINT` is not set: the local provider mock. */
export const DEFAULT_PROVIDER_ENDPOINT = 'http://127.0.0.1:4580/nfse';

/**
 * The base of the built-in cities that require mutual TLS when `PROVIDER_TLS_ENDPOINT` is not set:
 * the local provider mock's HTTPS listener (client certificates required).
 */
export const DEFAULT_PROVIDER_TLS_ENDPOINT = 'https://127.0.0.1:4581/nfse';

/**
 * The national system's base URL in the built-in list when `NACIONAL_ENDPOINT` is not set: the
 * local Sefin Nacional mock, on the provider mock's HTTPS listener. Homologação (produção
 * restrita) is `https://sefin.producaorestrita.nfse.gov.br/SefinNacional`, produção
 * `https://sefin.nfse.gov.br/SefinNacional`.
 */
export const DEFAULT_NACIONAL_ENDPOINT = 'https://127.0.0.1:4581/SefinNacional';

/** Where the built-in national cities are served. */
export interface NacionalSystem {
  /** The Sefin Nacional base URL. @default DEFAULT_NACIONAL_ENDPOINT */
  readonly endpoint?: string;
  /** The CAs trusted for its server certificate (PEM file). @default Node's bundled roots */
  readonly caFile?: string;
}

/**
 * The built-in list (homologation): each ABRASF city's system at `{base}/{IBGE code}` (`{tlsBase}/…`
 * for those that require mutual TLS), as the provider mock serves them in local runs. Every city
 * has a system of its own, as in reality: one shared endpoint would mix up their RPS numbering.
 * They require what real ABRASF cities do: a signed RPS (and lot, and cancellation request), and
 * Belo Horizonte mutual TLS as well. São Paulo and Rio substitute NFS-e (`SubstituirNfse`, its
 * `SubstituicaoNfse` signed too), with the reason codes of their cancellation (1–5). São Paulo and Rio name their public NFS-e page
 * (`verificationUrl`, the QR code of our DANFSe-like PDF); Belo Horizonte's asks for a form, so it has none.
 *
 * Then a starter set of cities on the national system (NFS-e Nacional), all at the one Sefin
 * Nacional endpoint (each DPS Id carries its city, so their numbering never mixes): mutual TLS
 * with the company's A1, `infDPS` and `infPedReg` signed, cancellation by event with the national
 * reason codes. Whether a city really adhered is the national system's to say:
 * `GET /parametros_municipais/{cMun}/convenio`.
 */
export function builtInMunicipalities(base: string = DEFAULT_PROVIDER_ENDPOINT, tlsBase: string = DEFAULT_PROVIDER_TLS_ENDPOINT, nacional: NacionalSystem = {}): MunicipalityInput[] {
  const under = (root: string, code: string): string => `${root.replace(/\/+$/, '')}/${code}`;
  const at = (code: string): Pick<MunicipalityInput, 'code' | 'endpoint' | 'provider' | 'environment'> => ({ code, endpoint: under(base, code), provider: 'abrasf-2.04', environment: 'homologacao' });
  const national = (code: string): Omit<MunicipalityInput, 'name' | 'uf' | 'concurrency'> => ({
    code,
    provider: 'nacional',
    mode: 'sync',
    environment: 'homologacao',
    endpoint: (nacional.endpoint ?? DEFAULT_NACIONAL_ENDPOINT).replace(/\/+$/, ''),
    mtls: true,
    ...(nacional.caFile === undefined ? {} : { caFile: nacional.caFile }),
    signing: { algorithm: 'rsa-sha256', elements: ['infDPS', 'infPedReg'] },
    cancellation: NACIONAL_CANCELLATION,
    // A DPS carrying `subst` replaces an NFS-e; the national system cancels the old one itself (event e105102).
    substitution: true,
    // The national DPS names the prestador by CNPJ; the inscrição municipal is optional there.
    requires: { inscricaoMunicipal: false },
  });
  return [
    {
      ...at('3550308'),
      name: 'São Paulo',
      uf: 'SP',
      mode: 'sync',
      signing: { algorithm: 'rsa-sha256', elements: ['InfDeclaracaoPrestacaoServico', 'InfPedidoCancelamento', 'SubstituicaoNfse'] },
      // SubstituirNfse (ABRASF 2.04): the old NFS-e's cancellation Pedido carries the reason, so these are the substitution's codes too.
      cancellation: ABRASF_CANCELLATION,
      substitution: true,
      // The prefeitura's public page of an NFS-e (by the prestador's CCM, the number and the code): our PDF's QR code links it.
      verificationUrl: 'https://nfe.prefeitura.sp.gov.br/contribuinte/notaprint.aspx?ccm={inscricaoMunicipal}&nf={nfseNumber}&cod={verificationCode}',
      concurrency: 8,
      ratePerSecond: 20,
    },
    {
      ...at('3304557'),
      name: 'Rio de Janeiro',
      uf: 'RJ',
      mode: 'sync',
      signing: { algorithm: 'rsa-sha256', elements: ['InfDeclaracaoPrestacaoServico', 'InfPedidoCancelamento', 'SubstituicaoNfse'] },
      // SubstituirNfse (ABRASF 2.04): the old NFS-e's cancellation Pedido carries the reason, so these are the substitution's codes too.
      cancellation: ABRASF_CANCELLATION,
      substitution: true,
      // Nota Carioca's public page of an NFS-e (same system family as São Paulo's).
      verificationUrl: 'https://notacarioca.rio.gov.br/contribuinte/notaprint.aspx?inscricao={inscricaoMunicipal}&nf={nfseNumber}&cod={verificationCode}',
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
    { ...national('4314902'), name: 'Porto Alegre', uf: 'RS', concurrency: 8 },
    { ...national('2611606'), name: 'Recife', uf: 'PE', concurrency: 8 },
    { ...national('5208707'), name: 'Goiânia', uf: 'GO', concurrency: 8 },
  ];
}

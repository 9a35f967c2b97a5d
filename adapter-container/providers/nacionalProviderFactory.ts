import type { MunicipalityConfig } from '../../contracts/municipality';
import { raceAbort } from '../../lib/concurrency/raceAbort';
import { initXmlReader } from '../xml/XmlReader';
import { nacionalValidator } from './nacional/nacionalSchemas';
import { NacionalProvider } from './nacional/NacionalProvider';
import { SefinClient } from './nacional/SefinClient';
import type { Provider, ProviderFactory } from './Provider';

/** Options shared by every national municipality of this process (endpoint, CA and signing come from the registry). */
export interface NacionalSharedOptions {
  /** One call's HTTP timeout, ms. @default 30000 */
  readonly timeoutMs?: number;
  /** @default 5 MiB */
  readonly maxResponseBytes?: number;
  /**
   * The DANFSe service's base URL (`GET {base}/danfse/{chave}`): the national system serves the
   * PDF from a base of its own per environment. @default the municipality's endpoint
   */
  readonly danfseBaseUrl?: string;
  /** Told when an NFS-e was issued without its DANFSe. @default ignored */
  readonly onDanfseUnavailable?: (chaveAcesso: string, error: unknown) => void;
}

/**
 * Builds the national provider (`providers/nacional/`) for a municipality whose `provider` is
 * `nacional`: the DPS and event XSDs compiled once per process (in `ready`, before a city slot is
 * taken), the worker's signal and the call's credentials (the company's signer, and the agent
 * presenting its certificate and trusting the city's `caFile`) handed to every call.
 */
export function nacionalProviderFactory(shared: NacionalSharedOptions): ProviderFactory {
  return (municipality: MunicipalityConfig): Provider => {
    const clientOptions = { timeoutMs: shared.timeoutMs, maxResponseBytes: shared.maxResponseBytes };
    const client = new SefinClient({ ...clientOptions, baseUrl: municipality.endpoint });
    const danfseClient = shared.danfseBaseUrl === undefined ? undefined : new SefinClient({ ...clientOptions, baseUrl: shared.danfseBaseUrl });
    let provider: Promise<NacionalProvider> | undefined;
    const getProvider = (): Promise<NacionalProvider> => {
      provider ??= Promise.all([initXmlReader(), nacionalValidator('dps'), nacionalValidator('pedRegEvento')])
        .then(([, dps, pedRegEvento]) => new NacionalProvider({ municipality, client, danfseClient, validators: { dps, pedRegEvento }, onDanfseUnavailable: shared.onDanfseUnavailable }))
        .catch((error: unknown) => {
          provider = undefined;
          throw error;
        });
      return provider;
    };
    return {
      ready: (signal) =>
        raceAbort(async () => {
          await getProvider();
        }, signal),
      emit: async (request, dpsXml, signal, credentials) => (await raceAbort(getProvider(), signal)).emit(request, dpsXml, signal, credentials),
      consult: async (request) => (await getProvider()).consult(request),
      consultByRps: async (request, dpsXml, signal, credentials) => (await raceAbort(getProvider(), signal)).consultByRps(request, dpsXml, signal, credentials),
      cancel: async (request, signal, credentials) => (await raceAbort(getProvider(), signal)).cancel(request, signal, credentials),
    };
  };
}

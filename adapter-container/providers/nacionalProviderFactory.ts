import { readFileSync } from 'node:fs';
import type { MunicipalityConfig } from '../../contracts/municipality';
import { raceAbort } from '../../lib/concurrency/raceAbort';
import { initXmlReader } from '../xml/XmlReader';
import type { CredentialsSource } from './nacional/CompanyCredentials';
import { nacionalValidator } from './nacional/nacionalSchemas';
import { NacionalProvider } from './nacional/NacionalProvider';
import { SefinClient } from './nacional/SefinClient';
import type { Provider, ProviderFactory } from './Provider';

/** Options shared by every national municipality of this process (endpoint, CA and signing come from the registry). */
export interface NacionalSharedOptions {
  /** The companies' certificates: signer and mutual-TLS agent per company. */
  readonly credentials: CredentialsSource;
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
  /** Reads the city's `caFile`. @default fs.readFileSync as UTF-8 */
  readonly readCaFile?: (file: string) => string;
}

/**
 * Builds the national provider (`providers/nacional/`) for a municipality whose `provider` is
 * `nacional`: the DPS and event XSDs compiled once per process (in `ready`, before a city slot is
 * taken), the city's CA read once, the worker's signal handed to every call.
 */
export function nacionalProviderFactory(shared: NacionalSharedOptions): ProviderFactory {
  const readCa = shared.readCaFile ?? ((file: string): string => readFileSync(file, 'utf8'));
  return (municipality: MunicipalityConfig): Provider => {
    const ca = municipality.caFile === undefined ? undefined : readCa(municipality.caFile);
    const clientOptions = { ca, timeoutMs: shared.timeoutMs, maxResponseBytes: shared.maxResponseBytes };
    const client = new SefinClient({ ...clientOptions, baseUrl: municipality.endpoint });
    const danfseClient = shared.danfseBaseUrl === undefined ? undefined : new SefinClient({ ...clientOptions, baseUrl: shared.danfseBaseUrl });
    let provider: Promise<NacionalProvider> | undefined;
    const getProvider = (): Promise<NacionalProvider> => {
      provider ??= Promise.all([initXmlReader(), nacionalValidator('dps'), nacionalValidator('pedRegEvento')])
        .then(([, dps, pedRegEvento]) => new NacionalProvider({ municipality, client, danfseClient, credentials: shared.credentials, validators: { dps, pedRegEvento }, onDanfseUnavailable: shared.onDanfseUnavailable }))
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
      emit: async (request, dpsXml, signal) => (await raceAbort(getProvider(), signal)).emit(request, dpsXml, signal),
      consult: async (request) => (await getProvider()).consult(request),
      consultByRps: async (request, dpsXml, signal) => (await raceAbort(getProvider(), signal)).consultByRps(request, dpsXml, signal),
      cancel: async (request, signal) => (await raceAbort(getProvider(), signal)).cancel(request, signal),
    };
  };
}

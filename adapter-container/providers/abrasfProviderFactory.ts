import type { MunicipalityConfig } from '../municipalities/registry';
import { AbrasfProvider, type AbrasfProviderOptions } from './abrasf-2.04';
import type { Provider, ProviderFactory, ProviderOutcome } from './Provider';
import { untilAborted } from '../untilAborted';

/** Options shared by every ABRASF city of this process (the endpoint and mode come from the registry). */
export type AbrasfSharedOptions = Omit<AbrasfProviderOptions, 'endpoint' | 'mode' | 'municipalityCode'>;

/**
 * Fits the ABRASF 2.04 client (`providers/abrasf-2.04/`) to the worker's {@link Provider}: the
 * client is created once per municipality on first use (its `create()` is async), and a call is
 * abandoned when the worker's signal aborts (the client enforces its own HTTP timeout).
 */
export function abrasfProviderFactory(shared: AbrasfSharedOptions = {}): ProviderFactory {
  return (municipality: MunicipalityConfig): Provider => {
    let client: Promise<AbrasfProvider> | undefined;
    const getClient = (): Promise<AbrasfProvider> => {
      client ??= AbrasfProvider.create({ ...shared, endpoint: municipality.endpoint, mode: municipality.mode, municipalityCode: municipality.code }).catch((error: unknown) => {
        client = undefined;
        throw error;
      });
      return client;
    };
    return {
      emit: (request, rpsXml, signal) =>
        untilAborted(signal, async () => flatten(await (await getClient()).emit({ companyCnpj: request.companyCnpj, rps: request.rps, rpsXml, nfseXmlKey: request.invoice.nfseXmlKey }))),
      consult: (request, rpsXml, signal) =>
        untilAborted(signal, async () => flatten(await (await getClient()).consult({ companyCnpj: request.companyCnpj, protocol: request.protocol, rpsXml, nfseXmlKey: request.invoice.nfseXmlKey }))),
      consultByRps: (request, rpsXml, signal) =>
        untilAborted(signal, async () => {
          const found = await (await getClient()).consultByRps({ companyCnpj: request.companyCnpj, rps: request.rps, rpsXml, nfseXmlKey: request.invoice.nfseXmlKey });
          return found === undefined ? undefined : flatten(found);
        }),
      cancel: (request, signal) =>
        untilAborted(signal, async () =>
          (await getClient()).cancel({ companyCnpj: request.companyCnpj, municipalityCode: request.municipalityCode, nfseNumber: request.nfseNumber, reasonCode: request.reasonCode }),
        ),
    };
  };
}

/** The ABRASF client answers `{result, nfseXml?}`; the worker's outcome is the result with the XML beside it. */
function flatten(answer: { readonly result: Exclude<ProviderOutcome, { nfseXml: string }> | Omit<Extract<ProviderOutcome, { nfseXml: string }>, 'nfseXml'>; readonly nfseXml?: string }): ProviderOutcome {
  if (answer.result.outcome === 'issued') {
    if (answer.nfseXml === undefined) throw new Error('the ABRASF client answered issued without the NFS-e XML');
    return { ...answer.result, nfseXml: answer.nfseXml };
  }
  return answer.result;
}


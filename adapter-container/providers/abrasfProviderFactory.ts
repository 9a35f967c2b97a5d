import { raceAbort } from '../../lib/concurrency/raceAbort';
import type { MunicipalityConfig } from '../../contracts/municipality';
import { AbrasfProvider, type AbrasfProviderOptions } from './abrasf-2.04';
import type { Provider, ProviderFactory, ProviderOutcome } from './Provider';

/** Options shared by every ABRASF city of this process (the endpoint, mode and code overrides come from the registry). */
export type AbrasfSharedOptions = Omit<AbrasfProviderOptions, 'endpoint' | 'mode' | 'municipalityCode' | 'signing'>;

/**
 * Fits the ABRASF 2.04 client (`providers/abrasf-2.04/`) to the worker's {@link Provider}: the
 * client is created once per municipality on first use (its `create()` is async). The worker's
 * signal goes to the client, which aborts the HTTP request — the city sees the connection close,
 * so an abandoned call stops counting against its concurrency — and the call is given up at once
 * even while the client is still being created.
 */
export function abrasfProviderFactory(shared: AbrasfSharedOptions = {}): ProviderFactory {
  return (municipality: MunicipalityConfig): Provider => {
    let client: Promise<AbrasfProvider> | undefined;
    const getClient = (): Promise<AbrasfProvider> => {
      const codes = municipality.codes === undefined ? {} : { codes: { ...shared.codes, ...municipality.codes } };
      client ??= AbrasfProvider.create({ ...shared, ...codes, endpoint: municipality.endpoint, mode: municipality.mode, municipalityCode: municipality.code, signing: municipality.signing }).catch((error: unknown) => {
        client = undefined;
        throw error;
      });
      return client;
    };
    return {
      ready: (signal) =>
        raceAbort(async () => {
          await getClient();
        }, signal),
      emit: (request, rpsXml, signal, credentials) =>
        raceAbort(async () => {
          const input = { companyCnpj: request.companyCnpj, rps: request.rps, rpsXml, nfseXmlKey: request.invoice.nfseXmlKey };
          if (request.kind === 'emit') return flatten(await (await getClient()).emit(input, signal, credentials));
          // A substitution names the replaced NFS-e of this same city (a substitution never changes the municipality).
          const { nfseNumber, reasonCode } = request.substitutes;
          return flatten(await (await getClient()).substitute({ ...input, replaced: { nfseNumber, reasonCode, municipalityCode: request.municipalityCode } }, signal, credentials));
        }, signal),
      consult: (request, rpsXml, signal, credentials) =>
        raceAbort(async () => flatten(await (await getClient()).consult({ companyCnpj: request.companyCnpj, protocol: request.protocol, rpsXml, nfseXmlKey: request.invoice.nfseXmlKey }, signal, credentials)), signal),
      consultByRps: (request, rpsXml, signal, credentials) =>
        raceAbort(async () => {
          const replaces = request.kind === 'substitute' ? { replaces: request.substitutes.nfseNumber } : {};
          const found = await (await getClient()).consultByRps({ companyCnpj: request.companyCnpj, rps: request.rps, rpsXml, nfseXmlKey: request.invoice.nfseXmlKey, ...replaces }, signal, credentials);
          return found === undefined ? undefined : flatten(found);
        }, signal),
      cancel: (request, signal, credentials) =>
        raceAbort(
          async () => (await getClient()).cancel({ companyCnpj: request.companyCnpj, municipalityCode: request.municipalityCode, nfseNumber: request.nfseNumber, reasonCode: request.reasonCode }, signal, credentials),
          signal,
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


import type { Company } from '../../../contracts/company';
import { cancelarNfseEnvioXml, enviarLoteRpsEnvioXml, substituirNfseEnvioXml } from '../../../adapter-container/xml/abrasfMessages';
import { elementId, signElements } from '../../../adapter-container/xml/signElements';
import type { XmlDsigSigner } from '../../../adapter-container/xml/XmlDsigSigner';
import { buildDpsXml, type DpsInvoice, type DpsPrestador } from '../../../tasks/emit/dps/buildDpsXml';
import { buildRpsXml } from '../../../tasks/emit/rps/buildRpsXml';
import { CNPJ, rpsInvoice, SAO_PAULO } from './rpsFixtures';

/** One document to sign, and the `Id` of the element its signature covers. */
export interface DsigDocument {
  readonly name: string;
  readonly xml: string;
  readonly id: string;
}

function dpsInvoice(): DpsInvoice {
  return rpsInvoice({ rps: { serie: '1', numero: 42 } });
}

function dpsPrestador(): DpsPrestador {
  return {
    cnpj: CNPJ,
    inscricaoMunicipal: '12345678',
    municipalityCode: SAO_PAULO,
    taxRegime: { simplesNacional: 'naoOptante', regimeEspecial: 'nenhum', incentivoFiscal: false } satisfies Company['taxRegime'],
  };
}

function documentOf(name: string, xml: string, element: string): DsigDocument {
  const id = elementId(xml, element);
  if (id === undefined) throw new Error(`${name}: no ${element} with an Id`);
  return { name, xml, id };
}

/**
 * The documents NFS-e systems want signed, as the adapter builds them: an ABRASF RPS, a lot of
 * `lotSize` RPSs each signed by `signer` (the lot's signature covers theirs), a cancellation, a
 * substitution request holding a signed RPS, and a national DPS.
 */
export function dsigDocuments(signer: XmlDsigSigner, lotSize = 3): DsigDocument[] {
  const rpsOf = (numero: number): string => buildRpsXml(rpsInvoice({ invoiceId: `01JDZ8Y7Q5R3T2V1W0X9Y8Z${String(numero).padStart(3, '0')}`, rps: { serie: 'A1', numero } }));
  const signedRps = (numero: number): string => signElements(rpsOf(numero), ['InfDeclaracaoPrestacaoServico'], signer);
  const lot = enviarLoteRpsEnvioXml(Array.from({ length: lotSize }, (_, i) => signedRps(i + 1)).join(''), { numeroLote: 42, cnpj: CNPJ });
  const cancellation = cancelarNfseEnvioXml({ nfseNumber: '7', cnpj: CNPJ, municipalityCode: SAO_PAULO, reasonCode: 1 });
  const substitution = signElements(substituirNfseEnvioXml(signedRps(9), { nfseNumber: '7', cnpj: CNPJ, municipalityCode: SAO_PAULO, reasonCode: 2 }), ['InfPedidoCancelamento'], signer);
  const dps = buildDpsXml(dpsInvoice(), dpsPrestador(), { environment: 'homologacao' });
  return [
    documentOf('ABRASF RPS', rpsOf(1), 'InfDeclaracaoPrestacaoServico'),
    documentOf(`lot of ${lotSize} signed RPSs`, lot, 'LoteRps'),
    documentOf('cancellation', cancellation, 'InfPedidoCancelamento'),
    documentOf('substitution', substitution, 'SubstituicaoNfse'),
    documentOf('national DPS', dps, 'infDPS'),
  ];
}

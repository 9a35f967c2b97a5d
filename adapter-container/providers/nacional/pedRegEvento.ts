import { create } from 'xmlbuilder2';
import { NACIONAL_EVENT_TYPES } from '../../../contracts/nacionalApi';

const NFSE_NACIONAL_NS = 'http://www.sped.fazenda.gov.br/nfse';

/** A cancellation (`e101101`) as the prestador asks it. */
export interface CancellationEvent {
  readonly chaveAcesso: string;
  /** The author: the prestador's CNPJ (or CPF, 11 digits). */
  readonly author: string;
  /** `cMotivo`: 1, 2 or 9. */
  readonly reasonCode: number;
  /** `xMotivo`: 15 to 255 characters. */
  readonly reason: string;
  /** `dhEvento`, as `TSDateTimeUTC` (`2026-11-23T09:30:00-03:00`). */
  readonly at: string;
  /** `tpAmb`. */
  readonly environment: 'producao' | 'homologacao';
  /** `verAplic`. @default 'nfse-flow' */
  readonly appVersion?: string;
}

/** The `Id` of a pedRegEvento (TSIdPedRegEvt, 59 characters): `PRE` + the key (50) + the event type (6). */
export function pedRegEventoId(chaveAcesso: string, eventType: string): string {
  return `PRE${chaveAcesso}${eventType}`;
}

/**
 * The national cancellation request, unsigned: `pedRegEvento/infPedReg` with `e101101`. The
 * caller signs `infPedReg` (by its `Id`), gzips it and posts it to `/nfse/{chave}/eventos`.
 */
export function cancellationRequestXml(event: CancellationEvent): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NFSE_NACIONAL_NS, 'pedRegEvento', { versao: '1.01' });
  const inf = root.ele('infPedReg', { Id: pedRegEventoId(event.chaveAcesso, NACIONAL_EVENT_TYPES.cancellation) });
  inf.ele('tpAmb').txt(event.environment === 'producao' ? '1' : '2');
  inf.ele('verAplic').txt(event.appVersion ?? 'nfse-flow');
  inf.ele('dhEvento').txt(event.at);
  inf.ele(event.author.length === 11 ? 'CPFAutor' : 'CNPJAutor').txt(event.author);
  inf.ele('chNFSe').txt(event.chaveAcesso);
  const e101101 = inf.ele(`e${NACIONAL_EVENT_TYPES.cancellation}`);
  e101101.ele('xDesc').txt('Cancelamento de NFS-e');
  e101101.ele('cMotivo').txt(String(event.reasonCode));
  e101101.ele('xMotivo').txt(event.reason);
  return root.end({ headless: true });
}

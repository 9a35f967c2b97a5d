import { randomBytes } from 'node:crypto';
import { isValidCnpj } from '../../contracts/cnpj';
import { brasiliaLocal, compNfseXml, listaMensagemRetornoXml, nfseCancelamentoXml, respostaXml, type MockMessage, type MockNfseFields } from './mockResponses';
import type { ProviderMockKnobs } from './mockKnobs';
import { MockStats as Stats } from './MockStats';
import type { MockRequest, ReceivedRps, RpsId } from './parseMockRequests';

/** The mock's message codes (see adapter-container/providers/abrasf-2.04/cityCodes.ts). */
export const MOCK_CODES = {
  schema: 'E160',
  invalidCnpj: 'E46',
  rpsAlreadyInformed: 'E10',
  rpsNotFound: 'E4',
  notYetProcessed: 'E92',
  unknownProtocol: 'E86',
  nfseNotFound: 'E78',
  alreadyCancelled: 'E79',
  asyncOnly: 'E999',
} as const;

interface IssuedNfse {
  readonly fields: MockNfseFields;
  cancelamento?: { readonly reasonCode: string; readonly dataHora: string };
}

interface Lot {
  readonly city: string;
  readonly protocolo: string;
  readonly numeroLote: string;
  readonly cnpj: string;
  readonly rps: readonly ReceivedRps[];
  consultations: number;
  issued?: IssuedNfse[];
  messages?: MockMessage[];
}

/** Which answer document an operation's messages go in. */
const RESPOSTA: Record<MockRequest['operation'], string> = {
  GerarNfse: 'GerarNfseResposta',
  RecepcionarLoteRps: 'EnviarLoteRpsResposta',
  ConsultarLoteRps: 'ConsultarLoteRpsResposta',
  ConsultarNfsePorRps: 'ConsultarNfseRpsResposta',
  CancelarNfse: 'CancelarNfseResposta',
};

/** The answer (outputXML) of `operation` carrying only these messages. */
export function messagesAnswer(operation: MockRequest['operation'], messages: readonly MockMessage[]): string {
  const situacao = operation === 'ConsultarLoteRps' ? '<Situacao>3</Situacao>' : '';
  return respostaXml(RESPOSTA[operation], situacao + listaMensagemRetornoXml(messages));
}

/**
 * The municipal ABRASF systems in memory, one per city (the IBGE code of the endpoint each request
 * came to): each numbers its own NFS-e, remembers every RPS by (cnpj, serie, numero), processes
 * batches after a number of consultations, cancels. Cities keep their RPS apart, as separate city
 * systems do, unless the `rpsScope` knob makes them share one index (a misbehaving provider).
 */
export class AbrasfMock {
  private nextNumber = new Map<string, number>();
  private byRps = new Map<string, IssuedNfse>();
  private byNumber = new Map<string, IssuedNfse>();
  private lots = new Map<string, Lot>();
  private pendingLotByRps = new Map<string, string>();
  private protocolSeq = 0;

  constructor(
    private readonly knobs: () => ProviderMockKnobs,
    private readonly stats: Stats,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Answers one request to the system of `city` (outputXML). `rejectWith` forces a rejection (an
   * injected failure).
   */
  handle(city: string, request: MockRequest, rejectWith?: MockMessage): string {
    if (rejectWith !== undefined) return this.reject(request.operation, [rejectWith]);
    switch (request.operation) {
      case 'GerarNfse':
        return this.gerarNfse(city, request.rps);
      case 'RecepcionarLoteRps':
        return this.recepcionarLote(city, request.numeroLote, request.cnpj, request.rps);
      case 'ConsultarLoteRps':
        return this.consultarLote(city, request.cnpj, request.protocolo);
      case 'ConsultarNfsePorRps': {
        const nfse = this.byRps.get(this.rpsKey(city, request.rps));
        if (nfse === undefined) return messagesAnswer(request.operation, [{ code: MOCK_CODES.rpsNotFound, message: 'RPS não encontrado na base de dados.' }]);
        return respostaXml('ConsultarNfseRpsResposta', compNfseXml(nfse.fields, nfse.cancelamento));
      }
      case 'CancelarNfse':
        return this.cancelar(city, request.numero, request.cnpj, request.municipalityCode, request.reasonCode);
    }
  }

  /** A rejection, counted. */
  reject(operation: MockRequest['operation'], messages: readonly MockMessage[]): string {
    this.stats.recordRejected();
    return messagesAnswer(operation, messages);
  }

  /** Forgets every NFS-e, batch and number. */
  reset(): void {
    this.nextNumber.clear();
    this.byRps.clear();
    this.byNumber.clear();
    this.lots.clear();
    this.pendingLotByRps.clear();
    this.protocolSeq = 0;
  }

  private cnpjProblem(cnpj: string): MockMessage | undefined {
    if (cnpj.length === 11) return undefined;
    if (/[A-Z]/.test(cnpj) && !this.knobs().acceptAlphanumericCnpj) return { code: MOCK_CODES.invalidCnpj, message: 'CNPJ alfanumérico ainda não aceito por este município.' };
    return isValidCnpj(cnpj) ? undefined : { code: MOCK_CODES.invalidCnpj, message: 'CNPJ do prestador inválido.' };
  }

  /** Where the RPS index keeps an RPS: per city, or one index for every city when `rpsScope` is `shared`. */
  private rpsKey(city: string, rps: RpsId): string {
    return this.knobs().rpsScope === 'shared' ? Stats.rpsKey('*', rps) : Stats.rpsKey(city, rps);
  }

  private modeOf(municipalityCode: string): 'sync' | 'async' {
    const knobs = this.knobs();
    return knobs.cityModes[municipalityCode] ?? knobs.defaultMode;
  }

  private duplicateMessage(): MockMessage {
    return { code: MOCK_CODES.rpsAlreadyInformed, message: 'RPS já informado.', correction: 'Consulte a NFS-e pelo RPS (ConsultarNfsePorRps).' };
  }

  private gerarNfse(city: string, rps: ReceivedRps): string {
    const problem = this.cnpjProblem(rps.cnpj);
    if (problem !== undefined) return this.reject('GerarNfse', [problem]);
    if (this.modeOf(city) === 'async') {
      return this.reject('GerarNfse', [{ code: MOCK_CODES.asyncOnly, message: 'Este município processa RPS apenas em lote (RecepcionarLoteRps).' }]);
    }
    const key = this.rpsKey(city, rps);
    const existing = this.byRps.get(key);
    if (existing !== undefined || this.pendingLotByRps.has(key)) {
      if (existing !== undefined && this.knobs().duplicateRps === 'returnExisting') return respostaXml('GerarNfseResposta', `<ListaNfse>${compNfseXml(existing.fields, existing.cancelamento)}</ListaNfse>`);
      return this.reject('GerarNfse', [this.duplicateMessage()]);
    }
    const nfse = this.issue(city, rps);
    return respostaXml('GerarNfseResposta', `<ListaNfse>${compNfseXml(nfse.fields)}</ListaNfse>`);
  }

  private recepcionarLote(city: string, numeroLote: string, cnpj: string, rps: readonly ReceivedRps[]): string {
    const problem = this.cnpjProblem(cnpj);
    if (problem !== undefined) return this.reject('RecepcionarLoteRps', [problem]);
    const keys = rps.map((entry) => this.rpsKey(city, entry));
    const pending = keys.map((key) => this.pendingLotByRps.get(key)).find((protocolo) => protocolo !== undefined);
    const pendingLot = pending === undefined ? undefined : this.lots.get(pending);
    if (pendingLot !== undefined) return this.received(pendingLot); // a resend of a batch still in the queue
    const existing = keys.map((key) => this.byRps.get(key)).filter((nfse): nfse is IssuedNfse => nfse !== undefined);
    if (existing.length > 0 && this.knobs().duplicateRps === 'reject') return this.reject('RecepcionarLoteRps', [this.duplicateMessage()]);
    this.protocolSeq += 1;
    const protocolo = `${this.now()}${String(this.protocolSeq).padStart(6, '0')}`;
    const lot: Lot = { city, protocolo, numeroLote, cnpj, rps, consultations: 0, ...(existing.length > 0 ? { issued: existing } : {}) };
    this.lots.set(protocolo, lot);
    if (lot.issued === undefined) for (const key of keys) this.pendingLotByRps.set(key, protocolo);
    return this.received(lot);
  }

  private received(lot: Lot): string {
    return respostaXml('EnviarLoteRpsResposta', `<NumeroLote>${lot.numeroLote}</NumeroLote><DataRecebimento>${brasiliaLocal(this.now())}</DataRecebimento><Protocolo>${lot.protocolo}</Protocolo>`);
  }

  private consultarLote(city: string, cnpj: string, protocolo: string): string {
    const lot = this.lots.get(protocolo);
    if (lot === undefined || lot.cnpj !== cnpj || lot.city !== city) return this.reject('ConsultarLoteRps', [{ code: MOCK_CODES.unknownProtocol, message: 'Protocolo não encontrado para este prestador.' }]);
    if (lot.issued === undefined && lot.messages === undefined) {
      if (lot.consultations < this.knobs().pendingConsults) {
        lot.consultations += 1;
        return respostaXml('ConsultarLoteRpsResposta', `<Situacao>2</Situacao>${listaMensagemRetornoXml([{ code: MOCK_CODES.notYetProcessed, message: 'Lote ainda não processado. Consulte novamente mais tarde.' }])}`);
      }
      this.process(lot);
    }
    if (lot.issued !== undefined && lot.issued.length > 0) {
      const list = lot.issued.map((nfse) => compNfseXml(nfse.fields, nfse.cancelamento)).join('');
      return respostaXml('ConsultarLoteRpsResposta', `<Situacao>4</Situacao><ListaNfse>${list}</ListaNfse>`);
    }
    return messagesAnswer('ConsultarLoteRps', lot.messages ?? [this.duplicateMessage()]);
  }

  private process(lot: Lot): void {
    const issued: IssuedNfse[] = [];
    for (const entry of lot.rps) {
      const key = this.rpsKey(lot.city, entry);
      this.pendingLotByRps.delete(key);
      if (!this.byRps.has(key)) issued.push(this.issue(lot.city, entry));
    }
    if (issued.length > 0) lot.issued = issued;
    else {
      lot.messages = [this.duplicateMessage()];
      this.stats.recordRejected();
    }
  }

  private issue(city: string, rps: ReceivedRps): IssuedNfse {
    const numero = (this.nextNumber.get(city) ?? 0) + 1;
    this.nextNumber.set(city, numero);
    const fields: MockNfseFields = {
      numero,
      codigoVerificacao: randomBytes(6).toString('base64url').replace(/[^A-Za-z0-9]/g, 'X').slice(0, 8).toUpperCase(),
      dataEmissao: brasiliaLocal(this.now()),
      municipalityCode: city,
      cnpj: rps.cnpj,
      valorServicos: rps.valorServicos,
      ...(rps.aliquota === undefined ? {} : { aliquota: rps.aliquota }),
      ...(rps.valorIss === undefined ? {} : { valorIss: rps.valorIss }),
      declaracaoXml: rps.declaracaoXml,
    };
    const nfse: IssuedNfse = { fields };
    this.byRps.set(this.rpsKey(city, rps), nfse);
    this.byNumber.set(`${city}/${numero}`, nfse);
    this.stats.recordIssued(Stats.rpsKey(city, rps));
    return nfse;
  }

  private cancelar(city: string, numero: string, cnpj: string, municipalityCode: string, reasonCode: string): string {
    const knobs = this.knobs();
    if (knobs.rejectCancellations) return this.reject('CancelarNfse', [{ code: knobs.cancellationRejectionCode, message: 'Cancelamento não permitido para esta NFS-e (mock).' }]);
    const nfse = municipalityCode === city ? this.byNumber.get(`${city}/${Number(numero)}`) : undefined;
    if (nfse === undefined || nfse.fields.cnpj !== cnpj) return this.reject('CancelarNfse', [{ code: MOCK_CODES.nfseNotFound, message: 'NFS-e não encontrada para este prestador.' }]);
    if (nfse.cancelamento !== undefined) return this.reject('CancelarNfse', [{ code: MOCK_CODES.alreadyCancelled, message: 'Essa NFS-e já está cancelada.' }]);
    nfse.cancelamento = { reasonCode, dataHora: brasiliaLocal(this.now()) };
    this.stats.recordCancelled();
    return respostaXml('CancelarNfseResposta', `<RetCancelamento>${nfseCancelamentoXml(nfse.fields, reasonCode, nfse.cancelamento.dataHora)}</RetCancelamento>`);
  }
}

import { randomBytes } from 'node:crypto';
import { isValidCnpj } from '../../contracts/cnpj';
import { brasiliaLocal, compNfseXml, listaMensagemRetornoXml, nfseCancelamentoXml, respostaXml, type MockCancelamento, type MockMessage, type MockNfseFields } from './mockResponses';
import type { CityState, MockEvent, MockEventSink } from './mockEvents';
import type { ProviderMockKnobs } from './mockKnobs';
import { MockStats as Stats } from './MockStats';
import type { CancellationRequest, MockRequest, ReceivedRps, RpsId } from './parseMockRequests';

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
  cancelamento?: MockCancelamento;
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
  SubstituirNfse: 'SubstituirNfseResposta',
};

/** The answer (outputXML) of `operation` carrying only these messages. */
export function messagesAnswer(operation: MockRequest['operation'], messages: readonly MockMessage[]): string {
  const situacao = operation === 'ConsultarLoteRps' ? '<Situacao>3</Situacao>' : '';
  return respostaXml(RESPOSTA[operation], situacao + listaMensagemRetornoXml(messages));
}

/**
 * The municipal ABRASF systems, one per city (the IBGE code of the endpoint each request came to):
 * each numbers its own NFS-e, remembers every RPS by (cnpj, serie, numero), processes batches
 * after a number of consultations, cancels, and substitutes (one NFS-e issued for the RPS, the
 * replaced one cancelled by it, in one change). Cities keep their RPS apart, as separate city systems
 * do, unless the `rpsScope` knob makes them share one index (a misbehaving provider).
 *
 * A real city never forgets what it issued: every change is an event written to the sink (the
 * journal under `--data`) before it is applied, so before the answer that reveals it, and
 * {@link apply} replays the journal after a restart.
 */
export class AbrasfMock {
  private nextNumber = new Map<string, number>();
  private byRps = new Map<string, IssuedNfse>();
  /** Every NFS-e by `{city}/{numero}`, the key events use. */
  private byNumber = new Map<string, IssuedNfse>();
  private lots = new Map<string, Lot>();
  private pendingLotByRps = new Map<string, string>();
  private protocolSeq = 0;

  constructor(
    private readonly knobs: () => ProviderMockKnobs,
    private readonly stats: Stats,
    private readonly now: () => number = Date.now,
    private sink?: MockEventSink,
  ) {}

  /** Where changes are written from now on. */
  writeTo(sink: MockEventSink | undefined): void {
    this.sink = sink;
  }

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
      case 'SubstituirNfse':
        return this.substituir(city, request.rps, request.replaced);
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

  /** Applies one event of the journal (stats events are the stats' own). */
  apply(event: MockEvent): void {
    switch (event.kind) {
      case 'issued': {
        const nfse: IssuedNfse = { fields: event.fields };
        const { municipalityCode: city, numero } = event.fields;
        this.nextNumber.set(city, Math.max(this.nextNumber.get(city) ?? 0, numero));
        this.byRps.set(event.indexKey, nfse);
        this.byNumber.set(`${city}/${numero}`, nfse);
        return;
      }
      case 'cancelled': {
        const nfse = this.byNumber.get(event.numberKey);
        if (nfse !== undefined) nfse.cancelamento = event.cancelamento;
        return;
      }
      case 'substituted': {
        this.apply({ kind: 'issued', indexKey: event.indexKey, fields: event.fields });
        this.apply({ kind: 'cancelled', numberKey: event.numberKey, cancelamento: event.cancelamento });
        return;
      }
      case 'lotReceived': {
        this.protocolSeq += 1;
        const existing = this.resolve(event.existing);
        this.lots.set(event.protocolo, { city: event.city, protocolo: event.protocolo, numeroLote: event.numeroLote, cnpj: event.cnpj, rps: event.rps, consultations: 0, ...(existing === undefined ? {} : { issued: existing }) });
        for (const key of event.pending) this.pendingLotByRps.set(key, event.protocolo);
        return;
      }
      case 'lotConsulted': {
        const lot = this.lots.get(event.protocolo);
        if (lot !== undefined) lot.consultations += 1;
        return;
      }
      case 'lotProcessed': {
        const lot = this.lots.get(event.protocolo);
        for (const key of event.released) this.pendingLotByRps.delete(key);
        if (lot === undefined) return;
        if (event.issued.length > 0) lot.issued = this.resolve(event.issued);
        else lot.messages = event.messages ?? [this.duplicateMessage()];
        return;
      }
      case 'snapshot':
        this.restore(event.city);
        return;
      default:
        return;
    }
  }

  /** Everything the cities hold, as the journal's compacted first line. */
  state(): CityState {
    const numberKeyOf = new Map<IssuedNfse, string>([...this.byNumber].map(([key, nfse]) => [nfse, key]));
    const keysOf = (list: readonly IssuedNfse[] | undefined): string[] | undefined => list?.map((nfse) => numberKeyOf.get(nfse) ?? '');
    return structuredClone({
      numbering: Object.fromEntries(this.nextNumber),
      protocolSeq: this.protocolSeq,
      nfse: [...this.byNumber.values()].map((nfse) => ({ fields: nfse.fields, ...(nfse.cancelamento === undefined ? {} : { cancelamento: nfse.cancelamento }) })),
      byRps: [...this.byRps].map(([key, nfse]): [string, string] => [key, numberKeyOf.get(nfse) ?? '']),
      lots: [...this.lots.values()].map((lot) => ({
        city: lot.city,
        protocolo: lot.protocolo,
        numeroLote: lot.numeroLote,
        cnpj: lot.cnpj,
        rps: [...lot.rps],
        consultations: lot.consultations,
        ...(lot.issued === undefined ? {} : { issued: keysOf(lot.issued) }),
        ...(lot.messages === undefined ? {} : { messages: lot.messages }),
      })),
      pending: [...this.pendingLotByRps],
    });
  }

  private restore(state: CityState): void {
    this.reset();
    for (const { fields, cancelamento } of structuredClone(state.nfse)) this.byNumber.set(`${fields.municipalityCode}/${fields.numero}`, { fields, ...(cancelamento === undefined ? {} : { cancelamento }) });
    for (const [key, numberKey] of state.byRps) {
      const nfse = this.byNumber.get(numberKey);
      if (nfse !== undefined) this.byRps.set(key, nfse);
    }
    for (const { issued: issuedKeys, ...lot } of structuredClone(state.lots)) {
      const issued = this.resolve(issuedKeys);
      this.lots.set(lot.protocolo, { ...lot, ...(issued === undefined ? {} : { issued }) });
    }
    this.pendingLotByRps = new Map(state.pending);
    this.nextNumber = new Map(Object.entries(state.numbering));
    this.protocolSeq = state.protocolSeq;
  }

  /** NFS-e by their `{city}/{numero}` keys. */
  private resolve(keys: readonly string[] | undefined): IssuedNfse[] | undefined {
    return keys?.map((key) => this.byNumber.get(key)).filter((nfse): nfse is IssuedNfse => nfse !== undefined);
  }

  /** Writes a change, then applies it: once answered, it survives a crash. */
  private record(event: MockEvent): void {
    this.sink?.append(event);
    this.apply(event);
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
    const protocolo = `${this.now()}${String(this.protocolSeq + 1).padStart(6, '0')}`;
    const existingKeys = existing.map((nfse) => `${nfse.fields.municipalityCode}/${nfse.fields.numero}`);
    this.record({ kind: 'lotReceived', city, protocolo, numeroLote, cnpj, rps: [...rps], ...(existing.length > 0 ? { existing: existingKeys } : {}), pending: existing.length > 0 ? [] : keys });
    const lot = this.lots.get(protocolo);
    if (lot === undefined) throw new Error(`lot ${protocolo} was not recorded`);
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
        this.record({ kind: 'lotConsulted', protocolo });
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
    const released: string[] = [];
    const issued: string[] = [];
    for (const entry of lot.rps) {
      const key = this.rpsKey(lot.city, entry);
      released.push(key);
      if (this.byRps.has(key)) continue;
      const nfse = this.issue(lot.city, entry);
      issued.push(`${lot.city}/${nfse.fields.numero}`);
    }
    this.record({ kind: 'lotProcessed', protocolo: lot.protocolo, released, issued, ...(issued.length > 0 ? {} : { messages: [this.duplicateMessage()] }) });
    if (issued.length === 0) this.stats.recordRejected();
  }

  private issue(city: string, rps: ReceivedRps): IssuedNfse {
    const fields = this.newNfseFields(city, rps);
    this.record({ kind: 'issued', indexKey: this.rpsKey(city, rps), fields });
    this.stats.recordIssued(Stats.rpsKey(city, rps));
    return this.issuedAs(city, fields.numero);
  }

  /** The NFS-e recorded under this number. */
  private issuedAs(city: string, numero: number): IssuedNfse {
    const nfse = this.byNumber.get(`${city}/${numero}`);
    if (nfse === undefined) throw new Error(`NFS-e ${city}/${numero} was not recorded`);
    return nfse;
  }

  /** The next NFS-e of `city` for this RPS (not recorded yet). */
  private newNfseFields(city: string, rps: ReceivedRps): MockNfseFields {
    const numero = (this.nextNumber.get(city) ?? 0) + 1;
    return {
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
  }

  /**
   * SubstituirNfse: refused as a city refuses it (an unknown NFS-e or another prestador's E78, one
   * already cancelled or replaced E79, an RPS already informed E10); otherwise the RPS's NFS-e is
   * issued naming the one it replaces (`NfseSubstituida`), and that one is cancelled by it
   * (`NfseSubstituicao`), in one journal event: a crash never leaves half a substitution.
   */
  private substituir(city: string, rps: ReceivedRps, replaced: CancellationRequest): string {
    const problem = this.cnpjProblem(rps.cnpj);
    if (problem !== undefined) return this.reject('SubstituirNfse', [problem]);
    const numberKey = `${city}/${Number(replaced.numero)}`;
    const old = replaced.municipalityCode === city ? this.byNumber.get(numberKey) : undefined;
    if (old === undefined || old.fields.cnpj !== replaced.cnpj || rps.cnpj !== replaced.cnpj) return this.reject('SubstituirNfse', [{ code: MOCK_CODES.nfseNotFound, message: 'NFS-e não encontrada para este prestador.' }]);
    if (old.cancelamento !== undefined) {
      const by = old.cancelamento.substitutedBy;
      return this.reject('SubstituirNfse', [{ code: MOCK_CODES.alreadyCancelled, message: by === undefined ? 'Essa NFS-e já está cancelada.' : `Essa NFS-e já está cancelada: substituída pela NFS-e ${by}.` }]);
    }
    const key = this.rpsKey(city, rps);
    if (this.byRps.has(key) || this.pendingLotByRps.has(key)) return this.reject('SubstituirNfse', [this.duplicateMessage()]);
    const fields: MockNfseFields = { ...this.newNfseFields(city, rps), nfseSubstituida: old.fields.numero };
    const cancelamento: MockCancelamento = { reasonCode: replaced.reasonCode, dataHora: brasiliaLocal(this.now(), { millis: true }), substitutedBy: fields.numero };
    this.record({ kind: 'substituted', indexKey: key, fields, numberKey, cancelamento });
    this.stats.recordIssued(Stats.rpsKey(city, rps));
    this.stats.recordSubstituted();
    const replacing = this.issuedAs(city, fields.numero);
    return respostaXml(
      'SubstituirNfseResposta',
      `<RetSubstituicao><NfseSubstituida>${compNfseXml(old.fields, old.cancelamento)}</NfseSubstituida><NfseSubstituidora>${compNfseXml(replacing.fields)}</NfseSubstituidora></RetSubstituicao>`,
    );
  }

  private cancelar(city: string, numero: string, cnpj: string, municipalityCode: string, reasonCode: string): string {
    const knobs = this.knobs();
    if (knobs.rejectCancellations) return this.reject('CancelarNfse', [{ code: knobs.cancellationRejectionCode, message: 'Cancelamento não permitido para esta NFS-e (mock).' }]);
    const numberKey = `${city}/${Number(numero)}`;
    const nfse = municipalityCode === city ? this.byNumber.get(numberKey) : undefined;
    if (nfse === undefined || nfse.fields.cnpj !== cnpj) return this.reject('CancelarNfse', [{ code: MOCK_CODES.nfseNotFound, message: 'NFS-e não encontrada para este prestador.' }]);
    if (nfse.cancelamento !== undefined) return this.reject('CancelarNfse', [{ code: MOCK_CODES.alreadyCancelled, message: 'Essa NFS-e já está cancelada.' }]);
    // With its milliseconds (xsd:dateTime allows them): cut to the second, the cancellation read as earlier than its request.
    const cancelamento = { reasonCode, dataHora: brasiliaLocal(this.now(), { millis: true }) };
    this.record({ kind: 'cancelled', numberKey, cancelamento });
    this.stats.recordCancelled();
    return respostaXml('CancelarNfseResposta', `<RetCancelamento>${nfseCancelamentoXml(nfse.fields, reasonCode, cancelamento.dataHora)}</RetCancelamento>`);
  }
}

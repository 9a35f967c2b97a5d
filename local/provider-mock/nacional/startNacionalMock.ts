import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import forge from 'node-forge';
import pino, { type Logger } from 'pino';
import { ZodError } from 'zod';
import { NACIONAL_EVENT_TYPES, SefinEmitRequestSchema, SefinEventRequestSchema } from '../../../contracts/nacionalApi';
import { fromGzipBase64, toGzipBase64 } from '../../../adapter-container/providers/nacional/gzipBase64';
import { nacionalValidator } from '../../../adapter-container/providers/nacional/nacionalSchemas';
import type { SchemaValidator } from '../../../adapter-container/xml/SchemaValidator';
import { XmlDsigSigner } from '../../../adapter-container/xml/XmlDsigSigner';
import { initXmlReader, readXml, XmlReadError } from '../../../adapter-container/xml/XmlReader';
import { verifyXmlSignature } from '../../../adapter-container/xml/verifyXmlSignature';
import { cnpjOfCertificate } from '../../../lib/certificates/cnpjOfCertificate';
import { issueServerCertificate, type TestCa } from '../../certificates/testPki';
import { checkRequest } from '../../guard/checkRequest';
import { HostAllowList } from '../../guard/HostAllowList';
import { chaveAcessoOf } from './chaveAcesso';
import { danfsePdf } from './danfsePdf';
import { applyNacionalKnobsPatch, defaultNacionalKnobs, NacionalFaultPlan, type NacionalFailNext, type NacionalMockKnobs, type NacionalMockKnobsPatch, type NacionalOperation } from './nacionalKnobs';
import { brasiliaTimestamp, eventoXml, nfseXml } from './nationalDocuments';
import { SefinLedger, type NacionalMockStatsSnapshot, type RegisteredEvent } from './SefinLedger';

/** The mock's own answer codes (the national system's where docs/nacional.md names one). */
export const NACIONAL_MOCK_CODES = {
  /** The DPS's série and number already produced an NFS-e. */
  alreadyIssued: 'E0014',
  /** Not valid against the layout's XSD. */
  schema: 'E1235',
  /** The XMLDSig does not verify, or its certificate is not trusted. */
  signature: 'E0714',
  /** The signing or the connection's certificate is not the prestador's (or the event's author's). */
  certificate: 'E0715',
  /** The body is not the JSON, gzip or base64 the operation takes, or the Id does not match the DPS. */
  malformed: 'E1227',
  /** No NFS-e, DPS or event by that key. */
  notFound: 'E0500',
  /** The NFS-e is cancelled already. */
  alreadyCancelled: 'E0840',
  /** An event type the mock does not register. */
  eventNotSupported: 'E0006',
  /** The municipality is not on the national system. */
  notAdhered: 'E0404',
} as const;

/** A municipality on the national system, as the mock knows it (for names and `/parametros_municipais`). */
export interface NacionalMockMunicipality {
  readonly code: string;
  readonly name: string;
}

/** Options of the national mock. */
export interface NacionalMockOptions {
  /** Issues the mock's server certificate and is the only CA trusted for client certificates. */
  readonly ca: TestCa;
  /** 0 picks a free port. @default 4581 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** The `Host` names it answers to. @default loopback names and `host` */
  readonly allowedHosts?: HostAllowList;
  /** The municipalities that adhered (`GET /parametros_municipais/{cMun}/convenio`). @default none */
  readonly municipalities?: readonly NacionalMockMunicipality[];
  /** Initial knobs over the defaults (`reset` returns to these). */
  readonly knobs?: NacionalMockKnobsPatch;
  /** @default pino at `info` on stderr */
  readonly logger?: Logger;
  /** @default Date.now */
  readonly now?: () => number;
  /** How latency is waited (e.g. the local cloud's scaled clock). @default real timers */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The error rates' draws and the keys' numeric codes. @default Math.random */
  readonly random?: () => number;
  /** Keep what it issued across restarts (`ledger.jsonl` there). @default in memory */
  readonly dataDir?: string;
}

/** The national mock's API and knobs, wherever it is served (see {@link createNacionalMock}). */
export interface NacionalMockService {
  readonly knobs: {
    get(): NacionalMockKnobs;
    set(patch: NacionalMockKnobsPatch): NacionalMockKnobs;
    failNext(request: NacionalFailNext): void;
  };
  stats(): NacionalMockStatsSnapshot;
  /** The events registered against an NFS-e (of one type if given), as `GET /nfse/{chave}/eventos` lists them to its prestador. */
  events(chaveAcesso: string, type?: string): readonly RegisteredEvent[];
  /** Forgets NFS-e, events, stats and queued failures; knobs return to the initial ones unless `keepKnobs`. */
  reset(options?: { readonly keepKnobs?: boolean }): void;
  /**
   * Answers one request of an HTTPS listener that asked for the client's certificate: the API
   * under {@link SEFIN_BASE_PATH}, its knobs under `adminPrefix` (`/_mock/config`, `/fail`,
   * `/stats`, `/reset` below it).
   */
  handle(req: IncomingMessage, res: ServerResponse, adminPrefix: string): void;
  /** Answers nothing more: held answers dropped, the ledger closed. */
  close(): void;
}

/** A running national mock on a listener of its own. */
export interface NacionalMock extends Omit<NacionalMockService, 'handle' | 'close'> {
  /** The API's base URL (`https://127.0.0.1:4581/SefinNacional`): a national city's `endpoint`. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** The API's path below the host, as the national system's. */
export const SEFIN_BASE_PATH = '/SefinNacional';

interface Answer {
  readonly status: number;
  readonly json?: unknown;
  readonly pdf?: Buffer;
}

const refusal = (status: number, code: string, message: string, complement?: string): Answer => ({
  status,
  json: { tipoAmbiente: 2, versaoAplicativo: 'SefinNacional-mock', dataHoraProcessamento: new Date().toISOString(), erros: [{ Codigo: code, Descricao: message, Complemento: complement ?? null }] },
});

/** The client certificate's CNPJ and name, from the TLS connection. */
function clientOf(req: IncomingMessage): { readonly cnpj?: string; readonly name?: string } | undefined {
  const socket = req.socket as TLSSocket;
  if (!socket.authorized) return undefined;
  const peer = socket.getPeerCertificate();
  if (peer.raw === undefined) return undefined;
  const certificate = forge.pki.certificateFromAsn1(forge.asn1.fromDer(peer.raw.toString('binary')));
  const commonName = certificate.subject.getField('CN') as { value?: unknown } | null;
  const name = typeof commonName?.value === 'string' ? commonName.value.split(':')[0] : undefined;
  return { cnpj: cnpjOfCertificate(certificate), ...(name === undefined ? {} : { name }) };
}

/** The CNPJ an XMLDSig certificate (Node's X509Certificate) was issued for. */
function cnpjOfSigner(raw: Buffer): string | undefined {
  return cnpjOfCertificate(forge.pki.certificateFromAsn1(forge.asn1.fromDer(raw.toString('binary'))));
}

/** `cMun/cnpj/serie/numero` of a DPS Id, as the stats key an RPS. */
function rpsKeyOfDpsId(id: string): string | undefined {
  const match = /^DPS(\d{7})([12])([0-9A-Z]{14})(\d{5})(\d{15})$/.exec(id);
  if (match === null) return undefined;
  const [, city = '', type = '', document = '', serie = '', numero = ''] = match;
  return `${city}/${type === '1' ? document.slice(3) : document}/${Number(serie)}/${Number(numero)}`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: Answer, head: boolean): void {
  const body = answer.pdf ?? Buffer.from(answer.json === undefined ? '' : JSON.stringify(answer.json));
  res.writeHead(answer.status, { 'content-type': answer.pdf !== undefined ? 'application/pdf' : 'application/json', 'content-length': body.length });
  res.end(head ? undefined : body);
}

/**
 * Starts a Sefin Nacional mock on HTTPS with client-certificate verification against the local
 * CA: `POST /nfse` (gzip + base64 DPS: XSD, XMLDSig and the certificates' CNPJ checked, E0014 for
 * a DPS already issued, the 50-character key generated), `GET /nfse/{chave}`, `HEAD`/`GET
 * /dps/{Id}`, `POST`/`GET /nfse/{chave}/eventos` (cancellation e101101), `GET /danfse/{chave}` (a
 * small real PDF) and `GET /parametros_municipais/{cMun}/...`, answering refusals in the national
 * shape (`{erros: [{Codigo, Descricao, Complemento}]}`). Fault knobs and stats like the ABRASF
 * mock's, in-process or under `/_mock/`.
 */
export async function createNacionalMock(options: NacionalMockOptions): Promise<NacionalMockService> {
  await initXmlReader();
  const logger = options.logger ?? pino({ level: 'info', base: { component: 'nacional-mock' } }, pino.destination(2));
  const [dpsValidator, eventValidator] = await Promise.all([nacionalValidator('dps'), nacionalValidator('pedRegEvento')]);
  const random = options.random ?? Math.random;
  const now = (): Date => new Date((options.now ?? Date.now)());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const initialKnobs = applyNacionalKnobsPatch(defaultNacionalKnobs(), options.knobs ?? {});
  let knobs = initialKnobs;
  const faults = new NacionalFaultPlan(random);
  const ledger = SefinLedger.open(options.dataDir);
  // The national system signs the NFS-e it generates: the mock with a certificate of the local CA.
  const documentSigner = new XmlDsigSigner(issueServerCertificate(options.ca, ['localhost', '127.0.0.1', '::1']));
  const names = new Map((options.municipalities ?? []).map((municipality) => [municipality.code, municipality.name]));
  const municipalityName = (code: string): string => names.get(code) ?? `Municipio ${code}`;
  const held = new Set<ServerResponse>();

  /** Checks a signed document: XSD, then the XMLDSig over `element` and that its certificate is `expectedCnpj`'s. */
  function checkSigned(xml: string, validator: SchemaValidator, signedId: string, expectedCnpj: string, what: string): Answer | undefined {
    if (knobs.validateXml) {
      const result = validator.validate(xml);
      if (!result.valid) return refusal(400, NACIONAL_MOCK_CODES.schema, `${what} em desacordo com o XML Schema.`, result.errors[0]?.message);
    }
    if (!knobs.verifySignature) return undefined;
    const verdict = verifyXmlSignature(xml, { signedElementId: signedId, trustedCaPems: [options.ca.certificatePem], now: now() });
    if (!verdict.valid) return refusal(400, NACIONAL_MOCK_CODES.signature, `Assinatura do ${what} inválida.`, verdict.message);
    const signer = cnpjOfSigner(verdict.certificate.raw);
    if (signer !== expectedCnpj) return refusal(400, NACIONAL_MOCK_CODES.certificate, `O certificado da assinatura não pertence ao ${what === 'DPS' ? 'prestador' : 'autor do evento'}.`, `certificado de ${signer ?? 'CNPJ desconhecido'}`);
    return undefined;
  }

  function unzip(encoded: string): string | undefined {
    try {
      return fromGzipBase64(encoded);
    } catch {
      return undefined;
    }
  }

  function emit(body: Buffer, client: { readonly cnpj?: string; readonly name?: string }, injected: 'rejection' | undefined): Answer {
    const request = SefinEmitRequestSchema.safeParse(JSON.parse(body.toString('utf8') || 'null'));
    if (!request.success) return refusal(400, NACIONAL_MOCK_CODES.malformed, 'Corpo da requisição inválido: esperado {"dpsXmlGZipB64"}.');
    const dps = unzip(request.data.dpsXmlGZipB64);
    if (dps === undefined) return refusal(400, NACIONAL_MOCK_CODES.malformed, 'dpsXmlGZipB64 não é um XML compactado (gzip) em base64.');
    let fields;
    try {
      fields = readXml(dps, (root) => {
        const inf = root.child('infDPS');
        return {
          id: inf?.attr('Id') ?? '',
          city: inf?.text('cLocEmi') ?? '',
          prestador: inf?.text('prest', 'CNPJ') ?? inf?.text('prest', 'CPF') ?? '',
          im: inf?.text('prest', 'IM'),
          serie: inf?.text('serie') ?? '',
          numero: inf?.text('nDPS') ?? '',
          servicePlace: inf?.text('serv', 'locPrest', 'cLocPrestacao') ?? '',
          value: inf?.text('valores', 'vServPrest', 'vServ') ?? '',
          replaces: inf?.text('subst', 'chSubstda'),
          reasonCode: inf?.text('subst', 'cMotivo') ?? '',
          reason: inf?.text('subst', 'xMotivo'),
        };
      });
    } catch (error) {
      if (error instanceof XmlReadError) return refusal(400, NACIONAL_MOCK_CODES.schema, 'DPS não é um XML bem formado.');
      throw error;
    }
    const invalid = checkSigned(dps, dpsValidator, fields.id, fields.prestador, 'DPS');
    if (invalid !== undefined) return invalid;
    if (client.cnpj !== fields.prestador) return refusal(403, NACIONAL_MOCK_CODES.certificate, 'O certificado da conexão não pertence ao prestador da DPS.', `certificado de ${client.cnpj ?? 'CNPJ desconhecido'}`);
    const expectedId = `DPS${fields.city}${fields.prestador.length === 11 ? '1' : '2'}${fields.prestador.padStart(14, '0')}${fields.serie.padStart(5, '0')}${fields.numero.padStart(15, '0')}`;
    if (fields.id !== expectedId) return refusal(400, NACIONAL_MOCK_CODES.malformed, 'O Id da DPS não corresponde a cLocEmi, prestador, série e número.', `esperado ${expectedId}`);
    const existing = ledger.keyOfDps(fields.id);
    if (existing !== undefined) return refusal(400, NACIONAL_MOCK_CODES.alreadyIssued, 'Conjunto de série e número da DPS já existe em uma NFS-e gerada.', `chaveAcesso ${existing}`);
    if (injected === 'rejection') return refusal(400, knobs.rejectionCode, knobs.rejectionMessage);
    if (fields.replaces !== undefined) {
      const replaced = ledger.note(fields.replaces);
      if (replaced === undefined) return refusal(400, NACIONAL_MOCK_CODES.notFound, 'NFS-e a substituir (chSubstda) não encontrada.');
      if (replaced.prestador !== fields.prestador) return refusal(403, NACIONAL_MOCK_CODES.certificate, 'Somente o prestador da NFS-e pode substituí-la.');
      // Substituted already, or cancelled: the national system cancelled it (e105102, e101101), and a cancelled NFS-e is never replaced.
      if (cancelledOrSubstituted(fields.replaces)) return refusal(400, NACIONAL_MOCK_CODES.alreadyCancelled, 'NFS-e a substituir já está cancelada ou substituída.', `chSubstda ${fields.replaces}`);
    }
    const processedAt = now();
    const nfseNumber = ledger.nextNumber(fields.city);
    const chaveAcesso = chaveAcessoOf({ municipalityCode: fields.city, generator: '2', document: fields.prestador, nfseNumber, issuedAt: processedAt, code: Math.floor(random() * 1_000_000_000) });
    const xml = nfseXml(
      {
        chaveAcesso,
        nfseNumber,
        documentNumber: ledger.nextDocumentNumber(),
        processedAt,
        municipalityCode: fields.city,
        servicePlace: fields.servicePlace || fields.city,
        municipalityName,
        prestador: { document: fields.prestador, ...(fields.im === undefined ? {} : { im: fields.im }), name: client.name ?? `CONTRIBUINTE ${fields.prestador}` },
        value: fields.value,
        dpsXml: dps,
      },
      documentSigner,
    );
    ledger.issue({ chaveAcesso, dpsId: fields.id, rpsKey: rpsKeyOfDpsId(fields.id) ?? fields.id, nfseNumber: String(nfseNumber), prestador: fields.prestador, value: fields.value, issuedAt: processedAt.toISOString(), nfseXml: xml });
    if (fields.replaces !== undefined) registerSubstitution(fields.replaces, chaveAcesso, fields.reasonCode, fields.reason, processedAt);
    return {
      status: 201,
      json: { tipoAmbiente: 2, versaoAplicativo: 'SefinNacional-mock', dataHoraProcessamento: brasiliaTimestamp(processedAt), idDps: fields.id, chaveAcesso, nfseXmlGZipB64: toGzipBase64(xml), alertas: [] },
    };
  }

  /** Whether the NFS-e was cancelled, by request (e101101) or by a substitution (e105102). */
  function cancelledOrSubstituted(chaveAcesso: string): boolean {
    return ledger.eventsOf(chaveAcesso, NACIONAL_EVENT_TYPES.cancellation).length > 0 || ledger.eventsOf(chaveAcesso, NACIONAL_EVENT_TYPES.substitution).length > 0;
  }

  /**
   * The national system's own event on the replaced NFS-e, "Cancelamento de NFS-e por
   * Substituição" (e105102, `tiposEventos_v1.01.xsd`), naming the NFS-e that replaces it.
   */
  function registerSubstitution(replaced: string, replacing: string, reasonCode: string, reason: string | undefined, processedAt: Date): void {
    const requestXml =
      `<pedRegEvento xmlns="http://www.sped.fazenda.gov.br/nfse" versao="1.01"><infPedReg Id="PRE${replaced}105102"><tpAmb>2</tpAmb><verAplic>SefinNacional-mock</verAplic>` +
      `<dhEvento>${brasiliaTimestamp(processedAt)}</dhEvento><chNFSe>${replaced}</chNFSe><e105102><xDesc>Cancelamento de NFS-e por Substituição</xDesc>` +
      `<cMotivo>${reasonCode}</cMotivo>${reason === undefined ? '' : `<xMotivo>${reason.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</xMotivo>`}<chSubstituta>${replacing}</chSubstituta></e105102></infPedReg></pedRegEvento>`;
    const eventXml = eventoXml({ chaveAcesso: replaced, type: NACIONAL_EVENT_TYPES.substitution, nSeq: 1, documentNumber: ledger.nextDocumentNumber(), processedAt, requestXml }, documentSigner);
    ledger.register({ chaveAcesso: replaced, type: NACIONAL_EVENT_TYPES.substitution, nSeq: 1, at: processedAt.toISOString(), eventXml });
  }

  function registerEvent(chaveAcesso: string, body: Buffer, client: { readonly cnpj?: string }, injected: 'rejection' | undefined): Answer {
    const note = ledger.note(chaveAcesso);
    if (note === undefined) return refusal(404, NACIONAL_MOCK_CODES.notFound, 'NFS-e não encontrada.');
    const request = SefinEventRequestSchema.safeParse(JSON.parse(body.toString('utf8') || 'null'));
    if (!request.success) return refusal(400, NACIONAL_MOCK_CODES.malformed, 'Corpo da requisição inválido: esperado {"pedidoRegistroEventoXmlGZipB64"}.');
    const xml = unzip(request.data.pedidoRegistroEventoXmlGZipB64);
    if (xml === undefined) return refusal(400, NACIONAL_MOCK_CODES.malformed, 'pedidoRegistroEventoXmlGZipB64 não é um XML compactado (gzip) em base64.');
    let fields;
    try {
      fields = readXml(xml, (root) => {
        const inf = root.child('infPedReg');
        return { id: inf?.attr('Id') ?? '', key: inf?.text('chNFSe') ?? '', author: inf?.text('CNPJAutor') ?? inf?.text('CPFAutor') ?? '', cancellation: inf?.child('e101101') !== undefined };
      });
    } catch (error) {
      if (error instanceof XmlReadError) return refusal(400, NACIONAL_MOCK_CODES.schema, 'pedRegEvento não é um XML bem formado.');
      throw error;
    }
    const invalid = checkSigned(xml, eventValidator, fields.id, fields.author, 'pedido de registro de evento');
    if (invalid !== undefined) return invalid;
    if (client.cnpj !== fields.author || fields.author !== note.prestador) return refusal(403, NACIONAL_MOCK_CODES.certificate, 'Somente o prestador da NFS-e pode cancelá-la.');
    if (fields.key !== chaveAcesso || fields.id !== `PRE${chaveAcesso}101101`) return refusal(400, NACIONAL_MOCK_CODES.malformed, 'chNFSe e o Id do pedido não correspondem à NFS-e do endereço.');
    if (!fields.cancellation) return refusal(400, NACIONAL_MOCK_CODES.eventNotSupported, 'O mock registra apenas o evento de cancelamento (e101101).');
    if (cancelledOrSubstituted(chaveAcesso)) return refusal(400, NACIONAL_MOCK_CODES.alreadyCancelled, 'NFS-e já cancelada.');
    if (knobs.rejectCancellations) return refusal(400, knobs.cancellationRejectionCode, 'Cancelamento recusado (mock).');
    if (injected === 'rejection') return refusal(400, knobs.rejectionCode, knobs.rejectionMessage);
    const processedAt = now();
    const eventXml = eventoXml({ chaveAcesso, type: '101101', nSeq: 1, documentNumber: ledger.nextDocumentNumber(), processedAt, requestXml: xml }, documentSigner);
    ledger.register({ chaveAcesso, type: '101101', nSeq: 1, at: processedAt.toISOString(), eventXml });
    return { status: 201, json: { tipoAmbiente: 2, versaoAplicativo: 'SefinNacional-mock', dataHoraProcessamento: brasiliaTimestamp(processedAt), eventoXmlGZipB64: toGzipBase64(eventXml) } };
  }

  /** The NFS-e of `chaveAcesso` when this certificate may read it (its prestador's). */
  function readable(chaveAcesso: string, client: { readonly cnpj?: string }): { readonly note: NonNullable<ReturnType<typeof ledger.note>> } | Answer {
    const note = ledger.note(chaveAcesso);
    if (note === undefined) return refusal(404, NACIONAL_MOCK_CODES.notFound, 'NFS-e não encontrada.');
    if (client.cnpj !== note.prestador) return refusal(403, NACIONAL_MOCK_CODES.certificate, 'O certificado não pertence a quem figura na NFS-e.');
    return { note };
  }

  /** Routes one API call (below the base path) to its operation. */
  function route(method: string, path: string): { readonly operation: NacionalOperation; readonly params: Array<string | undefined> } | undefined {
    const patterns: ReadonlyArray<readonly [string, RegExp, NacionalOperation]> = [
      ['POST', /^\/nfse$/, 'emit'],
      ['GET', /^\/nfse\/([0-9A-Z]{50})$/, 'readNfse'],
      ['HEAD', /^\/dps\/([0-9A-Z]{45})$/, 'readDps'],
      ['GET', /^\/dps\/([0-9A-Z]{45})$/, 'readDps'],
      ['POST', /^\/nfse\/([0-9A-Z]{50})\/eventos$/, 'event'],
      ['GET', /^\/nfse\/([0-9A-Z]{50})\/eventos(?:\/(\d{6})(?:\/(\d{1,3}))?)?$/, 'readEvents'],
      ['GET', /^\/danfse\/([0-9A-Z]{50})$/, 'danfse'],
      ['GET', /^\/parametros_municipais\/(\d{7})\/(convenio|aliquotas|regimes_especiais|retencoes)$/, 'parametros'],
    ];
    for (const [verb, pattern, operation] of patterns) {
      const match = pattern.exec(path);
      if (match !== null && verb === method) return { operation, params: match.slice(1) };
    }
    return undefined;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const head = method === 'HEAD';
    const found = route(method, path);
    if (found === undefined) return send(res, refusal(404, NACIONAL_MOCK_CODES.notFound, `Recurso inexistente: ${method} ${SEFIN_BASE_PATH}${path}`), head);
    const client = clientOf(req);
    if (client === undefined) return send(res, refusal(403, NACIONAL_MOCK_CODES.certificate, 'Certificado digital do cliente ausente ou não emitido por AC confiável.'), head);
    const { operation, params } = found;
    const [first = '', second, third] = params;
    const body = method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    ledger.recordCall(operation, operation === 'readDps' ? rpsKeyOfDpsId(first) : operation === 'emit' ? rpsKeyOfEmit(body) : undefined);
    const current = knobs;
    if (current.latencyMs > 0) await sleep(current.latencyMs);
    const injected = faults.next(operation, current);
    if (injected !== undefined) ledger.recordInjected(injected);
    if (injected === 'transient5xx') return send(res, { status: 503, json: { message: 'Service Unavailable (mock)' } }, head);
    let answer: Answer;
    try {
      answer = answerFor(operation, first, second, third, body, client, injected === 'rejection' ? 'rejection' : undefined);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      answer = refusal(400, NACIONAL_MOCK_CODES.malformed, 'Corpo da requisição não é JSON.');
    }
    if (answer.status >= 400 && answer.status < 500 && (operation === 'emit' || operation === 'event')) ledger.recordRejected();
    if (injected === 'acceptThenTimeout') {
      // Processed, but the answer never comes: the client times out after sending (Ambiguous).
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    send(res, answer, head);
  }

  function rpsKeyOfEmit(body: Buffer): string | undefined {
    try {
      const request = SefinEmitRequestSchema.safeParse(JSON.parse(body.toString('utf8')));
      const dps = request.success ? unzip(request.data.dpsXmlGZipB64) : undefined;
      const id = dps === undefined ? undefined : /<infDPS\b[^>]*\sId="([^"]+)"/.exec(dps)?.[1];
      return id === undefined ? undefined : rpsKeyOfDpsId(id);
    } catch {
      return undefined;
    }
  }

  function answerFor(operation: NacionalOperation, first: string, second: string | undefined, third: string | undefined, body: Buffer, client: { readonly cnpj?: string; readonly name?: string }, injected: 'rejection' | undefined): Answer {
    switch (operation) {
      case 'emit':
        return emit(body, client, injected);
      case 'event':
        return registerEvent(first, body, client, injected);
      default:
        if (injected === 'rejection') return refusal(400, knobs.rejectionCode, knobs.rejectionMessage);
    }
    switch (operation) {
      case 'readDps': {
        const key = ledger.keyOfDps(first);
        if (key === undefined) return refusal(404, NACIONAL_MOCK_CODES.notFound, 'Não existe NFS-e gerada a partir desta DPS.');
        const found = readable(key, client);
        return 'note' in found ? { status: 200, json: { tipoAmbiente: 2, versaoAplicativo: 'SefinNacional-mock', idDps: first, chaveAcesso: key } } : found;
      }
      case 'readNfse': {
        const found = readable(first, client);
        if (!('note' in found)) return found;
        // Beyond the national answer (a mock's convenience): the NFS-e that replaced this one, read from its e105102.
        const substitution = ledger.eventsOf(first, NACIONAL_EVENT_TYPES.substitution)[0];
        const substitutedBy = substitution === undefined ? undefined : /<chSubstituta>([0-9A-Z]{50})<\/chSubstituta>/.exec(substitution.eventXml)?.[1];
        return { status: 200, json: { tipoAmbiente: 2, versaoAplicativo: 'SefinNacional-mock', chaveAcesso: first, nfseXmlGZipB64: toGzipBase64(found.note.nfseXml), ...(substitutedBy === undefined ? {} : { situacao: 'substituida', chaveSubstituta: substitutedBy }) } };
      }
      case 'readEvents': {
        const found = readable(first, client);
        if (!('note' in found)) return found;
        const events = ledger.eventsOf(first, second).filter((event) => third === undefined || event.nSeq === Number(third));
        if (events.length === 0) return refusal(404, NACIONAL_MOCK_CODES.notFound, 'Nenhum evento encontrado para a NFS-e.');
        return { status: 200, json: { eventos: events.map((event) => ({ tipoEvento: event.type, numeroPedidoRegistroEvento: event.nSeq, dataHoraProcessamento: event.at, eventoXmlGZipB64: toGzipBase64(event.eventXml) })) } };
      }
      case 'danfse': {
        const found = readable(first, client);
        if (!('note' in found)) return found;
        const { note } = found;
        return { status: 200, pdf: danfsePdf({ chaveAcesso: note.chaveAcesso, nfseNumber: note.nfseNumber, prestador: note.prestador, value: note.value, issuedAt: note.issuedAt, cancelled: cancelledOrSubstituted(note.chaveAcesso) }) };
      }
      case 'parametros':
        return parametros(first, second ?? 'convenio');
      default:
        return refusal(404, NACIONAL_MOCK_CODES.notFound, 'Recurso inexistente.');
    }
  }

  function parametros(code: string, what: string): Answer {
    const name = names.get(code);
    if (name === undefined) return refusal(404, NACIONAL_MOCK_CODES.notAdhered, `O município ${code} não aderiu ao emissor nacional (mock).`);
    const bodies: Record<string, unknown> = {
      convenio: { codigoMunicipio: code, nome: name, aderenteAmbienteNacional: true, aderenteEmissorNacional: true, ambiente: 2 },
      aliquotas: { codigoMunicipio: code, aliquotas: [{ codigoServico: '010701', aliquota: 2 }] },
      regimes_especiais: { codigoMunicipio: code, regimesEspeciais: [] },
      retencoes: { codigoMunicipio: code, retencoes: [] },
    };
    return { status: 200, json: bodies[what] };
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = req.method === 'POST' ? (await readBody(req)).toString('utf8') : '';
    const json = (): unknown => (body.trim() === '' ? {} : JSON.parse(body));
    try {
      if (path === '/_mock/config' && req.method === 'GET') return send(res, { status: 200, json: knobs }, false);
      if (path === '/_mock/config' && req.method === 'POST') return send(res, { status: 200, json: api.knobs.set(json() as NacionalMockKnobsPatch) }, false);
      if (path === '/_mock/fail' && req.method === 'POST') {
        api.knobs.failNext(json() as NacionalFailNext);
        return send(res, { status: 200, json: { pending: faults.pending() } }, false);
      }
      if (path === '/_mock/stats' && req.method === 'GET') return send(res, { status: 200, json: ledger.stats() }, false);
      if (path === '/_mock/reset' && req.method === 'POST') {
        api.reset({ keepKnobs: (json() as { keepKnobs?: unknown }).keepKnobs === true });
        return send(res, { status: 200, json: { reset: true } }, false);
      }
      return send(res, { status: 404, json: { error: `no admin route ${req.method ?? ''} ${path}` } }, false);
    } catch (error) {
      if (error instanceof ZodError) return send(res, { status: 400, json: { error: 'invalid knobs', issues: error.issues } }, false);
      if (error instanceof SyntaxError) return send(res, { status: 400, json: { error: 'body is not JSON' } }, false);
      throw error;
    }
  }

  const api: NacionalMockService = {
    knobs: {
      get: () => knobs,
      set: (patch) => {
        knobs = applyNacionalKnobsPatch(knobs, patch);
        return knobs;
      },
      failNext: (request) => faults.failNext(request),
    },
    stats: () => ledger.stats(),
    events: (chaveAcesso, type) => ledger.eventsOf(chaveAcesso, type),
    reset: (resetOptions) => {
      ledger.reset();
      faults.clear();
      if (resetOptions?.keepKnobs !== true) knobs = initialKnobs;
    },
    handle: (req, res, adminPrefix) => {
      const url = new URL(req.url ?? '/', 'https://mock');
      const work = url.pathname.startsWith(`${adminPrefix}/`)
        ? handleAdmin(req, res, `/_mock${url.pathname.slice(adminPrefix.length)}`)
        : url.pathname.startsWith(`${SEFIN_BASE_PATH}/`)
          ? handleApi(req, res, url.pathname.slice(SEFIN_BASE_PATH.length))
          : Promise.resolve(send(res, refusal(404, NACIONAL_MOCK_CODES.notFound, `the national API answers under ${SEFIN_BASE_PATH}/`), req.method === 'HEAD'));
      work.catch((error: unknown) => {
        logger.error({ err: error }, 'national mock failed to answer');
        if (!res.headersSent) send(res, { status: 500, json: { message: 'internal error of the national mock' } }, false);
      });
    },
    close: () => {
      for (const res of held) res.destroy();
      ledger.close();
    },
  };
  return api;
}

/**
 * Starts the national mock on an HTTPS listener of its own (its server certificate from the local
 * CA), client certificates asked for and checked per request: the API at {@link SEFIN_BASE_PATH},
 * the knobs under `/_mock/`. `npm start` serves it on the provider mock's HTTPS listener instead
 * (`tls.mounts` of `startProviderMock`), beside the mutual-TLS cities.
 */
export async function startNacionalMock(options: NacionalMockOptions): Promise<NacionalMock> {
  const service = await createNacionalMock(options);
  const host = options.host ?? '127.0.0.1';
  const server = issueServerCertificate(options.ca, ['localhost', '127.0.0.1', '::1', ...(host === '127.0.0.1' ? [] : [host])]);
  const policy = { hosts: options.allowedHosts ?? new HostAllowList({ listenHost: host }), origins: [], serverName: 'The national mock' };
  const httpsServer = https.createServer({ key: server.privateKeyPem, cert: server.certificatePem, ca: [options.ca.certificatePem], requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const refused = checkRequest(req.headers, req.socket.localPort ?? 0, policy);
    if (refused !== undefined) return send(res, refusal(403, 'HOST', refused.message), false);
    service.handle(req, res, '/_mock');
  });
  // Adapters keep connections alive between calls; closing idle ones first would turn a reuse into a reset.
  httpsServer.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    httpsServer.once('error', reject);
    httpsServer.listen(options.port ?? 4581, host, () => resolve());
  });
  const { port } = httpsServer.address() as AddressInfo;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}${SEFIN_BASE_PATH}`;
  (options.logger ?? pino({ level: 'info' }, pino.destination(2))).info({ url, ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir, nfseKept: service.stats().issued }) }, 'national mock listening');
  const { handle: _handle, close, ...rest } = service;
  return {
    ...rest,
    url,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        httpsServer.close((error) => {
          close();
          if (error) reject(error);
          else resolve();
        });
        httpsServer.closeAllConnections();
      }),
  };
}

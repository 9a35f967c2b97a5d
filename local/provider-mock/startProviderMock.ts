import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import pino, { type Logger } from 'pino';
import { ZodError } from 'zod';
import { abrasfWsdl, isAbrasfOperation } from '../../adapter-container/providers/abrasf-2.04/abrasfWsdl';
import { loadAbrasfValidator } from '../../adapter-container/xml/abrasfValidator';
import { schemasDir } from '../../adapter-container/xml/schemasDir';
import type { SchemaValidator } from '../../adapter-container/xml/SchemaValidator';
import { initXmlReader, XmlReadError } from '../../adapter-container/xml/XmlReader';
import { checkRequest } from '../guard/checkRequest';
import { HostAllowList } from '../guard/HostAllowList';
import { AbrasfMock, MOCK_CODES } from './AbrasfMock';
import { FaultPlan } from './FaultPlan';
import { applyKnobsPatch, defaultKnobs, type FailNext, type ProviderMockKnobs, type ProviderMockKnobsPatch } from './mockKnobs';
import type { MockEvent } from './mockEvents';
import { MockJournal } from './MockJournal';
import { MockStats, type ProviderMockStatsSnapshot } from './MockStats';
import { parseMockRequest, rpsOf, type MockRequest } from './parseMockRequests';
import { parseSoapCall, soapFault, soapResponse, type SoapCall } from './soapEnvelope';
import { SignatureCheck } from './SignatureCheck';
import type { MunicipalityConfig } from '../../contracts/municipality';

/** Options of the provider mock. */
export interface ProviderMockOptions {
  /** 0 picks a free port. @default 4580 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** The `Host` names it answers to. @default loopback names and `host` (and LOCAL_ALLOWED_HOSTS) */
  readonly allowedHosts?: HostAllowList;
  /** Initial knobs (over the defaults; `reset` returns to these). @default defaultKnobs() */
  readonly knobs?: ProviderMockKnobsPatch;
  /** @default pino at `info` on stderr */
  readonly logger?: Logger;
  /** The XSD validator; `null` turns validation off. @default the ABRASF 2.04 XSD from NFSE_SCHEMAS_DIR, if installed */
  readonly validator?: SchemaValidator | null;
  /** Epoch ms (NFS-e DataEmissao, protocols, call starts). @default Date.now */
  readonly now?: () => number;
  /** How latency is waited (e.g. the local cloud's scaled clock). @default real timers */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Random source of the error rates. @default Math.random */
  readonly random?: () => number;
  /**
   * Keep what the cities issued, numbered, batched and counted here (a journal), across restarts
   * and crashes, as a real city does; in memory when absent. @default undefined
   */
  readonly dataDir?: string;
  /**
   * The cities as the registry describes them: those whose `signing.elements` name what must be
   * signed get their signatures checked (against `trustedCaPems`), those with `mtls` answer only
   * on the HTTPS listener with a client certificate. @default none: nothing checked
   */
  readonly municipalities?: readonly Pick<MunicipalityConfig, 'code' | 'signing' | 'mtls'>[];
  /** The CAs signing certificates (and client certificates) must come from. @default [] */
  readonly trustedCaPems?: readonly string[];
  /**
   * An HTTPS listener that requires a client certificate issued by `ca` (mutual TLS), serving
   * the same city systems: where the cities with `mtls` answer. @default none
   */
  readonly tls?: MockTlsOptions;
}

/** The mock's HTTPS listener with client-certificate verification. */
export interface MockTlsOptions {
  /** 0 picks a free port. @default 4581 */
  readonly port?: number;
  /** Its server certificate and key (PEM). */
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** The CAs a client certificate must come from (PEM). */
  readonly caPem: string;
  /**
   * Other systems served on the same listener, each under its own path (`prefix`, e.g. the
   * national mock's `/SefinNacional`) and, for its knobs, `/_mock{prefix}`: one HTTPS port for
   * every mutual-TLS system of the local cloud. @default none
   */
  readonly mounts?: readonly MockTlsMount[];
}

/** A system on the mock's HTTPS listener beside the cities (see {@link MockTlsOptions.mounts}). */
export interface MockTlsMount {
  /** Its path, e.g. `/SefinNacional`. */
  readonly prefix: string;
  /** Answers a request under `prefix` or under `adminPrefix` (`/_mock{prefix}`). */
  handle(req: IncomingMessage, res: ServerResponse, adminPrefix: string): void;
}

/** The knobs, settable in-process as through `POST /_mock/config`. */
export interface ProviderMockKnobsApi {
  get(): ProviderMockKnobs;
  /** Applies part of the knobs; throws a ZodError on bad values. */
  set(patch: ProviderMockKnobsPatch): ProviderMockKnobs;
  /** Fails the next `count` calls (of these operations) with `kind`. */
  failNext(request: FailNext): void;
}

/** A running mock. */
export interface ProviderMock {
  /** The base of the city endpoints: each municipality's system answers at `{url}/{IBGE code}`. */
  readonly url: string;
  /** The SOAP endpoint of one municipality's system (`GET {cityUrl}?wsdl` serves the WSDL). */
  cityUrl(municipalityCode: string): string;
  readonly port: number;
  /** The base of the city endpoints on the HTTPS listener (mutual TLS), when it runs: `https://127.0.0.1:{port}/nfse`. */
  readonly tlsUrl: string | undefined;
  /** Whether requests are validated against the XSD. */
  readonly validationEnabled: boolean;
  readonly knobs: ProviderMockKnobsApi;
  stats(): ProviderMockStatsSnapshot;
  /** What the city holds open right now, and the most SOAP calls it has had at once since start or reset. */
  open(): ProviderMockOpenCounts;
  /**
   * When each SOAP call to the city system of `municipalityCode` arrived (epoch ms, in order)
   * since start or reset: a city's rate limit is judged on these. The last 100,000 are kept.
   */
  callStarts(municipalityCode: string): readonly number[];
  /** Forgets NFS-e, batches, stats and queued failures; knobs return to the initial ones unless `keepKnobs`. */
  reset(options?: { readonly keepKnobs?: boolean }): void;
  stop(): Promise<void>;
}

/** See {@link ProviderMock.open}: how an adapter's city limit and its aborted calls look from the city's side. */
export interface ProviderMockOpenCounts {
  /** TCP connections open to the mock. */
  readonly connections: number;
  /** SOAP calls received and not yet answered, nor closed by the caller. */
  readonly calls: number;
  /** The most SOAP calls open at once. */
  readonly peakCalls: number;
  /** The same per city system (IBGE code), for a city's own limit: every city counts its own calls. */
  readonly byCity: Readonly<Record<string, CityOpenCounts>>;
}

/** What one city system holds open (see {@link ProviderMockOpenCounts}). */
export interface CityOpenCounts {
  readonly calls: number;
  readonly peakCalls: number;
}

/** The call starts each city keeps for {@link ProviderMock.callStarts}; older ones are dropped. */
const MAX_CALL_STARTS = 100_000;

const SOAP_PATH = '/nfse';

/** The municipality whose system a SOAP path names: `/nfse/3550308` → `3550308`. */
function cityOfPath(pathname: string): string | undefined {
  return /^\/nfse\/(\d{7})\/?$/.exec(pathname)?.[1];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}

/** The media type of a request, lower-case, without parameters. */
function mediaTypeOf(req: IncomingMessage): string | undefined {
  return req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
}

/** SOAP 1.1 is `text/xml` (what strong-soap and every city client send), SOAP 1.2 `application/soap+xml`. */
const SOAP_TYPES = ['text/xml', 'application/soap+xml'];

/**
 * Starts the mock municipal provider: ABRASF 2.04 over SOAP 1.1 (a lean dispatcher: requests are
 * two strings, and the failure knobs need control of status codes and of never answering), plus a
 * JSON admin API under `/_mock/`. In-process: the local cloud imports it; `main.ts` runs it alone.
 */
export async function startProviderMock(options: ProviderMockOptions = {}): Promise<ProviderMock> {
  await initXmlReader();
  const logger = options.logger ?? pino({ level: 'info', base: { component: 'provider-mock' } }, pino.destination(2));
  const validator = options.validator === null ? undefined : (options.validator ?? (await loadAbrasfValidator()));
  if (validator === undefined) {
    logger.warn({ schemasDir: schemasDir() }, 'ABRASF XSDs not found (set NFSE_SCHEMAS_DIR): XML validation is OFF');
  }
  const initialKnobs = applyKnobsPatch(defaultKnobs(), options.knobs ?? {});
  let knobs = initialKnobs;
  const stats = new MockStats();
  const faults = new FaultPlan(options.random);
  const mock = new AbrasfMock(() => knobs, stats, options.now);
  const snapshot = (): MockEvent => ({ kind: 'snapshot', city: mock.state(), stats: stats.snapshot() });
  const journal = options.dataDir === undefined ? undefined : MockJournal.open(options.dataDir, (event) => {
    mock.apply(event);
    stats.apply(event);
  }, snapshot);
  mock.writeTo(journal);
  stats.writeTo(journal);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const held = new Set<ServerResponse>();
  const counts = { connections: 0, calls: 0, peakCalls: 0 };
  const byCity = new Map<string, { calls: number; peakCalls: number; starts: number[] }>();
  const now = options.now ?? Date.now;

  /** A call stays open until it is answered or its caller closes the connection (an aborted request). */
  function trackOpenCall(res: ServerResponse, city: string): void {
    let cityCounts = byCity.get(city);
    if (cityCounts === undefined) {
      cityCounts = { calls: 0, peakCalls: 0, starts: [] };
      byCity.set(city, cityCounts);
    }
    const ofCity = cityCounts;
    counts.calls++;
    counts.peakCalls = Math.max(counts.peakCalls, counts.calls);
    ofCity.calls++;
    ofCity.peakCalls = Math.max(ofCity.peakCalls, ofCity.calls);
    ofCity.starts.push(now());
    if (ofCity.starts.length > MAX_CALL_STARTS) ofCity.starts.splice(0, ofCity.starts.length - MAX_CALL_STARTS);
    res.once('close', () => {
      counts.calls--;
      ofCity.calls--;
    });
  }

  const signatures = new SignatureCheck({ municipalities: options.municipalities ?? [], trustedCaPems: options.trustedCaPems ?? [], now: () => new Date(now()) });
  const mtlsCities = new Set((options.municipalities ?? []).filter((city) => city.mtls).map((city) => city.code));

  async function handleSoap(req: IncomingMessage, res: ServerResponse, city: string): Promise<void> {
    const body = await readBody(req);
    let call: SoapCall | undefined;
    try {
      call = parseSoapCall(body);
    } catch (error) {
      if (!(error instanceof XmlReadError)) throw error;
    }
    if (call === undefined) return send(res, 500, 'text/xml; charset=utf-8', soapFault('Client', 'not a SOAP 1.1 {Operation}Request envelope'));
    const { operation } = call;
    if (!isAbrasfOperation(operation)) return send(res, 500, 'text/xml; charset=utf-8', soapFault('Client', `unknown operation ${operation}`));
    let request: MockRequest | undefined;
    let notXml = false;
    try {
      request = parseMockRequest(operation, call.dadosXml);
    } catch (error) {
      if (!(error instanceof XmlReadError)) throw error;
      notXml = true;
    }
    const rps = rpsOf(request);
    stats.recordCall(operation, rps === undefined ? undefined : MockStats.rpsKey(city, rps));
    const current = knobs;
    const latencyMs = current.cityLatencyMs[city] ?? current.latencyMs;
    if (latencyMs > 0) await sleep(latencyMs);
    const injected = faults.next(operation, current);
    if (injected !== undefined) stats.recordInjected(injected);
    if (injected === 'transient5xx') return send(res, 503, 'text/plain', 'Service Unavailable');
    if (injected === 'soapFault') return send(res, 500, 'text/xml; charset=utf-8', soapFault('Server', 'Servidor ocupado, tente novamente mais tarde (server busy).'));

    const namespace = call.namespace;
    const answer = (outputXml: string): void => send(res, 200, 'text/xml; charset=utf-8', soapResponse(operation, namespace, outputXml));
    if (validator !== undefined && current.validateXml) {
      for (const document of [call.cabecalhoXml, call.dadosXml]) {
        const result = validator.validate(document);
        if (!result.valid) {
          return answer(mock.reject(operation, [{ code: MOCK_CODES.schema, message: 'Arquivo em desacordo com o XML Schema.', correction: result.errors[0]?.message ?? 'XML inválido' }]));
        }
      }
    }
    if (request === undefined) {
      const message = notXml ? 'nfseDadosMsg não é um XML bem formado.' : `nfseDadosMsg não é o documento esperado por ${operation}.`;
      return answer(mock.reject(operation, [{ code: MOCK_CODES.schema, message }]));
    }
    const signatureProblem = signatures.problem(city, request, call.dadosXml);
    if (signatureProblem !== undefined) return answer(mock.reject(operation, [signatureProblem]));
    const rejection = injected === 'rejection' ? { code: current.rejectionCode, message: current.rejectionMessage } : undefined;
    const output = mock.handle(city, request, rejection);
    if (injected === 'acceptThenTimeout') {
      // Processed, but the answer never comes: the client times out after sending (Ambiguous).
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    answer(output);
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method === 'POST' && mediaTypeOf(req) !== 'application/json') {
      return sendJson(res, 415, { error: `POST ${path} takes a JSON body (Content-Type application/json), even an empty one` });
    }
    const body = req.method === 'POST' ? await readBody(req) : '';
    const json = (): unknown => (body.trim() === '' ? {} : JSON.parse(body));
    try {
      if (path === '/_mock/config' && req.method === 'GET') return sendJson(res, 200, knobs);
      if (path === '/_mock/config' && req.method === 'POST') return sendJson(res, 200, api.knobs.set(json() as ProviderMockKnobsPatch));
      if (path === '/_mock/fail' && req.method === 'POST') {
        api.knobs.failNext(json() as FailNext);
        return sendJson(res, 200, { pending: faults.pending() });
      }
      if (path === '/_mock/stats' && req.method === 'GET') return sendJson(res, 200, stats.snapshot());
      if (path === '/_mock/reset' && req.method === 'POST') {
        const { keepKnobs } = json() as { keepKnobs?: unknown };
        api.reset({ keepKnobs: keepKnobs === true });
        return sendJson(res, 200, { reset: true });
      }
      if (path === '/_mock/health' && req.method === 'GET') return sendJson(res, 200, { ok: true, validation: validator !== undefined });
      return sendJson(res, 404, { error: `no admin route ${req.method ?? ''} ${path}` });
    } catch (error) {
      if (error instanceof ZodError) return sendJson(res, 400, { error: 'invalid knobs', issues: error.issues });
      if (error instanceof SyntaxError) return sendJson(res, 400, { error: 'body is not JSON' });
      throw error;
    }
  }

  function handleCity(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const city = cityOfPath(url.pathname);
    if (city === undefined) return Promise.resolve(sendJson(res, 404, { error: `no city system at ${url.pathname}: each municipality's answers at ${SOAP_PATH}/{IBGE code}, e.g. ${SOAP_PATH}/3550308` }));
    const secure = (req.socket as Partial<TLSSocket>).encrypted === true;
    // A city that requires mutual TLS is not reachable without it (the HTTPS listener verified the client certificate).
    if (mtlsCities.has(city) && !secure) return Promise.resolve(send(res, 403, 'text/xml; charset=utf-8', soapFault('Client', `the system of municipality ${city} requires HTTPS with the company's client certificate (mutual TLS)`)));
    if (req.method === 'GET' && url.searchParams.has('wsdl')) return Promise.resolve(send(res, 200, 'text/xml; charset=utf-8', abrasfWsdl({ location: `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}${url.pathname}` })));
    if (req.method === 'POST') {
      const type = mediaTypeOf(req);
      if (type === undefined || !SOAP_TYPES.includes(type)) return Promise.resolve(send(res, 415, 'text/xml; charset=utf-8', soapFault('Client', `a SOAP call is POSTed as ${SOAP_TYPES.join(' or ')}; got ${type ?? 'no Content-Type'}`)));
      trackOpenCall(res, city);
      return handleSoap(req, res, city);
    }
    return Promise.resolve(sendJson(res, 405, { error: 'POST a SOAP envelope, or GET ?wsdl' }));
  }

  const mounts = options.tls?.mounts ?? [];
  const under = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix}/`);
  const mountOf = (path: string): MockTlsMount | undefined => mounts.find((mount) => under(path, mount.prefix) || under(path, `/_mock${mount.prefix}`));

  const host = options.host ?? '127.0.0.1';
  // Like the edge: its own names only, and no web page (a city's admin API could be wiped from one).
  const policy = { hosts: options.allowedHosts ?? new HostAllowList({ listenHost: host }), origins: [], serverName: 'The mock city' };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://mock');
    const refusal = checkRequest(req.headers, req.socket.localPort ?? 0, policy);
    if (refusal !== undefined) {
      res.setHeader('connection', 'close');
      if (url.pathname.startsWith('/_mock/')) sendJson(res, 403, { error: refusal.message });
      else send(res, 403, 'text/xml; charset=utf-8', soapFault('Client', refusal.message));
      return;
    }
    const mount = (req.socket as Partial<TLSSocket>).encrypted === true ? mountOf(url.pathname) : undefined;
    if (mount !== undefined) return mount.handle(req, res, `/_mock${mount.prefix}`);
    const work = url.pathname.startsWith('/_mock/') ? handleAdmin(req, res, url.pathname) : handleCity(req, res, url);
    work.catch((error: unknown) => {
      logger.error({ err: error }, 'provider mock failed to answer');
      if (!res.headersSent) send(res, 500, 'text/xml; charset=utf-8', soapFault('Server', 'internal error of the provider mock'));
    });
  };

  const server = http.createServer(onRequest);
  // Mutual TLS: a client without a certificate from `caPem` does not get past the handshake.
  const tlsServer = options.tls === undefined
    ? undefined
    : https.createServer({ key: options.tls.privateKeyPem, cert: options.tls.certificatePem, ca: options.tls.caPem, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' }, onRequest);
  const servers = tlsServer === undefined ? [server] : [server, tlsServer];
  for (const listener of servers) {
    listener.on(listener === tlsServer ? 'secureConnection' : 'connection', (socket: NodeJS.EventEmitter) => {
      counts.connections++;
      socket.once('close', () => counts.connections--);
    });
    // Adapters keep their connections alive between calls; closing idle ones sooner than they
    // reuse them would turn a reuse into a reset (an Ambiguous failure and a retry).
    listener.keepAliveTimeout = 65_000;
  }
  const listen = (listener: http.Server, port: number): Promise<number> =>
    new Promise<number>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(port, host, () => resolve((listener.address() as AddressInfo).port));
    });
  const port = await listen(server, options.port ?? 4580);
  const url = `http://${host}:${port}${SOAP_PATH}`;
  // The adapters run on this machine: the HTTPS address is loopback, which the server certificate names.
  const tlsUrl = tlsServer === undefined ? undefined : `https://127.0.0.1:${await listen(tlsServer, options.tls?.port ?? 4581)}${SOAP_PATH}`;
  logger.info({ url, ...(tlsUrl === undefined ? {} : { tlsUrl }), validation: validator !== undefined, signatures: [...(options.municipalities ?? [])].filter((city) => signatures.requiresSignatures(city.code)).map((city) => city.code), ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir, nfseKept: stats.snapshot().issued }) }, 'provider mock listening');

  const api: ProviderMock = {
    url,
    cityUrl: (municipalityCode) => `${mtlsCities.has(municipalityCode) && tlsUrl !== undefined ? tlsUrl : url}/${municipalityCode}`,
    port,
    tlsUrl,
    validationEnabled: validator !== undefined,
    knobs: {
      get: () => knobs,
      set: (patch) => {
        knobs = applyKnobsPatch(knobs, patch);
        return knobs;
      },
      failNext: (request) => faults.failNext(request),
    },
    stats: () => stats.snapshot(),
    open: () => ({ ...counts, byCity: Object.fromEntries([...byCity].map(([city, { calls, peakCalls }]) => [city, { calls, peakCalls }])) }),
    callStarts: (municipalityCode) => [...(byCity.get(municipalityCode)?.starts ?? [])],
    reset: (resetOptions) => {
      counts.peakCalls = counts.calls;
      for (const ofCity of byCity.values()) {
        ofCity.peakCalls = ofCity.calls;
        ofCity.starts = [];
      }
      mock.reset();
      stats.reset();
      journal?.rewrite(snapshot());
      faults.clear();
      if (resetOptions?.keepKnobs !== true) knobs = initialKnobs;
    },
    stop: async () => {
      for (const res of held) res.destroy();
      await Promise.all(
        servers.map(
          (listener) =>
            new Promise<void>((resolve, reject) => {
              listener.close((error) => (error ? reject(error) : resolve()));
              listener.closeAllConnections();
            }),
        ),
      );
      journal?.close();
    },
  };
  return api;
}

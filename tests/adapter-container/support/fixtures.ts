import type { Message } from '@aws-sdk/client-sqs';
import type { CancelProviderRequest, ConsultProviderRequest, EmitProviderRequest, ProviderRequest } from '../../../contracts/providerRequest';
import type { IssuedOutcome } from '../../../adapter-container/providers/Provider';
import { createMunicipalityRegistry, type MunicipalityConfig, type MunicipalityRegistry } from '../../../adapter-container/municipalities/registry';

export const INVOICE_ID = '01JD3Q5V6Z8X9Y0A1B2C3D4E5F';
export const SAO_PAULO = '3550308';
export const RIO = '3304557';
export const QUEUE_URL = 'http://127.0.0.1:4566/000000000000/requests';
export const BUCKET = 'docs';
export const CITY_LIMITS_TABLE = 'city-limits';
export const NFSE_XML = '<CompNfse xmlns="http://www.abrasf.org.br/nfse.xsd"><Nfse><InfNfse><Numero>42</Numero></InfNfse></Nfse></CompNfse>';

/** An emit request as EmissionWorkflow queues it. */
export function emitRequest(overrides: Partial<EmitProviderRequest> = {}): EmitProviderRequest {
  return {
    kind: 'emit',
    taskToken: 'token-emit',
    attempt: 0,
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:EmissionWorkflow:${INVOICE_ID}`,
    invoiceId: INVOICE_ID,
    companyCnpj: '11222333000181',
    municipalityCode: SAO_PAULO,
    rps: { serie: 'A', numero: 7 },
    invoice: { total: '100.00', xmlKey: `xml/${INVOICE_ID}.xml`, nfseXmlKey: `nfse/${INVOICE_ID}.xml` },
    ...overrides,
  };
}

/** A consult request (asynchronous city). */
export function consultRequest(overrides: Partial<ConsultProviderRequest> = {}): ConsultProviderRequest {
  const { kind: _kind, ...common } = emitRequest();
  return { ...common, kind: 'consult', taskToken: 'token-consult', protocol: 'P-1', ...overrides };
}

/** A cancel request. */
export function cancelRequest(overrides: Partial<CancelProviderRequest> = {}): CancelProviderRequest {
  const { invoice: _invoice, kind: _kind, ...common } = emitRequest();
  return { ...common, kind: 'cancel', taskToken: 'token-cancel', nfseNumber: '42', reasonCode: 1, reason: 'erro na emissão', ...overrides };
}

/** The SQS message carrying `body`. */
export function sqsMessage(body: ProviderRequest | string, id = 'm-1', receiveCount = 1): Message {
  return {
    MessageId: id,
    ReceiptHandle: `rh-${id}`,
    Body: typeof body === 'string' ? body : JSON.stringify(body),
    Attributes: { ApproximateReceiveCount: String(receiveCount) },
  };
}

/** What a sync city answers to GerarNfse. */
export function issuedOutcome(overrides: Partial<IssuedOutcome> = {}): IssuedOutcome {
  return {
    outcome: 'issued',
    nfseNumber: '42',
    verificationCode: 'ABC123',
    issuedAt: '2026-01-01T00:00:05.000Z',
    nfseXmlKey: 'ignored-by-the-worker.xml',
    nfseXml: NFSE_XML,
    ...overrides,
  };
}

/** The registry of the unit tests: two cities, one concurrent call each for São Paulo. */
export function testRegistry(overrides: Partial<MunicipalityConfig> = {}): MunicipalityRegistry {
  const base = { provider: 'abrasf-2.04', endpoint: 'http://127.0.0.1:4580', environment: 'homologacao', mode: 'sync' } as const;
  return createMunicipalityRegistry([
    { ...base, code: SAO_PAULO, name: 'São Paulo', concurrency: 1, ...overrides },
    { ...base, code: RIO, name: 'Rio de Janeiro', concurrency: 4 },
  ]);
}

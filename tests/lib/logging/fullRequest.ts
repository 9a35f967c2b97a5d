import type { EmitInvoiceRequest } from '../../../contracts/emitInvoiceRequest';
import type { EmitProviderRequest } from '../../../contracts/providerRequest';

/** Every secret value in {@link fullRequest}: none may appear in a log line. */
export const SECRETS = {
  cpf: '12345678909',
  name: 'Maria da Silva Souza',
  email: 'maria.souza@example.com',
  street: 'Rua das Flores',
  complement: 'apto 1203',
  postalCode: '04538132',
  // A JWT as the local issuer signs them (header.payload.signature, base64url).
  jwt: 'eyJhbGciOiJFUzI1NiIsImtpZCI6ImxvY2FsIn0.eyJzdWIiOiJ1c2VyLTEiLCJlbWFpbCI6Im1hcmlhLnNvdXphQGV4YW1wbGUuY29tIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg',
  apiKey: 'nfse-local-9f8e7d6c5b4a',
  taskToken: 'AQCEAAAAKgAAAAMAAAAAAAAAAYx7q2l0ZXN0LXRhc2stdG9rZW4tdmFsdWU=',
  password: 'correct horse battery staple',
  privateKey: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
  certificate: '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkq\n-----END CERTIFICATE-----',
  // A company's A1 certificate file as PUT /companies/{cnpj}/certificate takes it.
  pfxBase64: 'MIIKPAIBAzCCCfYGCSqGSIb3DQEHAaCCCecEggnjMIIJ3zCCBXgGCSqGSIb3',
} as const;

/** What must still be in the line: the identifiers a reader needs. */
export const KEPT = { invoiceId: '01JD3Q5V6Z8X9Y0A1B2C3D4E5F', companyCnpj: '11222333000181', executionArn: 'arn:aws:states:us-east-1:000000000000:execution:nfse-EmissionWorkflow:01JD3Q5V6Z8X9Y0A1B2C3D4E5F' } as const;

const emitBody: EmitInvoiceRequest = {
  companyCnpj: KEPT.companyCnpj,
  municipalityCode: '3550308',
  total: '100.00',
  service: { code: '01.07', description: 'Suporte técnico', issRate: '2.50', issWithheld: false },
  tomador: {
    document: SECRETS.cpf,
    name: SECRETS.name,
    email: SECRETS.email,
    address: { street: SECRETS.street, number: '100', complement: SECRETS.complement, district: 'Itaim Bibi', municipalityCode: '3550308', state: 'SP', postalCode: SECRETS.postalCode },
  },
  rpsSeries: '1',
};

const providerRequest: EmitProviderRequest = {
  kind: 'emit',
  taskToken: SECRETS.taskToken,
  attempt: 0,
  executionArn: KEPT.executionArn,
  invoiceId: KEPT.invoiceId,
  companyCnpj: KEPT.companyCnpj,
  municipalityCode: '3550308',
  rps: { serie: '1', numero: 7 },
  invoice: { total: '100.00', xmlKey: `xml/${KEPT.invoiceId}.xml`, nfseXmlKey: `nfse/${KEPT.invoiceId}.xml` },
};

/**
 * A full request, as a careless line would log it: the POST body (an EmitInvoiceRequest with its
 * tomador), the API Gateway proxy event that carried it (headers, claims, the body as text), the
 * ProviderRequest with its task token, the adapter's certificate material, and a company's
 * certificate upload (its `.pfx` in base64 and its password).
 */
export const fullRequest = {
  body: emitBody,
  event: {
    resource: '/invoices',
    path: '/invoices',
    httpMethod: 'POST',
    headers: { Authorization: `Bearer ${SECRETS.jwt}`, 'x-api-key': SECRETS.apiKey, 'content-type': 'application/json' },
    multiValueHeaders: { Authorization: [`Bearer ${SECRETS.jwt}`], 'x-api-key': [SECRETS.apiKey] },
    requestContext: { requestId: 'req-1', identity: { apiKey: SECRETS.apiKey }, authorizer: { claims: { sub: 'user-1', email: SECRETS.email } } },
    body: JSON.stringify(emitBody),
  },
  providerRequest,
  message: { MessageId: 'm-1', Body: JSON.stringify(providerRequest) },
  signing: { certificate: SECRETS.certificate, privateKey: SECRETS.privateKey, password: SECRETS.password },
  upload: { event: { resource: '/companies/{cnpj}/certificate', body: JSON.stringify({ pfxBase64: SECRETS.pfxBase64, password: SECRETS.password }) }, pfxBase64: SECRETS.pfxBase64 },
  note: `the city refused token ${SECRETS.jwt} with key ${SECRETS.privateKey}`,
};

/** The secret values found in `output`, by name (none, when the redaction holds). */
export function leakedSecrets(output: string): string[] {
  // JSON escapes the PEM's newlines: look for the escaped form too.
  return Object.entries(SECRETS)
    .filter(([, value]) => output.includes(value) || output.includes(JSON.stringify(value).slice(1, -1)) || value.split('\n').some((line) => line.length > 20 && output.includes(line)))
    .map(([name]) => name);
}

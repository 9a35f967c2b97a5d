import type { LocalPki } from '../certificates/LocalPki';

/** The REST API a company's certificate is uploaded through. */
export interface CertificateSeedApi {
  readonly endpoint: string;
  readonly apiKey: string;
}

/** The operator that seeds a local stack (an onboarding done for the developer). */
const SEEDER = 'local-seed';

async function opsToken(api: CertificateSeedApi, cnpj: string): Promise<string> {
  const response = await fetch(`${api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: SEEDER, cnpjs: [cnpj], role: 'ops', ttlSeconds: 300 }) });
  if (response.status !== 200) throw new Error(`the local token endpoint answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Gives a seeded company its A1-like certificate from the local PKI, uploaded through the API
 * (`PUT /companies/{cnpj}/certificate`, an ops token from the local issuer): checked, stored in its
 * Secrets Manager secret, its metadata and status on the company record, exactly as a tenant's
 * upload. One request: the same file again (a restart on the same `--data`) changes nothing, as
 * the upload's own rule says, and a throttled API key is spared a read. The company must have its record.
 */
export async function seedCompanyCertificate(api: CertificateSeedApi, pki: LocalPki, cnpj: string, razaoSocial: string): Promise<void> {
  const a1 = await pki.companyCertificate(cnpj, razaoSocial);
  const headers = { authorization: `Bearer ${await opsToken(api, cnpj)}`, 'x-api-key': api.apiKey };
  const upload = await fetch(`${api.endpoint}/companies/${cnpj}/certificate`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ pfxBase64: a1.pfx.toString('base64'), password: a1.password }),
  });
  if (upload.status !== 200 && upload.status !== 201) throw new Error(`uploading the certificate of company ${cnpj} answered ${upload.status}: ${await upload.text()}`);
}

import { issueA1Certificate, toPfx, type TestCa } from '../certificates/testPki';

/** The API a certificate is uploaded through. */
export interface SeedApi {
  readonly endpoint: string;
  readonly apiKey: string;
}

/**
 * Gives a dev company an A1 certificate from the local CA, through the API as an onboarding
 * would (`PUT /companies/{cnpj}/certificate`, as the platform's ops), unless it has one: the
 * national system signs and opens mutual TLS with it. Returns whether it uploaded one.
 */
export async function seedCompanyCertificate(api: SeedApi, cnpj: string, razaoSocial: string, ca: TestCa): Promise<boolean> {
  const tokenAnswer = await fetch(`${api.endpoint}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'local-seed', cnpjs: [cnpj], role: 'ops', ttlSeconds: 300 }),
  });
  if (tokenAnswer.status !== 200) throw new Error(`seeding the certificate of ${cnpj}: POST /local/token answered ${tokenAnswer.status}`);
  const { token } = (await tokenAnswer.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'x-api-key': api.apiKey };
  const current = await fetch(`${api.endpoint}/companies/${cnpj}/certificate`, { headers });
  if (current.status === 200) return false;
  // A fresh password per upload: it only ever travels to the API, which keeps it in the company's secret.
  const password = `local-${Math.random().toString(36).slice(2)}`;
  const pfx = toPfx(issueA1Certificate(ca, { cnpj, razaoSocial }), password, [ca.certificatePem]);
  const put = await fetch(`${api.endpoint}/companies/${cnpj}/certificate`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ pfxBase64: pfx.toString('base64'), password }),
  });
  if (put.status !== 200 && put.status !== 201) throw new Error(`seeding the certificate of ${cnpj}: PUT /companies/${cnpj}/certificate answered ${put.status} ${await put.text()}`);
  return true;
}

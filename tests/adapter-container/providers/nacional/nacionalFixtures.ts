import pino from 'pino';
import type { Company } from '../../../../contracts/company';
import type { MunicipalityInput } from '../../../../contracts/municipality';
import type { EmitProviderRequest } from '../../../../contracts/providerRequest';
import { CompanyCredentials } from '../../../../adapter-container/certificates/CompanyCredentials';
import type { CallCredentials } from '../../../../adapter-container/providers/Provider';
import { CityAgents } from '../../../../adapter-container/tls/CityAgents';
import type { MunicipalityConfig } from '../../../../contracts/municipality';
import { readPkcs12 } from '../../../../lib/certificates/readPkcs12';
import { createMunicipalityRegistry } from '../../../../lib/municipalities/registry';
import { issueA1Certificate, toPfx, type IssuedCertificate, type TestCa } from '../../../../local/certificates/testPki';
import { startNacionalMock, type NacionalMock } from '../../../../local/provider-mock/nacional';
import { buildDpsXml, type DpsInvoice } from '../../../../tasks/emit/dps/buildDpsXml';

/** A company of Porto Alegre, on the national system. */
export const NACIONAL_CNPJ = '11444777000161';
export const PORTO_ALEGRE = '4314902';
export const OTHER_CNPJ = '11222333000181';
export const INVOICE_ID = '01JD3Q5V6Z8X9Y0A1B2C3D4E5G';

/** The DPS of invoice number `numero` for `total`, built as emission builds it. */
export function dpsOf(numero: number, total = '250.00', overrides: Partial<DpsInvoice> = {}): string {
  const invoice: DpsInvoice = {
    invoiceId: INVOICE_ID,
    companyCnpj: NACIONAL_CNPJ,
    municipalityCode: PORTO_ALEGRE,
    total,
    competence: '2026-11-20',
    createdAt: '2026-11-23T12:30:00.000Z',
    rps: { serie: '1', numero },
    service: { code: '01.07', description: 'Suporte técnico em informática', issRate: '2.00', issWithheld: false },
    tomador: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' },
    ...overrides,
  };
  const prestador: Pick<Company, 'cnpj' | 'inscricaoMunicipal' | 'municipalityCode' | 'taxRegime' | 'defaultService'> = {
    cnpj: NACIONAL_CNPJ,
    inscricaoMunicipal: '7654321',
    municipalityCode: PORTO_ALEGRE,
    taxRegime: { simplesNacional: 'naoOptante', regimeEspecial: 'nenhum', incentivoFiscal: false },
  };
  return buildDpsXml(invoice, prestador, { environment: 'homologacao' });
}

/** The emit request of invoice number `numero`. */
export function nacionalEmitRequest(numero: number, overrides: Partial<EmitProviderRequest> = {}): EmitProviderRequest {
  return {
    kind: 'emit',
    taskToken: 'token-emit',
    attempt: 0,
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:EmissionWorkflow:${INVOICE_ID}`,
    invoiceId: INVOICE_ID,
    companyCnpj: NACIONAL_CNPJ,
    municipalityCode: PORTO_ALEGRE,
    rps: { serie: '1', numero },
    invoice: { total: '250.00', xmlKey: `xml/${INVOICE_ID}.xml`, nfseXmlKey: `nfse/${INVOICE_ID}.xml` },
    ...overrides,
  };
}

/** Porto Alegre at the mock, as the registry serves it. */
export function portoAlegre(endpoint: string, caFile: string, overrides: Partial<MunicipalityInput> = {}): MunicipalityInput {
  return {
    code: PORTO_ALEGRE,
    name: 'Porto Alegre',
    uf: 'RS',
    provider: 'nacional',
    mode: 'sync',
    environment: 'homologacao',
    endpoint,
    mtls: true,
    caFile,
    signing: { algorithm: 'rsa-sha256', elements: ['infDPS', 'infPedReg'] },
    cancellation: { by: 'event', reasonCodes: [1, 2, 9], reasonText: { minLength: 15, maxLength: 255 } },
    concurrency: 4,
    ...overrides,
  };
}

/** The registry entry with its defaults applied. */
export function portoAlegreConfig(endpoint: string, caFile: string, overrides: Partial<MunicipalityInput> = {}): ReturnType<ReturnType<typeof createMunicipalityRegistry>['list']>[number] {
  const config = createMunicipalityRegistry([portoAlegre(endpoint, caFile, overrides)]).get(PORTO_ALEGRE);
  if (config === undefined) throw new Error('no Porto Alegre');
  return config;
}

/** What the worker hands a call: a company's certificate (opened as the adapter opens an upload) and the city's agent presenting it. */
export interface TestCredentials {
  /** The call credentials of `cnpj` for `municipality` (one agent per company and city, kept, as the worker's). */
  for(cnpj: string, municipality: MunicipalityConfig): CallCredentials;
  readonly certificates: ReadonlyMap<string, IssuedCertificate>;
  /** Closes the agents. */
  destroy(): void;
}

/** Call credentials by CNPJ from A1 certificates of `ca`, as `CompanyCalls` prepares them. */
export function testCredentials(ca: TestCa, cnpjs: readonly string[] = [NACIONAL_CNPJ]): TestCredentials {
  const certificates = new Map(cnpjs.map((cnpj) => [cnpj, issueA1Certificate(ca, { cnpj, razaoSocial: `EMPRESA ${cnpj} LTDA` })]));
  const companies = new Map([...certificates].map(([cnpj, certificate]) => [cnpj, new CompanyCredentials(cnpj, readPkcs12(toPfx(certificate, 'test'), 'test'))]));
  const agents = new CityAgents();
  return {
    for(cnpj, municipality) {
      const company = companies.get(cnpj);
      if (company === undefined) throw new Error(`no test certificate for ${cnpj}`);
      const agent = agents.agentFor(municipality, company);
      return { company, ...(agent === undefined ? {} : { agent }) };
    },
    certificates,
    destroy: () => agents.destroy(),
  };
}

/** The mock on a free port, trusting `ca`, with Porto Alegre adhered. */
export function startTestNacionalMock(ca: TestCa, overrides: Partial<Parameters<typeof startNacionalMock>[0]> = {}): Promise<NacionalMock> {
  return startNacionalMock({ ca, port: 0, logger: pino({ level: 'silent' }), municipalities: [{ code: PORTO_ALEGRE, name: 'Porto Alegre' }], ...overrides });
}

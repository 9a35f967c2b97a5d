import { startBillingMocks, type BillingMocks } from '../../../local/billing-mocks/startBillingMocks';
import { generatedClients } from '../../../local/billing-mocks/generatedUsage';
import { OmieClient } from '../../../tasks/billing/OmieClient';
import { UsagePlatformClient } from '../../../tasks/billing/UsagePlatformClient';
import type { IncluirContratoParam } from '../../../contracts/omie';

const contract = (key: string, nCodCli: number): IncluirContratoParam => ({
  cabecalho: { cCodIntCtr: key, cNumCtr: key, nCodCli, dVigInicial: '01/01/2026', dVigFinal: '31/01/2026', nDiaFat: 1, nValTotMes: 150.5, cCodSit: '10' },
  itensContrato: [{ itemCabecalho: { seq: 1, codServico: 'COBRANCA', quant: 10, valorUnit: 15.05, valorTotal: 150.5 }, itemDescrServ: { descrCompleta: 'Cobrança bancária: 10 títulos' } }],
});

describe('the billing clients against the local mocks (real HTTP)', () => {
  let mocks: BillingMocks;
  let usage: UsagePlatformClient;
  let omie: OmieClient;

  beforeAll(async () => {
    mocks = await startBillingMocks({ port: 0, clients: generatedClients(12) });
    usage = new UsagePlatformClient({ baseUrl: mocks.usageUrl, token: mocks.credentials.usageToken, timeoutMs: 2000 });
    omie = new OmieClient({ baseUrl: mocks.omieUrl, appKey: mocks.credentials.omieAppKey, appSecret: mocks.credentials.omieAppSecret, timeoutMs: 2000 });
  });
  afterAll(() => mocks.stop());
  beforeEach(() => {
    mocks.omie.reset();
    mocks.omie.setKnobs({ faults: {}, rateLimitPerMinute: 240, redundantWindowSeconds: 60, transientRate: 0, latencyMs: 0 });
    mocks.usage.setKnobs({ pageSize: 5, transientRate: 0, latencyMs: 0 });
    mocks.usage.resetStats();
  });

  describe('UsagePlatformClient', () => {
    it('joins both products of every company across pages, money in centavos', async () => {
      mocks.usage.setUsage('2026-01', { cobranca: { idEmpresa: 3, qtdeTitulos: 150, valorTotal: 15000.1 }, pixpay: { idEmpresa: 3, qtdeMotoristas: 50, valorTotal: 0.29 } });
      const { companies, invalid } = await usage.usage('2026-01');
      expect(invalid).toEqual([]);
      expect(companies).toHaveLength(12);
      expect(companies[2]).toEqual({
        empresaId: '3',
        cnpj: generatedClients(3)[2]?.cnpj,
        razaoSocial: 'Cliente 3 Ltda',
        email: 'financeiro@cliente3.example',
        cobranca: { quantity: 150, centavos: 1500010 },
        pixpay: { quantity: 50, centavos: 29 },
      });
      expect(companies[9]).toMatchObject({ empresaId: '10', cobranca: { quantity: 0, centavos: 0 }, pixpay: { quantity: 0, centavos: 0 } });
      // 12 companies at 5 a page: 3 pages of each list.
      expect(mocks.usage.snapshot().calls).toEqual({ empresas: 3, 'volumetria/cobranca': 3, 'volumetria/pixpay': 3 });
    });

    it('leaves out a company whose CNPJ is invalid and names it', async () => {
      mocks.usage.setClients([...generatedClients(2), { idEmpresa: 99, cnpj: '11111111111112', razaoSocial: 'Errada' }]);
      const { companies, invalid } = await usage.usage('2026-02');
      expect(companies.map((c) => c.empresaId)).toEqual(['1', '2']);
      expect(invalid).toEqual(['99']);
      mocks.usage.setClients(generatedClients(12));
    });

    it('is Usage.Rejected with the platform’s words on a wrong token', async () => {
      const wrong = new UsagePlatformClient({ baseUrl: mocks.usageUrl, token: 'nope' });
      await expect(wrong.usage('2026-01')).rejects.toMatchObject({ name: 'Usage.Rejected', message: 'usage platform refused /v1/empresas (401): token de acesso ausente ou inválido' });
    });

    it('is Usage.Transient on a 503 and on no answer in time', async () => {
      mocks.usage.setKnobs({ transientRate: 1 });
      await expect(usage.companiesPage(1)).rejects.toMatchObject({ name: 'Usage.Transient', message: 'usage platform answered 503 on /v1/empresas: serviço temporariamente indisponível' });
      mocks.usage.setKnobs({ transientRate: 0, latencyMs: 500 });
      const impatient = new UsagePlatformClient({ baseUrl: mocks.usageUrl, token: mocks.credentials.usageToken, timeoutMs: 100 });
      await expect(impatient.companiesPage(1)).rejects.toMatchObject({ name: 'Usage.Transient', message: expect.stringMatching(/^usage platform: no answer from 127\.0\.0\.1:\d+ within 100 ms$/) });
    });
  });

  describe('OmieClient', () => {
    const client = { codigo_cliente_integracao: 'EMP-1', cnpj_cpf: generatedClients(1)[0]?.cnpj ?? '', razao_social: 'Cliente 1 Ltda' };

    it('creates a client, then updates the one with the same CNPJ', async () => {
      const first = await omie.upsertClient(client);
      const second = await omie.upsertClient({ ...client, razao_social: 'Cliente Um Ltda' });
      expect(first.created).toBe(true);
      expect(second).toEqual({ codigoClienteOmie: first.codigoClienteOmie, created: false });
      expect(mocks.omie.clientsByCnpj().get(client.cnpj_cpf)?.razao_social).toBe('Cliente Um Ltda');
    });

    it('reads the client back when Omie calls a repeated upsert redundant', async () => {
      const first = await omie.upsertClient(client);
      const again = await omie.upsertClient(client);
      expect(again).toEqual({ codigoClienteOmie: first.codigoClienteOmie, created: false });
      expect(mocks.omie.snapshot().faults).toEqual({ redundant: 1 });
      expect(mocks.omie.snapshot().calls).toEqual({ UpsertClienteCpfCnpj: 2, ConsultarCliente: 1 });
    });

    it('creates a contract once: a repeat (redundant) and a re-run (duplicate) find it', async () => {
      const { codigoClienteOmie } = await omie.upsertClient(client);
      const created = await omie.createContract(contract('2026-01-1', codigoClienteOmie));
      const repeated = await omie.createContract(contract('2026-01-1', codigoClienteOmie));
      mocks.omie.setKnobs({ redundantWindowSeconds: 0 });
      const rerun = await omie.createContract(contract('2026-01-1', codigoClienteOmie));
      expect(created.created).toBe(true);
      expect(repeated).toEqual({ nCodCtr: created.nCodCtr, created: false });
      expect(rerun).toEqual({ nCodCtr: created.nCodCtr, created: false });
      expect(mocks.omie.snapshot()).toMatchObject({ contracts: 1, faults: { redundant: 1, duplicate: 1 }, calls: { IncluirContrato: 3, ConsultarContrato: 2 } });
    });

    it('is Erp.Transient while a planned 5xx lasts, then creates the contract', async () => {
      const { codigoClienteOmie } = await omie.upsertClient(client);
      mocks.omie.setKnobs({ faults: { '2026-01-1': { kind: 'transient', times: 2 } } });
      const fault = { name: 'Erp.Transient', message: 'ERP IncluirContrato (500 SOAP-ENV:Server): ERROR: Serviço temporariamente indisponível. Tente novamente mais tarde.' };
      await expect(omie.createContract(contract('2026-01-1', codigoClienteOmie))).rejects.toMatchObject(fault);
      await expect(omie.createContract(contract('2026-01-1', codigoClienteOmie))).rejects.toMatchObject(fault);
      await expect(omie.createContract(contract('2026-01-1', codigoClienteOmie))).resolves.toMatchObject({ created: true });
    });

    it('is Erp.Rejected with Omie’s fault when it refuses the content', async () => {
      const { codigoClienteOmie } = await omie.upsertClient(client);
      mocks.omie.setKnobs({ faults: { '2026-01-1': { kind: 'rejected' } } });
      await expect(omie.createContract(contract('2026-01-1', codigoClienteOmie))).rejects.toMatchObject({
        name: 'Erp.Rejected',
        message: `ERP IncluirContrato (SOAP-ENV:Client-120): ERROR: O cliente [${codigoClienteOmie}] está bloqueado para faturamento!`,
      });
      await expect(omie.createContract(contract('2026-01-2', 12345))).rejects.toMatchObject({ name: 'Erp.Rejected', message: 'ERP IncluirContrato (SOAP-ENV:Client-103): ERROR: Cliente não cadastrado para o Código [12345]!' });
    });

    it('is Erp.Transient when throttled (429) and Erp.Rejected on a wrong app key', async () => {
      mocks.omie.setKnobs({ rateLimitPerMinute: 1 });
      await omie.upsertClient(client);
      await expect(omie.findContract('x')).rejects.toMatchObject({ name: 'Erp.Transient', message: expect.stringMatching(/^ERP ConsultarContrato \(429 SOAP-ENV:Client-8\): ERROR: Limite de requisições por minuto excedido/) });
      mocks.omie.setKnobs({ rateLimitPerMinute: 240 });
      const wrong = new OmieClient({ baseUrl: mocks.omieUrl, appKey: 'x', appSecret: 'y' });
      await expect(wrong.findContract('x')).rejects.toMatchObject({ name: 'Erp.Rejected', message: 'ERP ConsultarContrato (SOAP-ENV:Client-101): ERROR: A chave de acesso não está preenchida ou não é válida!' });
    });

    it('answers undefined for a contract the ERP does not have', async () => {
      await expect(omie.findContract('2099-01-1')).resolves.toBeUndefined();
    });
  });
});

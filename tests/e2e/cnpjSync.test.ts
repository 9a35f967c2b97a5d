import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { CnpjSyncSummary } from '../../contracts/billingCycle';
import { generatedClients } from '../../local/billing-mocks/generatedUsage';
import { executionEnded } from '../harness/executionEnded';
import { startE2eApp, type E2eApp } from './e2eApp';

describe('CnpjSyncWorkflow, end to end', () => {
  let e2e: E2eApp;
  let run = 0;

  beforeAll(async () => {
    e2e = await startE2eApp({ adapters: 0 });
    const clients = generatedClients(12);
    e2e.app.billingMocks.usage.setClients(clients);
    // Three pages of five; two companies the ERP has already, one it refuses.
    e2e.app.billingMocks.usage.setKnobs({ pageSize: 5 });
    for (const client of clients.slice(0, 2)) {
      e2e.app.billingMocks.omie.handle('/api/v1/geral/clientes/', {
        call: 'UpsertClienteCpfCnpj',
        app_key: e2e.app.billingMocks.credentials.omieAppKey,
        app_secret: e2e.app.billingMocks.credentials.omieAppSecret,
        param: [{ codigo_cliente_integracao: `OLD-${client.idEmpresa}`, cnpj_cpf: client.cnpj, razao_social: 'Nome Antigo' }],
      });
    }
    e2e.app.billingMocks.omie.setKnobs({ faults: { 'EMP-7': { kind: 'rejected' } } });
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  async function sync(): Promise<CnpjSyncSummary> {
    run += 1;
    const started = await e2e.sfn.send(new StartExecutionCommand({ stateMachineArn: e2e.app.names.env.CNPJ_SYNC_STATE_MACHINE_ARN, name: `sync-${run}`, input: JSON.stringify({ trigger: 'manual', requestId: `sync-${run}` }) }));
    const ended = await executionEnded(e2e.sfn, started.executionArn, { timeoutMs: 120_000, intervalMs: 250 });
    expect(ended.status).toBe('SUCCEEDED');
    return JSON.parse(ended.output ?? '{}') as CnpjSyncSummary;
  }

  it('creates or updates every company of every page in the ERP by CNPJ, and reports the one it refused', async () => {
    const summary = await sync();
    const refused = generatedClients(7)[6]?.cnpj ?? '';

    expect(summary).toEqual({ created: 9, updated: 2, failed: [{ empresa: '7', cnpj: refused, error: { code: 'Erp.Rejected', message: 'ERP UpsertClienteCpfCnpj (SOAP-ENV:Client-120): ERROR: O cliente [0] está bloqueado para faturamento!' } }] });
    const erp = e2e.app.billingMocks.omie.clientsByCnpj();
    expect(erp.size).toBe(11);
    expect(erp.get(generatedClients(1)[0]?.cnpj ?? '')).toMatchObject({ razao_social: 'Cliente 1 Ltda', codigo_cliente_integracao: 'EMP-1' });
    expect(e2e.app.billingMocks.usage.snapshot().calls).toEqual({ empresas: 3 });
  }, 180_000);

  it('creates nothing the second time: every company is there to update', async () => {
    const summary = await sync();

    expect(summary).toMatchObject({ created: 0, updated: 11 });
    expect(e2e.app.billingMocks.omie.clientsByCnpj().size).toBe(11);
  }, 180_000);
});

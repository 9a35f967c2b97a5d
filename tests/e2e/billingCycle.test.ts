import { GetExecutionHistoryCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { BillingCycleInput, BillingFailureMessage, BillingSummary } from '../../contracts/billingCycle';
import { generatedClients } from '../../local/billing-mocks/generatedUsage';
import { billingInvoiceId } from '../../tasks/billing/billingInvoiceId';
import { executionEnded } from '../harness/executionEnded';
import { startE2eApp, statesEntered, type E2eApp } from './e2eApp';

const COMPANIES = 50;
const ISSUER = '11222333000181';
/** 10% of the companies meet ERP faults: two recover within the retries, one never does, two are refused. */
const FAULTS = {
  '2026-01-3': { kind: 'transient', times: 2 },
  '2026-01-7': { kind: 'transient', times: 3 },
  '2026-01-13': { kind: 'transient', times: 100 },
  '2026-01-17': { kind: 'rejected' },
  '2026-01-23': { kind: 'rejected' },
} as const;
const SERVER_FAULT = 'ERP IncluirContrato (500 SOAP-ENV:Server): ERROR: Serviço temporariamente indisponível. Tente novamente mais tarde.';
const blocked = (codigo: number): string => `ERP IncluirContrato (SOAP-ENV:Client-120): ERROR: O cliente [${codigo}] está bloqueado para faturamento!`;

describe('BillingCycleWorkflow, end to end (50 companies, 10% ERP failures)', () => {
  let e2e: E2eApp;
  let run = 0;

  beforeAll(async () => {
    e2e = await startE2eApp({ adapters: 2 });
    e2e.app.billingMocks.usage.setClients(generatedClients(COMPANIES));
    // Only the injected faults: at the test cloud's speed the ERP's own per-minute limits (240 calls, the same call twice)
    // would refuse calls a real month spreads over hours, and the counts below would depend on the machine's load.
    e2e.app.billingMocks.omie.setKnobs({ faults: FAULTS, rateLimitPerMinute: 100_000, redundantWindowSeconds: 0 });
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  async function bill(input: Omit<BillingCycleInput, 'requestId'>): Promise<{ summary: BillingSummary; executionArn: string }> {
    run += 1;
    const started = await e2e.sfn.send(new StartExecutionCommand({ stateMachineArn: e2e.app.names.env.BILLING_STATE_MACHINE_ARN, name: `run-${run}`, input: JSON.stringify({ ...input, requestId: `req-${run}` }) }));
    const ended = await executionEnded(e2e.sfn, started.executionArn, { timeoutMs: 240_000, intervalMs: 250 });
    if (ended.status !== 'SUCCEEDED') {
      const history = await e2e.sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, reverseOrder: true, maxResults: 20 }));
      throw new Error(`run ${run} ${String(ended.status)}: ${JSON.stringify(history.events?.map((e) => [e.type, e.executionFailedEventDetails ?? e.taskFailedEventDetails ?? e.stateEnteredEventDetails?.name]))}`);
    }
    return { summary: JSON.parse(ended.output ?? '{}') as BillingSummary, executionArn: String(started.executionArn) };
  }

  async function rows(sql: string): Promise<Array<Record<string, unknown>>> {
    const names = e2e.app.names;
    const result = await e2e.rds.send(new ExecuteStatementCommand({ resourceArn: names.dbClusterArn, secretArn: names.dbSecretArn, database: names.dbName, sql, formatRecordsAs: 'JSON' }));
    return JSON.parse(result.formattedRecords ?? '[]') as Array<Record<string, unknown>>;
  }
  const consolidations = (): Promise<Array<Record<string, unknown>>> => rows(`SELECT *, updated_at::text AS updated FROM ${e2e.app.names.billingSchema}.consolidations WHERE competencia = '2026-01' ORDER BY empresa_id::int`);
  const usageRows = (): Promise<Array<Record<string, unknown>>> => rows(`SELECT * FROM ${e2e.app.names.billingSchema}.usage WHERE competencia = '2026-01' ORDER BY empresa_id::int, product`);

  async function drainFailures(): Promise<BillingFailureMessage[]> {
    const queueUrl = e2e.app.names.env.BILLING_FAILURES_QUEUE_URL;
    const messages: BillingFailureMessage[] = [];
    for (;;) {
      const page = await e2e.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      if ((page.Messages ?? []).length === 0) return messages;
      for (const message of page.Messages ?? []) {
        messages.push(JSON.parse(message.Body ?? '{}') as BillingFailureMessage);
        await e2e.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      }
    }
  }

  const clientCode = (empresa: number): number => {
    const cnpj = generatedClients(empresa)[empresa - 1]?.cnpj ?? '';
    return e2e.app.billingMocks.omie.clientsByCnpj().get(cnpj)?.codigo_cliente_omie ?? -1;
  };

  let firstRows: Array<Record<string, unknown>>;
  let firstUsage: Array<Record<string, unknown>>;

  it('invoices every company with usage exactly once, or hands it to ops with its reason', async () => {
    const { summary, executionArn } = await bill({ competencia: '2026-01', trigger: 'manual' });

    const failed = [
      { empresa: '13', error: { code: 'Erp.Transient', message: SERVER_FAULT } },
      { empresa: '17', error: { code: 'Erp.Rejected', message: blocked(clientCode(17)) } },
      { empresa: '23', error: { code: 'Erp.Rejected', message: blocked(clientCode(23)) } },
    ];
    expect(summary).toEqual({ competencia: '2026-01', companies: 50, invoiced: 42, skipped: 5, failed });
    // One contract per invoiced company; each of the three failing ones was tried once and then
    // three times more (1 s, 2 s, 3 s) when transient, once when refused.
    const omie = e2e.app.billingMocks.omie.snapshot();
    expect(omie.contracts).toBe(42);
    expect(omie.faults).toEqual({ transient: 2 + 3 + 4, rejected: 2 });
    expect(omie.calls.IncluirContrato).toBe(45 + 2 + 3 + 3);
    expect([...e2e.app.billingMocks.omie.contractsByKey().keys()].sort()).toEqual(
      Array.from({ length: 50 }, (_, i) => String(i + 1)).filter((id) => Number(id) % 10 !== 0 && !['13', '17', '23'].includes(id)).map((id) => `2026-01-${id}`).sort(),
    );
    // One ISSUED invoice per invoiced company, under the id derived from month and company.
    expect(e2e.app.mock.stats().issued).toBe(42);
    for (const empresa of [1, 3, 7, 49]) {
      const record = await e2e.record(billingInvoiceId(ISSUER, '2026-01', String(empresa)));
      expect(record).toMatchObject({ status: 'ISSUED', companyCnpj: ISSUER, tomador: { document: generatedClients(empresa)[empresa - 1]?.cnpj } });
    }
    expect(await e2e.record(billingInvoiceId(ISSUER, '2026-01', '17'))).toBeUndefined();

    const failures = await drainFailures();
    expect(failures.map((f) => ({ empresaId: f.empresaId, error: f.error, executionArn: f.executionArn })).sort((a, b) => Number(a.empresaId) - Number(b.empresaId))).toEqual(
      failed.map(({ empresa, error }) => ({ empresaId: empresa, error, executionArn })),
    );

    firstRows = await consolidations();
    firstUsage = await usageRows();
    expect(firstRows.map((row) => row.status)).toEqual(Array.from({ length: 50 }, (_, i) => (i + 1) % 10 === 0 ? 'skipped' : ['13', '17', '23'].includes(String(i + 1)) ? 'failed' : 'invoiced'));
    expect(firstUsage).toHaveLength(45 * 2);
    expect(firstRows[0]).toMatchObject({ empresa_id: '1', status: 'invoiced', total_centavos: 6000 + 5940, invoice_id: billingInvoiceId(ISSUER, '2026-01', '1') });
  }, 300_000);

  it('does nothing when the month runs again, as it is closed: ERP, invoices and Aurora rows unchanged', async () => {
    const calls = e2e.app.billingMocks.omie.snapshot().calls;
    const { summary, executionArn } = await bill({ competencia: '2026-01', trigger: 'scheduled' });

    // Every company is invoiced, skipped or failed and recorded: the month is closed, nothing runs per company (the month is held and freed).
    expect(statesEntered(await e2e.history(executionArn))).toEqual(['FetchVolumes', 'ClaimMonth', 'IsMonthClaimed', 'LoadRecorded', 'IsMonthClosed', 'ReleaseClosedMonth', 'MonthClosed']);

    expect(summary).toMatchObject({ companies: 50, invoiced: 42, skipped: 5 });
    expect(summary.failed.map((f) => f.empresa)).toEqual(['13', '17', '23']);
    expect(e2e.app.billingMocks.omie.snapshot().calls).toEqual(calls);
    expect(e2e.app.billingMocks.omie.snapshot().contracts).toBe(42);
    expect(e2e.app.mock.stats().issued).toBe(42);
    expect(await consolidations()).toEqual(firstRows);
    expect(await usageRows()).toEqual(firstUsage);
    expect(await drainFailures()).toEqual([]);
  }, 300_000);

  it('invoices a failed company once when ops reprocess it', async () => {
    // Ops reprocess minutes later; the ERP refuses the same call within its redundancy window (60 s), which those minutes clear.
    e2e.app.billingMocks.omie.setKnobs({ faults: {}, redundantWindowSeconds: 0 });
    const { summary } = await bill({ competencia: '2026-01', empresaIds: ['17'], trigger: 'manual' });

    expect(summary).toEqual({ competencia: '2026-01', companies: 1, invoiced: 1, skipped: 0, failed: [] });
    expect(e2e.app.billingMocks.omie.snapshot().contracts).toBe(43);
    expect(e2e.app.mock.stats().issued).toBe(43);
    expect(await e2e.record(billingInvoiceId(ISSUER, '2026-01', '17'))).toMatchObject({ status: 'ISSUED' });
    const again = await bill({ competencia: '2026-01', empresaIds: ['17'], trigger: 'manual' });
    expect(again.summary).toEqual({ competencia: '2026-01', companies: 1, invoiced: 1, skipped: 0, failed: [] });
    expect(e2e.app.mock.stats().issued).toBe(43);
    expect((await consolidations()).filter((row) => row.status === 'invoiced')).toHaveLength(43);
  }, 300_000);
});

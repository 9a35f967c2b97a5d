import { GetExecutionHistoryCommand, StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import type { BillingSummary } from '../../contracts/billingCycle';
import { generatedClients } from '../../local/billing-mocks/generatedUsage';
import { executionEnded } from '../harness/executionEnded';
import { startE2eApp, statesEntered, type E2eApp } from './e2eApp';

/** This suite's own month: the billing.* tables are shared by every e2e app of a run. */
const MONTH = '2025-08';
const WINDOW_SECONDS = 20;
const redundant = (call: string, seconds: number): string =>
  `wait ${seconds} s: ERP ${call} (425 SOAP-ENV:Client-6): ERROR: Consumo redundante detectado para o método [${call}]. Aguarde ${seconds} segundos para realizar a mesma requisição novamente.`;

describe('BillingCycleWorkflow waits as long as the ERP asks ("consumo redundante")', () => {
  let e2e: E2eApp;

  beforeAll(async () => {
    e2e = await startE2eApp({ adapters: 1 });
    e2e.app.billingMocks.usage.setClients(generatedClients(3));
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  it('waits the seconds the refusal names before calling again, at most three times per company', async () => {
    // Company 1's contract and company 2's client are refused once; company 3's contract every time.
    e2e.app.billingMocks.omie.setKnobs({
      redundantWindowSeconds: WINDOW_SECONDS,
      rateLimitPerMinute: 100_000,
      faults: { [`${MONTH}-1`]: { kind: 'redundant', times: 1 }, 'EMP-2': { kind: 'redundant', times: 1 }, [`${MONTH}-3`]: { kind: 'redundant', times: 10 } },
    });

    const started = await e2e.sfn.send(new StartExecutionCommand({ stateMachineArn: e2e.app.names.env.BILLING_STATE_MACHINE_ARN, name: `erp-waits-${MONTH}`, input: JSON.stringify({ competencia: MONTH, trigger: 'manual', requestId: 'erp-waits' }) }));
    const ended = await executionEnded(e2e.sfn, started.executionArn, { timeoutMs: 120_000, intervalMs: 250 });
    const events = await history(String(started.executionArn));
    const entered = statesEntered(events);

    expect(ended.status).toBe('SUCCEEDED');
    expect(JSON.parse(ended.output ?? '{}') as BillingSummary).toEqual({
      competencia: MONTH,
      companies: 3,
      invoiced: 2,
      skipped: 0,
      failed: [{ empresa: '3', error: { code: 'Erp.Redundant', message: redundant('IncluirContrato', WINDOW_SECONDS) } }],
    });
    // The mock refuses every call of a key until its window has passed, on the cloud's time scale: a call
    // made before the named seconds were up would have been refused once more.
    expect(e2e.app.billingMocks.omie.snapshot().faults.redundant).toBe(1 + 1 + 4);
    expect(count(entered, 'WaitForErpClient')).toBe(1);
    expect(count(entered, 'WaitForErpContract')).toBe(1 + 3);
    expect(count(entered, 'ContractRedundant')).toBe(1 + 4);
  }, 150_000);

  async function history(executionArn: string): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await e2e.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return events;
  }
});

function count(names: readonly string[], name: string): number {
  return names.filter((n) => n === name).length;
}

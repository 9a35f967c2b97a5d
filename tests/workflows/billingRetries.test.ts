import jsonata from 'jsonata';
import { BillingUsageEventSchema } from '../../contracts/billingCycle';
import { retryDelayMs } from '../../local/stepfunctions/engine/retryDelay';
import { resolveCompetencia } from '../../tasks/billing/competenciaOf';
import { billingCycleWorkflow } from '../../workflows/billingCycle';
import { CHILD_START_RETRY, linearRetry } from '../../workflows/steps/retryPolicies';
import { catchRedundant } from '../../workflows/steps/waitForErp';

describe('linearRetry', () => {
  it('waits the seed’s 1 s, 2 s and 3 s, then gives up', () => {
    const retrier = linearRetry(['Erp.Transient']);
    const delays = [0, 1, 2, 3].map((attempt) => retryDelayMs(retrier, attempt, () => 0.5));

    expect(delays).toEqual([1000, 2000, 3000, undefined]);
  });
});

describe('billingCycleWorkflow', () => {
  it('retries the ERP and the usage platform linearly, and Lambda’s own errors with jitter', () => {
    const { States } = billingCycleWorkflow();
    const processor = (States.BillCompanies as { ItemProcessor: { States: Record<string, { Retry?: unknown }> } }).ItemProcessor;

    expect(States.FetchVolumes).toMatchObject({ Retry: [linearRetry(['Usage.Transient']), { ErrorEquals: expect.arrayContaining(['Lambda.ServiceException']) }] });
    expect(processor.States.CreateContract?.Retry).toEqual([linearRetry(['Erp.Transient']), expect.objectContaining({ JitterStrategy: 'FULL' })]);
  });

  it('waits minutes for a start of EmissionWorkflow refused for capacity, as the order saga does, before its company can fail', () => {
    const processor = (billingCycleWorkflow().States.BillCompanies as { ItemProcessor: { States: Record<string, { Retry?: unknown }> } }).ItemProcessor;

    expect(processor.States.EmitInvoice?.Retry).toEqual([...CHILD_START_RETRY]);
    expect(CHILD_START_RETRY[0]).toEqual({ ErrorEquals: ['StepFunctions.AWSStepFunctionsException', 'StepFunctions.ExecutionLimitExceededException'], IntervalSeconds: 1, MaxAttempts: 30, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL' });
  });

  it('bills the month before the run’s start, not before the moment FetchVolumes runs (a retry, a redrive next month)', async () => {
    const fetchVolumes = billingCycleWorkflow().States.FetchVolumes as unknown as { Arguments: { Payload: string } };
    const payload = fetchVolumes.Arguments.Payload.replace(/^\{%|%\}$/g, '');
    // The 02:00 run of Sunday 1 March in São Paulo (05:00Z), its FetchVolumes redriven on 2 April.
    const states = { input: { competencia: 'auto', trigger: 'scheduled', requestId: 'scheduler-1' }, context: { Execution: { StartTime: '2026-03-01T05:00:00.000Z', RedriveTime: '2026-04-02T12:00:00.000Z' } } };
    const event = BillingUsageEventSchema.parse(await jsonata(payload).evaluate({}, { states }));

    expect(event).toEqual({ action: 'fetchVolumes', competencia: 'auto', startedAt: '2026-03-01T05:00:00.000Z' });
    if (event.action !== 'fetchVolumes') throw new Error(`not a FetchVolumes event: ${event.action}`);
    expect(resolveCompetencia(event.competencia, new Date(event.startedAt))).toBe('2026-02');
  });

  it('bills the month before a scheduled run’s slot when the input names it, whenever the run starts', async () => {
    const fetchVolumes = billingCycleWorkflow().States.FetchVolumes as unknown as { Arguments: { Payload: string } };
    const payload = fetchVolumes.Arguments.Payload.replace(/^\{%|%\}$/g, '');
    // The slot of 02:00 on 1 March in São Paulo, fired by a local cloud under --time-scale while its wall clock says 27 February.
    const input = { competencia: 'auto', trigger: 'scheduled', requestId: 'scheduler-2', scheduledAt: '2026-03-01T05:00:00Z' };
    const event = BillingUsageEventSchema.parse(await jsonata(payload).evaluate({}, { states: { input, context: { Execution: { StartTime: '2026-02-27T10:00:00.000Z' } } } }));

    if (event.action !== 'fetchVolumes') throw new Error(`not a FetchVolumes event: ${event.action}`);
    expect(event.startedAt).toBe('2026-03-01T05:00:00Z');
    expect(resolveCompetencia(event.competencia, new Date(event.startedAt))).toBe('2026-02');
  });

  it('takes its Map’s concurrency and tolerance from its options', () => {
    expect(billingCycleWorkflow({ maxConcurrency: 4, toleratedFailurePercentage: 25 }).States.BillCompanies).toMatchObject({ MaxConcurrency: 4, ToleratedFailurePercentage: 25 });
    expect(billingCycleWorkflow().States.BillCompanies).toMatchObject({ MaxConcurrency: 10, ToleratedFailurePercentage: 10 });
  });
});

describe('waiting out the ERP’s "consumo redundante"', () => {
  const catcher = catchRedundant('ContractRedundant');
  const seconds = async (cause: string): Promise<unknown> => {
    const expression = String(catcher.Assign?.erpWaitSeconds).replace(/^\{%|%\}$/g, '');
    // $parse is one of the functions Step Functions adds to JSONata.
    return jsonata(expression).evaluate({}, { states: { errorOutput: { Error: 'Erp.Redundant', Cause: cause } }, parse: (text: string): unknown => JSON.parse(text) });
  };

  it('waits the seconds the refusal names, within 1..120, and Omie’s 60 s when it names none', async () => {
    const lambdaCause = (message: string): string => JSON.stringify({ errorType: 'Erp.Redundant', errorMessage: message });

    expect(await seconds(lambdaCause('wait 57 s: ERP IncluirContrato (425 SOAP-ENV:Client-6): …'))).toBe(57);
    expect(await seconds(lambdaCause('wait 900 s: …'))).toBe(120);
    expect(await seconds(lambdaCause('wait 0 s: …'))).toBe(1);
    expect(await seconds(lambdaCause('no figure here'))).toBe(60);
    expect(await seconds('wait 5 s: plain text cause')).toBe(5);
  });

  it('is caught before the ERP failures, on both ERP calls', () => {
    const { States } = billingCycleWorkflow();
    const processor = (States.BillCompanies as { ItemProcessor: { States: Record<string, { Catch?: Array<{ ErrorEquals: string[]; Next: string }> }> } }).ItemProcessor;

    expect(processor.States.EnsureErpClient?.Catch?.map((c) => [c.ErrorEquals[0], c.Next])).toEqual([['Erp.Redundant', 'ClientRedundant'], ['Erp.Rejected', 'RecordFailed']]);
    expect(processor.States.CreateContract?.Catch?.map((c) => [c.ErrorEquals[0], c.Next])).toEqual([['Erp.Redundant', 'ContractRedundant'], ['Erp.Rejected', 'RecordFailed']]);
    expect(processor.States.WaitForErpContract).toEqual({ Type: 'Wait', Comment: 'As long as the ERP asked.', Seconds: '{% $erpWaitSeconds %}', Next: 'CreateContract' });
  });
});

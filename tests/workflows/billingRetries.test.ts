import { retryDelayMs } from '../../local/stepfunctions/engine/retryDelay';
import { billingCycleWorkflow } from '../../workflows/billingCycle';
import { linearRetry } from '../../workflows/steps/retryPolicies';

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

  it('takes its Map’s concurrency and tolerance from its options', () => {
    expect(billingCycleWorkflow({ maxConcurrency: 4, toleratedFailurePercentage: 25 }).States.BillCompanies).toMatchObject({ MaxConcurrency: 4, ToleratedFailurePercentage: 25 });
    expect(billingCycleWorkflow().States.BillCompanies).toMatchObject({ MaxConcurrency: 10, ToleratedFailurePercentage: 10 });
  });
});

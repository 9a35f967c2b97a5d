import { emissionWorkflow } from '../../workflows/emission';
import type { State, StateMachineDefinition } from '../../workflows/asl/types';

describe('emissionWorkflow', () => {
  const definition: StateMachineDefinition = emissionWorkflow();

  it('goes through exactly the states of the architecture, in order', () => {
    expect(Object.keys(definition.States)).toEqual([
      'MarkProcessing', 'RequestIssuance', 'CheckOutcome', 'WaitForCity', 'ConsultBatch', 'CityNeverAnswered',
      'MarkIssued', 'ReportIssued', 'PublishIssued', 'Issued',
      'MarkFailed', 'ReportFailed', 'RouteFailure', 'PublishFailed', 'InvoiceFailed',
    ]);
  });

  it('catches provider failures into MarkFailed and leaves infrastructure failures uncaught', () => {
    const catchers = Object.entries(definition.States).flatMap(([name, state]: [string, State]) =>
      'Catch' in state && state.Catch !== undefined ? state.Catch.map((c) => [name, c.ErrorEquals.join(','), c.Next]) : [],
    );

    expect(catchers).toEqual([
      ['RequestIssuance', 'Provider.Rejected,Provider.DeadLettered,Provider.Mismatch,Provider.CertificateMissing,Provider.Transient,Provider.Ambiguous,States.Timeout', 'MarkFailed'],
      ['ConsultBatch', 'Provider.Rejected,Provider.DeadLettered,Provider.Mismatch,Provider.CertificateMissing,Provider.Transient,Provider.Ambiguous,States.Timeout', 'MarkFailed'],
    ]);
  });

  it('waits for the adapter with a timeout and a jittered, capped backoff', () => {
    const task = definition.States.RequestIssuance;

    expect(task).toMatchObject({
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      TimeoutSeconds: 900,
      Retry: [{ ErrorEquals: ['Provider.Transient', 'Provider.Ambiguous', 'States.Timeout'], IntervalSeconds: 5, MaxAttempts: 5, BackoffRate: 2, MaxDelaySeconds: 120, JitterStrategy: 'FULL' }],
    });
  });

  it('sizes the city calls’ heartbeat timeout for a wait in the queue, not only for the adapter’s 20 s heartbeat', () => {
    expect([definition.States.RequestIssuance, definition.States.ConsultBatch].map((state) => (state as { HeartbeatSeconds?: number }).HeartbeatSeconds)).toEqual([300, 300]);
    expect(emissionWorkflow({ heartbeatSeconds: 60 }).States.RequestIssuance).toMatchObject({ HeartbeatSeconds: 60, TimeoutSeconds: 900 });
  });

  it('makes every status write conditional on its sources and its own target', () => {
    const conditions = ['MarkProcessing', 'MarkIssued', 'MarkFailed'].map((name) => {
      const state = definition.States[name] as unknown as { Arguments: { ConditionExpression: string; ExpressionAttributeValues: Record<string, { S?: string }> } };
      const values = state.Arguments.ExpressionAttributeValues;
      return state.Arguments.ConditionExpression.replace(/:\w+/g, (ref) => values[ref]?.S ?? ref);
    });

    expect(conditions).toEqual([
      '#status IN (EMITTED, FAILED, PROCESSING)',
      '#status IN (PROCESSING, ISSUED)',
      '#status IN (EMITTED, PROCESSING, FAILED)',
    ]);
  });

});

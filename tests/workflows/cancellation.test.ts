import { cancellationWorkflow } from '../../workflows/cancellation';
import type { State, StateMachineDefinition } from '../../workflows/asl/types';

describe('cancellationWorkflow', () => {
  const definition: StateMachineDefinition = cancellationWorkflow();

  it('goes through exactly the states of the architecture, in order', () => {
    expect(Object.keys(definition.States)).toEqual([
      'MarkCancelling', 'RequestCancellation', 'MarkCancelled', 'ReportCancelled', 'PublishCancelled', 'Cancelled',
      'RestoreIssued', 'ReportRestored', 'RouteFailure', 'CancellationRefused',
    ]);
  });

  it('sends every provider failure back to ISSUED, keeping the error', () => {
    const catchers = Object.entries(definition.States).flatMap(([name, state]: [string, State]) =>
      'Catch' in state && state.Catch !== undefined ? state.Catch.map((c) => [name, c.ErrorEquals.join(','), c.Next]) : [],
    );

    expect(catchers).toEqual([['RequestCancellation', 'Provider.Rejected,Provider.DeadLettered,Provider.CertificateMissing,Provider.Transient,Provider.Ambiguous,States.Timeout', 'RestoreIssued']]);
  });

  it('makes every status write conditional on its sources and its own target', () => {
    const conditions = ['MarkCancelling', 'MarkCancelled', 'RestoreIssued'].map((name) => {
      const state = definition.States[name] as unknown as { Arguments: { ConditionExpression: string; ExpressionAttributeValues: Record<string, { S?: string }> } };
      const values = state.Arguments.ExpressionAttributeValues;
      return state.Arguments.ConditionExpression.replace(/:\w+/g, (ref) => values[ref]?.S ?? ref);
    });

    expect(conditions).toEqual(['#status IN (ISSUED, CANCELLING)', '#status IN (CANCELLING, CANCELLED)', '#status IN (CANCELLING, ISSUED)']);
  });

  it('writes the nested cancelledAt through attribute names for each part', () => {
    const state = definition.States.MarkCancelled as unknown as { Arguments: { UpdateExpression: string; ExpressionAttributeNames: Record<string, string> } };

    expect(state.Arguments.UpdateExpression).toBe('SET #status = :target, #updatedAt = :now, #cancellation.#cancelledAt = :cancellation_cancelledAt');
    expect(state.Arguments.ExpressionAttributeNames).toMatchObject({ '#cancellation': 'cancellation', '#cancelledAt': 'cancelledAt' });
  });

  it('ends a refused cancellation with Cancellation.Rejected', () => {
    expect(definition.States.CancellationRefused).toEqual({ Type: 'Fail', Error: 'Cancellation.Rejected', Cause: '{% $error.code & ": " & $error.message %}' });
  });
});

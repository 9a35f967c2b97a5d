import { substitutionWorkflow } from '../../workflows/substitution';
import type { State, StateMachineDefinition } from '../../workflows/asl/types';

describe('substitutionWorkflow', () => {
  const definition: StateMachineDefinition = substitutionWorkflow();
  const state = (name: string): Record<string, unknown> => definition.States[name] as unknown as Record<string, unknown>;

  it('goes through exactly these states, in order', () => {
    expect(Object.keys(definition.States)).toEqual([
      'MarkSubstituting', 'MarkProcessing', 'RequestSubstitution', 'CheckOutcome', 'CityAnsweredWithoutNfse',
      'MarkIssued', 'MarkSubstituted', 'ReportIssued', 'ReportSubstituted', 'PublishSubstituted', 'Substituted',
      'MarkFailed', 'KeepIssued', 'ReportFailed', 'PublishFailed', 'SubstitutionRefused',
    ]);
  });

  it('sends every provider failure, once retried, to the new invoice’s MarkFailed', () => {
    const catchers = Object.entries(definition.States).flatMap(([name, s]: [string, State]) => ('Catch' in s && s.Catch !== undefined ? s.Catch.map((c) => [name, c.ErrorEquals.join(','), c.Next]) : []));

    expect(catchers).toEqual([['RequestSubstitution', 'Provider.Rejected,Provider.DeadLettered,Provider.Mismatch,Provider.CertificateMissing,Provider.Transient,Provider.Ambiguous,States.Timeout', 'MarkFailed']]);
    expect((state('RequestSubstitution').Retry as Array<{ ErrorEquals: string[] }>)[0]?.ErrorEquals).toEqual(['Provider.Transient', 'Provider.Ambiguous', 'States.Timeout']);
  });

  it('writes each status on its own invoice, conditional on its sources and its own target', () => {
    const conditions = ['MarkSubstituting', 'MarkProcessing', 'MarkIssued', 'MarkSubstituted', 'MarkFailed', 'KeepIssued'].map((name) => {
      const args = state(name).Arguments as { Key: { invoiceId: { S: string } }; ConditionExpression: string; ExpressionAttributeValues: Record<string, { S?: string }> };
      return [name, args.Key.invoiceId.S, args.ConditionExpression.replace(/:\w+/g, (ref) => args.ExpressionAttributeValues[ref]?.S ?? ref)];
    });

    expect(conditions).toEqual([
      ['MarkSubstituting', '{% $states.input.replaced.invoiceId %}', '#status IN (ISSUED, SUBSTITUTING)'],
      ['MarkProcessing', '{% $invoice.invoiceId %}', '#status IN (EMITTED, FAILED, PROCESSING)'],
      ['MarkIssued', '{% $invoice.invoiceId %}', '#status IN (PROCESSING, ISSUED)'],
      ['MarkSubstituted', '{% $replaced.invoiceId %}', '#status IN (SUBSTITUTING, SUBSTITUTED)'],
      ['MarkFailed', '{% $invoice.invoiceId %}', '#status IN (EMITTED, PROCESSING, FAILED)'],
      ['KeepIssued', '{% $replaced.invoiceId %}', '#status IN (SUBSTITUTING, ISSUED)'],
    ]);
  });

  it('asks the city for a substitution naming the replaced NFS-e and the reason code', () => {
    const body = (state('RequestSubstitution').Arguments as { MessageBody: string }).MessageBody;

    expect(body).toContain('"kind": "substitute"');
    expect(body).toContain('"substitutes": {"nfseNumber": $replaced.nfseNumber, "reasonCode": $invoice.reasonCode}');
  });

  it('frees the old invoice for another substitution when the city refuses, keeping the error', () => {
    const args = state('KeepIssued').Arguments as { UpdateExpression: string };

    expect(args.UpdateExpression).toBe('SET #status = :target, #updatedAt = :now, #error = :error REMOVE #substitutedBy, #substitution, #substitutionFingerprint');
  });

  it('ends a refused substitution with Substitution.Rejected', () => {
    expect(definition.States.SubstitutionRefused).toEqual({ Type: 'Fail', Error: 'Substitution.Rejected', Cause: '{% $error.code & ": " & $error.message %}' });
  });
});

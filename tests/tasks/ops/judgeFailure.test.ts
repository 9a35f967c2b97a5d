import type { FailureMessage } from '../../../contracts/failureMessage';
import { judgeFailure, type JudgedRecord } from '../../../tasks/ops/judgeFailure';

const ID = '01JDQ7Z8X9Y0ABCDEFGHJKMNPQ';
const ARN = 'arn:aws:states:us-east-1:000000000000:execution:nfse-EmissionWorkflow';

function failure(overrides: Partial<FailureMessage> = {}): FailureMessage {
  return { invoiceId: ID, workflow: 'emission', executionArn: `${ARN}:${ID}`, error: { code: 'E160', message: 'rejected', kind: 'Provider.Rejected' }, failedAt: '2026-11-23T12:00:00.000Z', ...overrides };
}

const record = (overrides: Partial<JudgedRecord>): JudgedRecord => ({ status: 'FAILED', ...overrides });

describe('judgeFailure', () => {
  it('offers correct for an emission the city refused, and not for one it may have issued', () => {
    const refused = judgeFailure(failure(), record({}));
    const ambiguous = judgeFailure(failure({ error: { code: 'Provider.Ambiguous', message: 'timed out', kind: 'Provider.Ambiguous' } }), record({}));
    const unknownKind = judgeFailure(failure({ error: { code: 'E160', message: 'written before kinds were kept' } }), record({}));

    expect(refused).toEqual({ ...failure(), state: 'open', invoiceStatus: 'FAILED', actions: ['reprocess', 'correct', 'dismiss'] });
    expect(ambiguous.actions).toEqual(['reprocess', 'dismiss']);
    expect(unknownKind.actions).toEqual(['reprocess', 'dismiss']);
  });

  it('is in progress while a re-emission runs, resolved once issued or superseded by a later failure', () => {
    expect(judgeFailure(failure(), record({ status: 'PROCESSING', reprocessCount: 1 }))).toMatchObject({ state: 'inProgress', note: 're-emission 1 is running', actions: [] });
    expect(judgeFailure(failure(), record({ status: 'ISSUED', reprocessCount: 1 }))).toMatchObject({ state: 'resolved', invoiceStatus: 'ISSUED', note: 'issued since' });
    expect(judgeFailure(failure(), record({ status: 'FAILED', reprocessCount: 2 }))).toMatchObject({ state: 'resolved', note: 'a later emission (2) failed too: see its own entry' });
    expect(judgeFailure(failure({ executionArn: `${ARN}:${ID}-r2` }), record({ status: 'FAILED', reprocessCount: 2 }))).toMatchObject({ state: 'open' });
  });

  it('keeps a refused cancellation open while the invoice is ISSUED by it, and resolves it once cancelled or tried again', () => {
    const refused = failure({ workflow: 'cancellation', executionArn: `${ARN.replace('Emission', 'Cancellation')}:${ID}-cancel-1` });

    expect(judgeFailure(refused, record({ status: 'ISSUED', cancelAttempts: 1 }))).toMatchObject({ state: 'open', actions: ['reprocess', 'dismiss'] });
    expect(judgeFailure(refused, record({ status: 'CANCELLING', cancelAttempts: 2 }))).toMatchObject({ state: 'inProgress', note: 'cancellation 2 is running' });
    expect(judgeFailure(refused, record({ status: 'CANCELLED', cancelAttempts: 2 }))).toMatchObject({ state: 'resolved', invoiceStatus: 'CANCELLED', note: 'cancelled since' });
    expect(judgeFailure(refused, record({ status: 'ISSUED', cancelAttempts: 2 }))).toMatchObject({ state: 'resolved', note: 'a later cancellation (2) was refused too: see its own entry' });
  });

  it('resolves a failure whose invoice is gone', () => {
    expect(judgeFailure(failure(), undefined)).toEqual({ ...failure(), state: 'resolved', note: 'the invoice no longer exists', actions: [] });
  });
});

import type { FailureEntry } from '../../contracts/ops';
import { reprocessDescription } from '../../web/src/failures/reprocessDescription';

const entry = (workflow: FailureEntry['workflow']): FailureEntry => ({
  invoiceId: '01JDQ7Z8X9Y0ABCDEFGHJKMNPQ',
  workflow,
  executionArn: 'arn:aws:states:us-east-1:000000000000:execution:x:01JDQ7Z8X9Y0ABCDEFGHJKMNPQ',
  error: { code: 'E160', message: 'rejected' },
  failedAt: '2026-11-23T12:00:00.000Z',
  state: 'open',
  actions: ['reprocess', 'dismiss'],
});

describe('reprocessDescription', () => {
  it('says what happens to emissions and to refused cancellations, each counted', () => {
    expect(reprocessDescription([entry('emission'), entry('emission'), entry('cancellation')])).toBe(
      '2 emissions get a new emission execution with the same RPS: the city recognises a resend, so none is issued twice; 1 refused cancellation gets a new cancel request to the city, with the reason code it had.',
    );
    expect(reprocessDescription([entry('cancellation')])).toBe('1 refused cancellation gets a new cancel request to the city, with the reason code it had.');
    expect(reprocessDescription([])).toBe('Nothing selected can be reprocessed.');
  });
});

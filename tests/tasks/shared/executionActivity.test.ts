import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import { executionActivity } from '../../../tasks/shared/executionActivity';

const DEFINITION = JSON.stringify({
  StartAt: 'MarkProcessing',
  States: {
    RequestIssuance: { Type: 'Task', Retry: [{ ErrorEquals: ['Provider.Transient', 'Provider.Ambiguous', 'States.Timeout'], MaxAttempts: 5 }] },
    ReportIssued: { Type: 'Task', Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 6 }] },
  },
});

let id = 0;
function event(type: HistoryEventType, details: Partial<HistoryEvent> = {}): HistoryEvent {
  id += 1;
  return { id, type, timestamp: new Date(Date.UTC(2026, 10, 23, 12, 0, id)), ...details };
}
const entered = (name: string, type: HistoryEventType = 'TaskStateEntered'): HistoryEvent => event(type, { stateEnteredEventDetails: { name } });
const scheduled = (resource: string): HistoryEvent => event('TaskScheduled', { taskScheduledEventDetails: { resourceType: 'sqs', resource, region: 'us-east-1', parameters: '{}' } });
const failed = (error: string): HistoryEvent => event('TaskFailed', { taskFailedEventDetails: { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', error } });
const CITY_CALL = [entered('MarkProcessing'), event('TaskStateExited', { stateExitedEventDetails: { name: 'MarkProcessing' } }), entered('RequestIssuance'), scheduled('sendMessage.waitForTaskToken'), event('TaskSubmitted')];

describe('executionActivity', () => {
  it('says a task waiting for its token waits for the city', () => {
    expect(executionActivity(CITY_CALL, DEFINITION)).toEqual({
      state: 'RequestIssuance',
      since: '2026-11-23T12:00:03.000Z',
      visit: 1,
      retries: 0,
      waitingForCallback: true,
      description: 'RequestIssuance: waiting for the city',
    });
  });

  it('counts the retries of this visit against the matching retrier, failed or waiting again', () => {
    const failedOnce = [...CITY_CALL, failed('Provider.Transient')];
    const retrying = [...failedOnce, scheduled('sendMessage.waitForTaskToken'), event('TaskSubmitted')];

    expect(executionActivity(failedOnce, DEFINITION)).toMatchObject({ retries: 1, maxRetries: 5, lastError: 'Provider.Transient', waitingForCallback: false, description: 'RequestIssuance: failed with Provider.Transient, retry 1 of 5 next' });
    expect(executionActivity(retrying, DEFINITION)?.description).toBe('RequestIssuance: waiting for the city (retry 1 of 5, after Provider.Transient)');
  });

  it('tells a Wait state and a state entered again', () => {
    const polling = [...CITY_CALL, event('TaskSucceeded'), entered('WaitForCity', 'WaitStateEntered'), event('WaitStateExited'), entered('ConsultBatch'), scheduled('sendMessage.waitForTaskToken'), event('TaskSubmitted'), event('TaskSucceeded'), entered('WaitForCity', 'WaitStateEntered')];

    expect(executionActivity(polling, DEFINITION)?.description).toBe('WaitForCity: waiting (visit 2)');
    expect(executionActivity([entered('ReportIssued'), scheduled('executeStatement'), failed('States.TaskFailed')], DEFINITION)?.description).toBe('ReportIssued: failed with States.TaskFailed, retry 1 of 6 next');
  });

  it('has nothing to say before the first state', () => {
    expect(executionActivity([event('ExecutionStarted')], DEFINITION)).toBeUndefined();
  });
});

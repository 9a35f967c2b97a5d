import { ChildrenBeforeRestart } from '../../../../local/stepfunctions/engine/ChildrenBeforeRestart';
import { storedEvent, type HistoryEvent } from '../../../../local/stepfunctions/engine/history/HistoryEvent';

/** A TaskSubmitted event as the journal keeps it (its output as JSON text). */
function submitted(id: number, resourceType: string, output: object, resource = 'startExecution.sync:2'): HistoryEvent {
  return storedEvent({ id, previousEventId: id - 1, timestamp: 0, type: 'TaskSubmitted', details: { resourceType, resource, output: JSON.stringify(output), outputDetails: { truncated: false } } });
}

const arnIs = (arn: string) => (output: unknown): boolean => (output as { ExecutionArn?: string }).ExecutionArn === arn;

describe('ChildrenBeforeRestart', () => {
  it('hands out each child a startExecution.sync task had submitted, once', () => {
    // Arrange
    const children = ChildrenBeforeRestart.fromHistory([
      submitted(1, 'states', { ExecutionArn: 'a' }),
      submitted(2, 'sqs', { ExecutionArn: 'q' }, 'sendMessage.waitForTaskToken'),
      submitted(3, 'states', { ExecutionArn: 'b' }, 'startExecution.sync'),
      submitted(4, 'states', { ExecutionArn: 't' }, 'startExecution.waitForTaskToken'),
    ]);

    // Act
    const taken = [children?.take(arnIs('b')), children?.take(arnIs('b')), children?.take(arnIs('q')), children?.take(arnIs('t')), children?.take(arnIs('a'))];

    // Assert
    expect(taken).toEqual([{ ExecutionArn: 'b' }, undefined, undefined, undefined, { ExecutionArn: 'a' }]);
  });

  it('keeps only the children submitted since the last redrive', () => {
    // Arrange
    const redriven = storedEvent({ id: 2, previousEventId: 1, timestamp: 0, type: 'ExecutionRedriven', details: { redriveCount: 1 } });

    // Act
    const children = ChildrenBeforeRestart.fromHistory([submitted(1, 'states', { ExecutionArn: 'a' }), redriven, submitted(3, 'states', { ExecutionArn: 'b' })]);

    // Assert
    expect([children?.take(arnIs('a')), children?.take(arnIs('b'))]).toEqual([undefined, { ExecutionArn: 'b' }]);
  });

  it('is absent for a history without any, and hands out none once forgotten', () => {
    // Arrange
    const children = ChildrenBeforeRestart.fromHistory([submitted(1, 'states', { ExecutionArn: 'a' })]);

    // Act
    children?.forgetAll();

    // Assert
    expect(ChildrenBeforeRestart.fromHistory([submitted(1, 'lambda', { ExecutionArn: 'a' })])).toBeUndefined();
    expect(children?.take(arnIs('a'))).toBeUndefined();
  });
});

import { isTransition, TRANSITION_TARGETS } from '../../contracts/invoiceStatus';
import { WORKFLOWS } from '../../workflows/registry';

describe('TRANSITION_TARGETS', () => {
  const transitions = Object.values(WORKFLOWS).flatMap((workflow) =>
    Object.entries(workflow.definition().States)
      .filter(([name]) => isTransition(name))
      .map(([name, state]) => ({ name, target: (state as { Arguments?: { ExpressionAttributeValues?: Record<string, { S?: string }> } }).Arguments?.ExpressionAttributeValues?.[':target']?.S })),
  );

  it('names the status each transition state of the workflows writes', () => {
    // A transition may be a state of several workflows (a substitution issues its new invoice with emission's MarkProcessing and MarkIssued).
    expect([...new Set(transitions.map(({ name }) => name))].sort()).toEqual(Object.keys(TRANSITION_TARGETS).sort());
    for (const { name, target } of transitions) expect([name, target]).toEqual([name, TRANSITION_TARGETS[name as keyof typeof TRANSITION_TARGETS]]);
  });
});

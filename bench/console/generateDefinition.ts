import type { AslDefinition, AslState } from '../../web/src/graph/aslDefinition';

/**
 * A made-up state machine of exactly `total` states (nested ones included) shaped like ours, only
 * bigger: Task chains with Retry and a shared Catch, Choice/Wait poll loops, a Map with an inner
 * flow and a Parallel with three branches. The console's layout and render are timed on it.
 */
export function generateDefinition(total = 100): AslDefinition {
  const states: Record<string, AslState> = {};
  const inMap = 6;
  const branches = 3;
  const perBranch = 4;
  // Top level: the Map and Parallel states themselves, their content, the handler and Fail/Succeed.
  const chain = total - (2 + inMap + branches * perBranch + 3);
  const names = Array.from({ length: chain }, (_, i) => `Step${String(i + 1).padStart(3, '0')}`);
  const mapAt = Math.floor(chain / 3);
  const parallelAt = Math.floor((2 * chain) / 3);
  names.forEach((name, i) => {
    const next = i === mapAt ? 'ProcessItems' : i === parallelAt ? 'FanOut' : (names[i + 1] ?? 'Done');
    if (i % 10 === 4 && i + 2 < chain) {
      states[name] = { Type: 'Choice', Choices: [{ Condition: `{% $polls${i} < 3 %}`, Next: names[i - 1] ?? next }], Default: next };
    } else if (i % 10 === 7) {
      states[name] = { Type: 'Wait', Seconds: 5, Next: next };
    } else {
      states[name] = {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:updateItem',
        Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 3 }],
        ...(i % 3 === 0 ? { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'HandleFailure' }] } : {}),
        Next: next,
      };
    }
  });
  const itemStates: Record<string, AslState> = {};
  for (let i = 0; i < inMap; i++) itemStates[`Item${i + 1}`] = i + 1 < inMap ? { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: `Item${i + 2}` } : { Type: 'Pass', End: true };
  states.ProcessItems = { Type: 'Map', ItemProcessor: { StartAt: 'Item1', States: itemStates }, Next: names[mapAt + 1] ?? 'Done' };
  states.FanOut = {
    Type: 'Parallel',
    Branches: Array.from({ length: branches }, (_, b) => {
      const branch: Record<string, AslState> = {};
      for (let i = 0; i < perBranch; i++) branch[`Branch${b + 1}Step${i + 1}`] = i + 1 < perBranch ? { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Next: `Branch${b + 1}Step${i + 2}` } : { Type: 'Pass', End: true };
      return { StartAt: `Branch${b + 1}Step1`, States: branch };
    }),
    Catch: [{ ErrorEquals: ['States.ALL'], Next: 'HandleFailure' }],
    Next: names[parallelAt + 1] ?? 'Done',
  };
  states.HandleFailure = { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Next: 'Failed' };
  states.Failed = { Type: 'Fail', Error: 'Generated.Failed' };
  states.Done = { Type: 'Succeed' };
  return { Comment: `Generated: ${total} states`, QueryLanguage: 'JSONata', StartAt: names[0] ?? 'Done', States: states };
}

/** Every state of a definition, nested ones included. */
export function countStates(definition: { readonly States: Readonly<Record<string, AslState>> }): number {
  let count = 0;
  for (const state of Object.values(definition.States)) {
    count += 1;
    for (const sub of [...(state.Branches ?? []), ...(state.ItemProcessor !== undefined ? [state.ItemProcessor] : [])]) count += countStates(sub);
  }
  return count;
}

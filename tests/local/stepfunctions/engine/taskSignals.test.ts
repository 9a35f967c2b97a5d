import { getEventListeners } from 'node:events';
import { engineHarness, settle } from './engineHarness';

/** `count` Task states in a row. */
function taskChain(count: number): object {
  const states: Record<string, object> = {};
  for (let i = 0; i < count; i++) {
    states[`T${i}`] = { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', ...(i === count - 1 ? { End: true } : { Next: `T${i + 1}` }) };
  }
  return { StartAt: 'T0', States: states };
}

describe('Task states and the execution signal', () => {
  it('leave no abort listener behind on the execution signal: one listener while a task runs, however many ran before', async () => {
    const listening: number[] = [];
    let signal: AbortSignal | undefined;
    const engine = engineHarness([
      async () => {
        listening.push(getEventListeners(signal as AbortSignal, 'abort').length);
        return { ok: true };
      },
    ]);
    const execution = engine.start(taskChain(30));
    // The signal every state of the execution shares (the engine keeps it private).
    signal = (execution as unknown as { runtime: { signal: AbortSignal } }).runtime.signal;
    for (let i = 0; i < 40 && execution.status === 'RUNNING'; i++) await settle(engine.clock);

    expect(execution.status).toBe('SUCCEEDED');
    expect(listening).toHaveLength(30);
    expect(new Set(listening)).toEqual(new Set([1]));
  });

  it('still fails the task in flight when the execution is stopped', async () => {
    const engine = engineHarness([() => new Promise(() => undefined)]);
    const execution = engine.start(taskChain(2));
    await settle(engine.clock);

    execution.stop('Ops', 'stopped by a test');
    await settle(engine.clock);

    expect(execution.status).toBe('ABORTED');
    expect(engine.calls[0]?.signal.aborted).toBe(true);
  });
});

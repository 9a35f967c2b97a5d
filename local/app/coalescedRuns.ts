/**
 * A function whose overlapping calls share runs: a call while a run is in flight waits for it and
 * shares the one run that starts after it (with the arguments of the first call that waited), so
 * at most one run is in flight and one waits, however many calls arrive. A run that starts after
 * a call still sees everything written before that call, which is all a call of a scan such as
 * the outbox relay asks for: the local stand-in for a function with a reserved concurrency of one
 * whose queued invocations are merged.
 */
export function coalescedRuns<Args extends unknown[], Result>(run: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result> {
  let current: Promise<Result> | undefined;
  let waiting: Promise<Result> | undefined;
  const start = (args: Args): Promise<Result> => {
    const started = Promise.resolve().then(() => run(...args));
    current = started;
    const forget = (): void => {
      if (current === started) current = undefined;
    };
    started.then(forget, forget);
    return started;
  };
  return (...args: Args): Promise<Result> => {
    if (current === undefined) return start(args);
    const after = current;
    waiting ??= after.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      waiting = undefined;
      return start(args);
    });
    return waiting;
  };
}

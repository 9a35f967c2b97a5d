import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { sliceUsedUp, yieldTurn } from '../../../local/eventLoop/timeSlice';

/** Holds the CPU as a busy state of an execution would. */
function burn(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe('timeSlice', () => {
  it('gives a fresh slice on resuming, and reports it used up after SLICE_MS of work', async () => {
    await yieldTurn();
    expect(sliceUsedUp()).toBe(false);

    burn(3);

    expect(sliceUsedUp()).toBe(true);
  });

  it('starts a new slice when the loop went idle since the last one began', async () => {
    await yieldTurn();
    burn(1);
    // Wait until the loop has really blocked for I/O or a timer: on a loaded machine a process
    // preempted past its timer's due time finds it expired and never goes idle.
    const idleBefore = performance.eventLoopUtilization().idle;
    do {
      await new Promise((resolve) => setTimeout(resolve, 5));
    } while (performance.eventLoopUtilization().idle === idleBefore);

    expect(sliceUsedUp()).toBe(false);
  });

  it('resumes calls under way before executions\' next states, each kind in the order it asked', async () => {
    const resumed: string[] = [];

    await Promise.all([
      yieldTurn('step').then(() => resumed.push('step 1')),
      yieldTurn('call').then(() => resumed.push('call 1')),
      yieldTurn('step').then(() => resumed.push('step 2')),
      yieldTurn('call').then(() => resumed.push('call 2')),
    ]);

    expect(resumed).toEqual(['call 1', 'call 2', 'step 1', 'step 2']);
  });

  it('resumes waiters in the order they asked, each on a turn of its own', async () => {
    const resumed: string[] = [];
    const turns: number[] = [];
    let turn = 0;
    const tick = (): void => {
      turn += 1;
      if (resumed.length < 3) setImmediate(tick);
    };
    setImmediate(tick);

    await Promise.all(['a', 'b', 'c'].map(async (name) => {
      await yieldTurn();
      resumed.push(name);
      turns.push(turn);
    }));

    expect(resumed).toEqual(['a', 'b', 'c']);
    expect(new Set(turns).size).toBe(3);
  });

  it('answers a request at a socket while in-process work would hold the loop far longer', async () => {
    const server = http.createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // 40 executions of 5 states each, 1 ms of CPU a state, chained without real I/O: 200 ms.
      let statesRun = 0;
      let statesRunWhenAnswered = -1;
      const answered = new Promise<void>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, agent: false }, (response) => {
          response.resume();
          response.on('end', () => {
            statesRunWhenAnswered = statesRun;
            resolve();
          });
        }).on('error', reject);
      });
      const execution = async (): Promise<void> => {
        for (let state = 0; state < 5; state++) {
          await Promise.resolve();
          burn(1);
          statesRun += 1;
          if (sliceUsedUp()) await yieldTurn();
        }
      };

      await Promise.all([answered, ...Array.from({ length: 40 }, execution)]);

      expect(statesRun).toBe(200);
      // Each execution runs its first state before it can yield (40 states); then each turn of the
      // loop runs one slice of one execution, and the request needs a few turns (connect, request,
      // answer). Resuming every waiter in one turn answers it after ~120 states, never yielding
      // after all 200.
      expect(statesRunWhenAnswered).toBeGreaterThanOrEqual(0);
      expect(statesRunWhenAnswered).toBeLessThan(80);
    } finally {
      server.close();
    }
  });
});

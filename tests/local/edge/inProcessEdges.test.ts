import { performance } from 'node:perf_hooks';
import { inProcessEdge, registerInProcessEdge, unregisterInProcessEdge, type EdgeDispatcher } from '../../../local/edge/inProcessEdges';
import { yieldTurn } from '../../../local/eventLoop/timeSlice';

const ENDPOINT = 'http://127.0.0.1:1';

/** In-process work holding the loop. */
function burn(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}
const request = { method: 'POST', rawUrl: '/', headers: {}, body: Buffer.alloc(0) };

describe('inProcessEdges', () => {
  const calls: string[] = [];
  const edge: EdgeDispatcher = {
    dispatch: () => {
      calls.push('dispatched');
      return Promise.resolve({ status: 200 });
    },
  };

  beforeEach(() => {
    calls.length = 0;
    registerInProcessEdge(`${ENDPOINT}/`, edge);
  });

  afterEach(() => unregisterInProcessEdge(ENDPOINT, edge));

  it('hands a call straight to the edge while the slice lasts', async () => {
    await yieldTurn();

    const answer = inProcessEdge(ENDPOINT)?.dispatch(request);

    expect(calls).toEqual(['dispatched']);
    await expect(answer).resolves.toEqual({ status: 200 });
  });

  it('makes a call wait for the next turn of the loop once in-process work used up the slice', async () => {
    await yieldTurn();
    burn(3);
    setImmediate(() => calls.push('next turn'));

    const answer = inProcessEdge(ENDPOINT)?.dispatch(request);
    expect(calls).toEqual([]);
    await answer;

    expect(calls).toEqual(['next turn', 'dispatched']);
  });

  it('hands the answer back on a later turn when the service used up the slice', async () => {
    await yieldTurn();
    const busyEdge: EdgeDispatcher = {
      dispatch: () => {
        burn(3);
        setImmediate(() => calls.push('next turn'));
        calls.push('dispatched');
        return Promise.resolve({ status: 200 });
      },
    };
    registerInProcessEdge('http://127.0.0.1:2', busyEdge);
    try {
      await inProcessEdge('http://127.0.0.1:2')?.dispatch(request);
      calls.push('answered');

      expect(calls).toEqual(['dispatched', 'next turn', 'answered']);
    } finally {
      unregisterInProcessEdge('http://127.0.0.1:2', busyEdge);
    }
  });

  it('does not send a call its client gave up on while it waited for its turn', async () => {
    await yieldTurn();
    burn(3);
    const gone = new AbortController();

    const answer = inProcessEdge(ENDPOINT)?.dispatch({ ...request, clientGone: gone });
    gone.abort();

    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toEqual([]);
  });

  it('refuses a call that waited for its turn while its edge stopped, as the port would', async () => {
    await yieldTurn();
    burn(3);

    const answer = inProcessEdge(ENDPOINT)?.dispatch(request);
    unregisterInProcessEdge(ENDPOINT, edge);

    await expect(answer).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(calls).toEqual([]);
  });

  it('forgets an edge that stopped', () => {
    unregisterInProcessEdge(ENDPOINT, edge);

    expect(inProcessEdge(ENDPOINT)).toBeUndefined();
  });
});

// The layout engine (1.6 MB of compiled Java) lives only here: the page never loads it itself.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { AslDefinition } from './aslDefinition';
import { buildGraphStructure } from './buildGraphStructure';
import { layoutGraph } from './layoutGraph';
import type { LayoutRequest, LayoutResponse } from './layoutProtocol';

/** The parts of a dedicated worker's global scope used here (the console compiles with the DOM lib, not WebWorker). */
interface LayoutWorkerScope {
  onmessage: unknown;
  postMessage(message: LayoutResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<LayoutRequest>) => void): void;
}

const scope = self as unknown as LayoutWorkerScope;
// elk.bundled.js, loaded in a worker, installs its own message dispatcher: ours replaces it.
scope.onmessage = null;
const elk = new ELK();

/** A small machine with every kind of node and edge: laying it out once compiles ELK's hot paths. */
const WARM_UP: AslDefinition = {
  StartAt: 'C0',
  States: {
    ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`C${i}`, { Type: 'Pass', Next: i < 15 ? `C${i + 1}` : 'A' }])),
    A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.ALL'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }], Next: 'B' },
    B: { Type: 'Choice', Choices: [{ Condition: '{% $x %}', Next: 'A' }], Default: 'M' },
    M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, Next: 'P' },
    P: { Type: 'Parallel', Branches: [{ StartAt: 'L', States: { L: { Type: 'Pass', End: true } } }, { StartAt: 'R', States: { R: { Type: 'Wait', Seconds: 1, End: true } } }], Next: 'S' },
    S: { Type: 'Succeed' },
    F: { Type: 'Fail' },
  },
};

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.kind === 'warm') {
    layoutGraph(elk, buildGraphStructure(WARM_UP).structure).catch(() => undefined);
    return;
  }
  if (request.kind !== 'layout') return;
  layoutGraph(elk, request.structure).then(
    (layout) => scope.postMessage({ kind: 'layout', requestId: request.requestId, layout }),
    (error: unknown) => scope.postMessage({ kind: 'error', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) }),
  );
});

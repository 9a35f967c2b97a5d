/**
 * Console graph benchmark: time to lay out the execution graph of a generated 100-state
 * definition (and of a 100-Pass chain) with elkjs in Node (the engine the browser runs in its
 * worker): cold (first layout of a fresh engine, what a page pays once) and warm, wall and CPU
 * time (CPU time is what to compare on a shared, loaded machine), plus the model build
 * (definition and a 1,000-event history). The browser-side figure (worker start + layout +
 * render + paint) is the `graph-render` performance measure the page takes. Prints figures;
 * never run as a test.
 *
 *   npx tsx bench/console/run.ts
 *   BENCH_CONSOLE_STATES=200 BENCH_CONSOLE_REPS=20 npx tsx bench/console/run.ts
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkEngine } from 'elkjs/lib/elk-api';
import os from 'node:os';
import type { TimelineEntry } from '../../contracts/ops';
import type { AslDefinition, AslState } from '../../web/src/graph/aslDefinition';
import { buildGraphModel } from '../../web/src/graph/buildGraphModel';
import type { GraphStructure } from '../../web/src/graph/graphModel';
import { layoutGraph } from '../../web/src/graph/layoutGraph';
import { countStates, generateDefinition } from './generateDefinition';

const STATES = Number(process.env.BENCH_CONSOLE_STATES ?? 100);
const REPS = Number(process.env.BENCH_CONSOLE_REPS ?? 10);

function stats(samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return `median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, min ${(sorted[0] ?? Number.NaN).toFixed(1)} ms`;
}

interface Timed {
  readonly wall: number;
  readonly cpu: number;
}

async function timed(work: () => Promise<unknown> | unknown): Promise<Timed> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

function chainDefinition(length: number): AslDefinition {
  const states: Record<string, AslState> = {};
  for (let i = 0; i < length; i += 1) states[`Step${i}`] = i < length - 1 ? { Type: 'Pass', Next: `Step${i + 1}` } : { Type: 'Pass', End: true };
  return { StartAt: 'Step0', States: states };
}

async function layoutFigures(name: string, structure: GraphStructure, elk: ElkEngine): Promise<string[]> {
  const cold = await timed(() => layoutGraph(elk, structure));
  const warm: Timed[] = [];
  for (let i = 0; i < REPS; i++) warm.push(await timed(() => layoutGraph(elk, structure)));
  return [
    `${name}: ${structure.nodes.length} nodes, ${structure.edges.length} edges`,
    `  layout, first on this engine: wall ${cold.wall.toFixed(1)} ms, cpu ${cold.cpu.toFixed(1)} ms`,
    `  layout, warm x${REPS}: wall ${stats(warm.map((t) => t.wall))}`,
    `  layout, warm x${REPS}: cpu  ${stats(warm.map((t) => t.cpu))}`,
  ];
}

/** A history that walks the top-level chain: entered, scheduled, succeeded, exited per state. */
function syntheticTimeline(names: readonly string[], events: number): TimelineEntry[] {
  const timeline: TimelineEntry[] = [{ id: 1, timestamp: new Date(0).toISOString(), type: 'ExecutionStarted', input: '{}' }];
  for (let i = 0; timeline.length < events; i++) {
    const name = names[i % names.length] ?? 'Done';
    const at = new Date(i * 1000).toISOString();
    timeline.push({ id: timeline.length + 1, timestamp: at, type: 'TaskStateEntered', state: name, input: '{"i":1}' });
    timeline.push({ id: timeline.length + 1, timestamp: at, type: 'TaskScheduled', resource: 'arn:aws:states:::dynamodb:updateItem' });
    timeline.push({ id: timeline.length + 1, timestamp: at, type: 'TaskSucceeded', output: '{}' });
    timeline.push({ id: timeline.length + 1, timestamp: at, type: 'TaskStateExited', state: name, output: '{"i":1}' });
  }
  return timeline;
}

async function main(): Promise<void> {
  const definition = generateDefinition(STATES);
  // A fresh engine for the generated graph: its first layout is the cold one a page pays.
  const elk = new ELK();
  const lines = await layoutFigures(`generated definition, ${countStates(definition)} states`, buildGraphModel(definition, []).structure, elk);
  lines.push(...(await layoutFigures(`chain of ${STATES} Pass states`, buildGraphModel(chainDefinition(STATES), []).structure, elk)));
  const names = Object.keys(definition.States).filter((n) => n.startsWith('Step'));
  const timeline = syntheticTimeline(names, 1000);
  const model: Timed[] = [];
  for (let i = 0; i < REPS; i++) model.push(await timed(() => buildGraphModel(definition, timeline, 'RUNNING')));
  lines.push(`model (definition + ${timeline.length}-event history) x${REPS}: cpu ${stats(model.map((t) => t.cpu))}`, `load average: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`, '');
  process.stdout.write(lines.join('\n'));
}

// An entry point: a rejection ends the process with its stack (Node's unhandled-rejection default).
void main();

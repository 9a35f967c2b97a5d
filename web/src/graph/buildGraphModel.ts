import type { TimelineEntry } from '../../../contracts/ops';
import type { AslDefinition } from './aslDefinition';
import { buildGraphStructure, END_ID, START_ID, type DefinitionIndex } from './buildGraphStructure';
import { NOT_REACHED, type GraphEdge, type GraphModel, type GraphNode, type StateRun, type StateStatus, type StateVisit, type VisitStatus } from './graphModel';
import { HistoryReplay, type ExecutionFacts } from './HistoryReplay';
import { freezeVisit } from './visitRecord';

/** Which visit outcome colours a state when its last run saw several (a Map, a loop). */
const PRECEDENCE: readonly VisitStatus[] = ['running', 'failed', 'caught', 'aborted', 'succeeded'];

/**
 * The execution graph: a node per state (Map and Parallel holding theirs), the definition's
 * transitions as edges, and for each state what the history says happened to it.
 * `executionStatus` (from DescribeExecution) settles states left open by a history read just
 * before the execution ended.
 */
export function buildGraphModel(definition: AslDefinition, timeline: readonly TimelineEntry[], executionStatus?: string): GraphModel {
  return applyTimeline(buildGraphStructure(definition), timeline, executionStatus);
}

/** The run half of {@link buildGraphModel}, for callers that keep the structure of a definition. */
export function applyTimeline(index: DefinitionIndex, timeline: readonly TimelineEntry[], executionStatus?: string): GraphModel {
  const replay = new HistoryReplay(index.states).read(timeline);
  replay.settle(executionStatus);
  const running = replay.running && (executionStatus === undefined || executionStatus === 'RUNNING');
  const visitsByState = new Map<string, StateVisit[]>();
  for (const visit of replay.visits) {
    const list = visitsByState.get(visit.name) ?? [];
    list.push(freezeVisit(visit, running));
    visitsByState.set(visit.name, list);
  }
  const runs = new Map<string, StateRun>();
  for (const [name, visits] of visitsByState) runs.set(name, summarise(visits));
  runs.set(START_ID, startRun(replay.facts));
  runs.set(END_ID, endRun(replay.facts, running));
  const nodes: GraphNode[] = index.structure.nodes.map((node) => ({ ...node, run: runs.get(node.refersTo ?? node.id) ?? NOT_REACHED }));
  const edges: GraphEdge[] = index.structure.edges.map((edge) => ({
    ...edge,
    taken: replay.taken.has(`${edge.source}->${edge.logicalTarget ?? edge.target}:${edge.kind === 'catch' ? 'catch' : 'flow'}`),
  }));
  const stateDefinitions = new Map([...index.states].map(([name, info]) => [name, info.state]));
  return { structure: index.structure, stateDefinitions, nodes, edges, runs };
}

/** A state's colour: what its visits in the latest run that reached it did; attempts count across redrives. */
function summarise(visits: readonly StateVisit[]): StateRun {
  const latestRedrive = Math.max(...visits.map((v) => v.redrive));
  const latest = new Set(visits.filter((v) => v.redrive === latestRedrive).map((v) => v.status));
  const attemptCount = visits.reduce((sum, v) => sum + Math.max(1, v.attempts.length), 0);
  const failedAttemptCount = visits.reduce((sum, v) => sum + v.attempts.filter((a) => a.outcome === 'failed').length, 0);
  const outcome = PRECEDENCE.find((s) => latest.has(s)) ?? 'succeeded';
  const status: StateStatus = outcome === 'succeeded' && failedAttemptCount > 0 ? 'retried' : outcome;
  return { status, visits, enteredCount: visits.length, attemptCount, failedAttemptCount };
}

function startRun(facts: ExecutionFacts): StateRun {
  if (facts.startedAt === undefined) return NOT_REACHED;
  const visit: StateVisit = {
    enteredEventId: 1,
    enteredAt: facts.startedAt,
    exitedAt: facts.startedAt,
    redrive: 0,
    status: 'succeeded',
    ...(facts.input !== undefined ? { input: facts.input, output: facts.input } : {}),
    attempts: [],
  };
  return { status: 'succeeded', visits: [visit], enteredCount: 1, attemptCount: 1, failedAttemptCount: 0 };
}

function endRun(facts: ExecutionFacts, running: boolean): StateRun {
  if (facts.endType === undefined || facts.endedAt === undefined || running) return NOT_REACHED;
  const status: VisitStatus = facts.endType === 'ExecutionSucceeded' ? 'succeeded' : facts.endType === 'ExecutionAborted' ? 'aborted' : 'failed';
  const visit: StateVisit = {
    enteredEventId: 0,
    enteredAt: facts.endedAt,
    redrive: facts.redrives,
    status,
    ...(facts.output !== undefined ? { input: facts.output, output: facts.output } : {}),
    ...(facts.error !== undefined ? { error: facts.error } : {}),
    ...(facts.cause !== undefined ? { cause: facts.cause } : {}),
    attempts: [],
  };
  return { status, visits: [visit], enteredCount: 1, attemptCount: 1, failedAttemptCount: 0 };
}

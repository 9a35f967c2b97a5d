import type { AslState } from './aslDefinition';

/**
 * The execution graph as data: what {@link buildGraphModel} returns, the layout worker lays out
 * and the SVG draws. No DOM types here, so the root project (jest, tsc) compiles it too.
 */

/** What happened to a state in an execution, as the graph colours it. */
export const STATE_STATUSES = ['succeeded', 'failed', 'caught', 'retried', 'running', 'aborted', 'not-reached'] as const;
export type StateStatus = (typeof STATE_STATUSES)[number];

/** How one visit of a state ended. */
export type VisitStatus = 'succeeded' | 'failed' | 'caught' | 'running' | 'aborted';

/** `ref`: where a long Catch ends, standing for its handler (selecting it selects the handler). */
export type NodeKind = 'start' | 'end' | 'state' | 'branch' | 'ref';

/** One attempt of a Task (or a Map / Parallel with Retry): each Retry makes a new one. */
export interface StateAttempt {
  /** 1 for the first call, 2 for the first retry... counted across the whole visit. */
  readonly number: number;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly outcome: 'succeeded' | 'failed' | 'running';
  readonly error?: string;
  readonly cause?: string;
}

/** One entry into a state (a loop or a Map enters a state several times; a redrive once more). */
export interface StateVisit {
  /** Id of the `*StateEntered` event. */
  readonly enteredEventId: number;
  readonly exitedEventId?: number;
  readonly enteredAt: string;
  readonly exitedAt?: string;
  /** 0 for the original run, n after the n-th ExecutionRedriven. */
  readonly redrive: number;
  /** The Map item index when the visit ran inside a Map iteration. */
  readonly iteration?: number;
  readonly status: VisitStatus;
  readonly input?: string;
  readonly output?: string;
  readonly assignedVariables?: Readonly<Record<string, string>>;
  readonly resource?: string;
  readonly attempts: readonly StateAttempt[];
  /** The failure that ended the visit (caught or not). */
  readonly error?: string;
  readonly cause?: string;
}

/** Everything the history says about one state. */
export interface StateRun {
  readonly status: StateStatus;
  readonly visits: readonly StateVisit[];
  /** How many times the state was entered. */
  readonly enteredCount: number;
  /** Attempts over every visit (and every redrive). */
  readonly attemptCount: number;
  readonly failedAttemptCount: number;
}

export interface GraphNode {
  /** Unique id: the state name for states (names are unique in a state machine). */
  readonly id: string;
  readonly kind: NodeKind;
  /** The state name ('Start', 'End' for the markers, 'Branch 1' for a Parallel branch). */
  readonly label: string;
  /** The ASL Type of a state; '' for the markers and branches. */
  readonly stateType: string;
  /** The compound node holding this one (a Map, a Parallel branch); undefined at top level. */
  readonly parentId?: string;
  /** Whether it contains other nodes (Map, Parallel, a branch). */
  readonly compound: boolean;
  /** Retriers of the state (drawn as a badge, never as an edge). */
  readonly retry: boolean;
  readonly resource?: string;
  readonly comment?: string;
  /** For a `ref` node: the state it stands for. */
  readonly refersTo?: string;
  readonly run: StateRun;
}

export type EdgeKind = 'start' | 'next' | 'choice' | 'default' | 'catch' | 'end';

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
  /** Short text drawn on the edge (the choice rule, the caught errors). */
  readonly label?: string;
  /** The full text (a tooltip): every error a Catch takes, the whole condition. */
  readonly title?: string;
  /** Every error a Catch edge takes (its label shows the first and how many more). */
  readonly errors?: readonly string[];
  /** The state a Catch really goes to when `target` is a `ref` node standing for it. */
  readonly logicalTarget?: string;
  /** Whether the execution went along this edge. */
  readonly taken: boolean;
}

/** The graph of a definition: the part that decides the layout (no run data). */
export interface GraphStructure {
  /** Equal for equal shapes: the layout cache key. */
  readonly key: string;
  readonly nodes: readonly StructureNode[];
  readonly edges: readonly StructureEdge[];
}

export type StructureNode = Omit<GraphNode, 'run'>;
export type StructureEdge = Omit<GraphEdge, 'taken'>;

/** What {@link buildGraphModel} returns. */
export interface GraphModel {
  readonly structure: GraphStructure;
  /** Each state's ASL, nested ones included (the inspector shows it). */
  readonly stateDefinitions: ReadonlyMap<string, AslState>;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Run data by node id. */
  readonly runs: ReadonlyMap<string, StateRun>;
}

export const NOT_REACHED: StateRun = { status: 'not-reached', visits: [], enteredCount: 0, attemptCount: 0, failedAttemptCount: 0 };

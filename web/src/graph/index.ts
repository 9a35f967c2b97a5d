/** The execution view's graph, state inspector and event table. */
export { ExecutionGraph, GRAPH_RENDER_MEASURE, type ExecutionGraphProps } from './ExecutionGraph';
export { StateInspector, type StateInspectorProps } from './StateInspector';
export { EventTable, type EventTableProps } from './EventTable';
export { buildGraphModel, applyTimeline } from './buildGraphModel';
export { parseAslDefinition, AslDefinitionError, type AslDefinition } from './aslDefinition';
export { warmLayoutWorker } from './layoutClient';
export { START_ID, END_ID } from './buildGraphStructure';
export type { GraphModel, GraphNode, GraphEdge, StateRun, StateVisit, StateAttempt, StateStatus } from './graphModel';

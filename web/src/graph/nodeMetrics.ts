import type { StructureEdge, StructureNode } from './graphModel';

/**
 * Sizes the layout reserves and the SVG draws into. Text is measured by character count (the
 * layout runs in a worker and in Node, with no DOM to measure), with the console's fonts in mind.
 */
export const METRICS = {
  stateHeight: 56,
  minStateWidth: 176,
  maxStateWidth: 320,
  /** Average width of a 13 px semibold character of the state name. */
  nameCharWidth: 7.6,
  /** Room for the status icon on the left and the badges on the right. */
  stateChrome: 64,
  markerWidth: 76,
  markerHeight: 32,
  refHeight: 28,
  compoundHeader: 48,
  branchHeader: 26,
  compoundPadding: 16,
  labelCharWidth: 6.2,
  labelHeight: 18,
  labelPadding: 12,
} as const;

/** The characters of a state name that fit a node of the widest size. */
export const MAX_NAME_CHARS = Math.floor((METRICS.maxStateWidth - METRICS.stateChrome) / METRICS.nameCharWidth);

/** Width and height of a leaf node; compound nodes get theirs from the layout. */
export function nodeSize(node: StructureNode): { width: number; height: number } {
  if (node.kind === 'start' || node.kind === 'end') return { width: METRICS.markerWidth, height: METRICS.markerHeight };
  if (node.kind === 'ref') return { width: Math.min(METRICS.maxStateWidth, Math.ceil(node.label.length * 7.4 + 58)), height: METRICS.refHeight };
  const width = Math.ceil(node.label.length * METRICS.nameCharWidth + METRICS.stateChrome);
  return { width: Math.min(METRICS.maxStateWidth, Math.max(METRICS.minStateWidth, width)), height: METRICS.stateHeight };
}

/** Size of an edge's label box, or undefined when the edge has none. */
export function labelSize(edge: StructureEdge): { width: number; height: number } | undefined {
  if (edge.label === undefined) return undefined;
  return { width: Math.ceil(edge.label.length * METRICS.labelCharWidth + METRICS.labelPadding), height: METRICS.labelHeight };
}

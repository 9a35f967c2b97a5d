import type { ELK, ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { GraphStructure, StructureNode } from './graphModel';
import { labelSize, METRICS, nodeSize } from './nodeMetrics';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface EdgeRoute {
  readonly points: readonly Point[];
  readonly label?: Box;
}

/** Where everything goes, in absolute coordinates of the drawing. */
export interface GraphLayout {
  /** The structure key it was computed for. */
  readonly key: string;
  readonly width: number;
  readonly height: number;
  readonly nodes: Readonly<Record<string, Box>>;
  readonly edges: Readonly<Record<string, EdgeRoute>>;
  /** Node ids top to bottom, left to right: the keyboard's Tab order. */
  readonly order: readonly string[];
  /** How long ELK took (ms), for the `graph-render` measure's detail. */
  readonly layoutMs: number;
}

/** Layered, top-down, in definition order (so a re-layout of the same definition never reshuffles). */
const LAYERED: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  // Loops (a poll loop, a retry by hand) are the edges back to a state already on the path from Start.
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // One crossing-minimisation sweep and no greedy switch: several times faster on a 100-state
  // graph, and model order already gives a readable ordering.
  'elk.layered.thoroughness': '1',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
  'elk.layered.nodePlacement.bk.fixedAlignment': 'NONE',
  'elk.layered.spacing.nodeNodeBetweenLayers': '44',
  'elk.layered.spacing.edgeNodeBetweenLayers': '18',
  'elk.spacing.nodeNode': '40',
  'elk.spacing.edgeNode': '18',
  'elk.spacing.edgeEdge': '12',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.edgeLabels.sideSelection': 'SMART_DOWN',
};

const ROOT: LayoutOptions = { ...LAYERED, 'elk.padding': '[top=24,left=24,bottom=24,right=24]', 'elk.json.edgeCoords': 'ROOT', 'elk.json.shapeCoords': 'ROOT' };

/** The ELK graph of a structure: compound nodes hold their children, each edge sits with its endpoints. */
export function toElkGraph(structure: GraphStructure): ElkNode {
  const root: ElkNode = { id: '__root__', layoutOptions: ROOT, children: [], edges: [] };
  const elkNodes = new Map<string, ElkNode>([['__root__', root]]);
  const parentOf = new Map<string, string>();
  for (const node of structure.nodes) {
    const elkNode = toElkNode(node);
    elkNodes.set(node.id, elkNode);
    parentOf.set(node.id, node.parentId ?? '__root__');
  }
  for (const node of structure.nodes) {
    const elkNode = elkNodes.get(node.id);
    const parent = elkNodes.get(parentOf.get(node.id) ?? '__root__') ?? root;
    if (elkNode !== undefined) (parent.children ??= []).push(elkNode);
  }
  for (const edge of structure.edges) {
    const container = elkNodes.get(parentOf.get(edge.source) ?? '__root__') ?? root;
    const size = labelSize(edge);
    const elkEdge: ElkExtendedEdge = { id: edge.id, sources: [edge.source], targets: [edge.target], ...(size !== undefined ? { labels: [{ id: `${edge.id}#label`, text: edge.label, ...size }] } : {}) };
    (container.edges ??= []).push(elkEdge);
  }
  return root;
}

function toElkNode(node: StructureNode): ElkNode {
  if (!node.compound) return { id: node.id, ...nodeSize(node) };
  const top = node.kind === 'branch' ? METRICS.branchHeader : METRICS.compoundHeader;
  const pad = node.kind === 'branch' ? 12 : METRICS.compoundPadding;
  return {
    id: node.id,
    layoutOptions: {
      ...LAYERED,
      'elk.padding': `[top=${top},left=${pad},bottom=${pad},right=${pad}]`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      'elk.nodeSize.minimum': `(${nodeSize(node).width},${top + 24})`,
      // A Parallel's branches share no edge: one layer keeps them side by side, in order.
      // A branch keeps to the top of its Parallel, however short it is next to the others.
      ...(node.kind === 'branch' ? { 'elk.alignment': 'TOP' } : {}),
      ...(node.stateType === 'Parallel' ? { 'elk.separateConnectedComponents': 'false', 'elk.spacing.nodeNode': '24' } : {}),
    },
    children: [],
    edges: [],
  };
}

/** Lays a structure out with the given ELK (in the worker; in Node for the bench). */
export async function layoutGraph(elk: ELK, structure: GraphStructure): Promise<GraphLayout> {
  const started = performance.now();
  const laid = await elk.layout(toElkGraph(structure));
  const layoutMs = performance.now() - started;
  const nodes: Record<string, Box> = {};
  const edges: Record<string, EdgeRoute> = {};
  const order: string[] = [];
  const walk = (node: ElkNode): void => {
    // Depth first, each level top to bottom then left to right: Tab visits a box's states before moving on.
    const children = [...(node.children ?? [])].sort((p, q) => (Math.abs((p.y ?? 0) - (q.y ?? 0)) > 8 ? (p.y ?? 0) - (q.y ?? 0) : (p.x ?? 0) - (q.x ?? 0)));
    for (const child of children) {
      nodes[child.id] = { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 };
      order.push(child.id);
      walk(child);
    }
    for (const edge of node.edges ?? []) {
      const points: Point[] = [];
      for (const section of edge.sections ?? []) points.push(section.startPoint, ...(section.bendPoints ?? []), section.endPoint);
      const label = edge.labels?.[0];
      edges[edge.id] = {
        points: points.map((p) => ({ x: p.x, y: p.y })),
        ...(label !== undefined ? { label: { x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 } } : {}),
      };
    }
  };
  walk(laid);
  return { key: structure.key, width: laid.width ?? 0, height: laid.height ?? 0, nodes, edges, order, layoutMs };
}

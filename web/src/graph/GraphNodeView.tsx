import { memo, type KeyboardEvent, type ReactElement } from 'react';
import type { GraphNode } from './graphModel';
import type { Box } from './layoutGraph';
import { MAX_NAME_CHARS } from './nodeMetrics';
import { StatusIcon } from './StatusIcon';
import { statusLabel } from './statusPresentation';
import { shorten } from './describeChoiceRule';

export interface GraphNodeViewProps {
  readonly node: GraphNode;
  readonly box: Box;
  readonly selected: boolean;
  readonly onSelect: (id: string) => void;
  readonly onFocusNode: (box: Box) => void;
}

/** The line under a state's name: "Task · Retried", "Map · Succeeded · ran 3×". */
export function nodeMeta(node: GraphNode): string {
  const iterations = node.stateType === 'Map' && node.run.visits.length > 0 ? ` · ${node.run.visits.length === 1 ? 'ran once' : `ran ${node.run.visits.length}×`}` : '';
  return `${node.stateType} · ${statusLabel(node.run.status)}${iterations}`;
}

/**
 * "State ReportIssued, Task · Retried, 8 attempts, entered 2 times": what a screen reader hears.
 * It starts with the text the node shows, so speech input ("click ReportIssued") finds it.
 */
export function nodeAriaLabel(node: GraphNode): string {
  if (node.kind === 'ref') return `Go to state ${node.label}, where a Catch leads, ${statusLabel(node.run.status).toLowerCase()}`;
  if (node.kind === 'start' || node.kind === 'end') return `${node.label}: execution ${node.kind === 'start' ? 'start' : 'end'}, ${statusLabel(node.run.status).toLowerCase()}`;
  const parts = [`State ${node.label}`, nodeMeta(node)];
  if (node.run.attemptCount > 1 && node.run.failedAttemptCount > 0) parts.push(`${node.run.attemptCount} attempts`);
  if (node.run.enteredCount > 1) parts.push(`entered ${node.run.enteredCount} times`);
  return parts.join(', ');
}

function Badge({ x, text, className }: { readonly x: number; readonly text: string; readonly className: string }): ReactElement {
  const width = 12 + text.length * 6.6;
  return (
    <g className={`graph-badge ${className}`} transform={`translate(${x - width} -9)`}>
      <rect width={width} height={18} rx={9} />
      <text x={width / 2} y={12.5} textAnchor="middle">
        {text}
      </text>
    </g>
  );
}

/**
 * The box of a Map, a Parallel or a branch, drawn under edges and the states it holds. Not
 * focusable: the Map or Parallel is reached through its header ({@link GraphNodeView}).
 */
export const GraphNodeBackdrop = memo(function GraphNodeBackdrop({ node, box }: { readonly node: GraphNode; readonly box: Box }): ReactElement {
  if (node.kind === 'branch') {
    return (
      <g className="graph-branch" transform={`translate(${box.x} ${box.y})`} aria-hidden="true">
        <rect className="graph-branch-box" width={box.width} height={box.height} rx={8} />
        <text className="graph-branch-label" x={10} y={17}>
          {node.label}
        </text>
      </g>
    );
  }
  return (
    <g className={`graph-node-backdrop graph-status-${node.run.status}`} transform={`translate(${box.x} ${box.y})`} aria-hidden="true">
      <rect className="graph-node-box" width={box.width} height={box.height} rx={10} />
      <line className="graph-node-rule" x1={0} x2={box.width} y1={COMPOUND_HEADER} y2={COMPOUND_HEADER} />
    </g>
  );
});

const COMPOUND_HEADER = 40;

/** One selectable node: a state (a Map or Parallel by its header) or the Start/End marker. */
export const GraphNodeView = memo(function GraphNodeView({ node, box, selected, onSelect, onFocusNode }: GraphNodeViewProps): ReactElement {
  const { run } = node;
  const status = run.status;
  const onKeyDown = (event: KeyboardEvent<SVGGElement>): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(node.refersTo ?? node.id);
    }
  };
  const target = node.refersTo ?? node.id;
  const interactive = {
    role: 'button',
    tabIndex: 0,
    'aria-label': nodeAriaLabel(node),
    'aria-pressed': selected,
    'data-status': status,
    onClick: () => onSelect(target),
    onKeyDown,
    onFocus: () => onFocusNode(box),
  } as const;
  const classes = `graph-node graph-node-${node.kind} graph-status-${status}${selected ? ' graph-node-selected' : ''}${node.compound ? ' graph-node-compound' : ''}`;
  if (node.kind === 'start' || node.kind === 'end') {
    return (
      <g className={classes} transform={`translate(${box.x} ${box.y})`} data-testid={node.kind === 'start' ? 'graph-start' : 'graph-end'} {...interactive}>
        <rect className="graph-node-ring" x={-4} y={-4} width={box.width + 8} height={box.height + 8} rx={(box.height + 8) / 2} />
        <rect className="graph-node-box" width={box.width} height={box.height} rx={box.height / 2} />
        <StatusIcon status={status} x={17} y={box.height / 2} radius={7} />
        <text className="graph-node-marker" x={30} y={box.height / 2 + 4.5}>
          {node.label}
        </text>
      </g>
    );
  }
  if (node.kind === 'ref') {
    return (
      <g className={`${classes} graph-node-ref`} transform={`translate(${box.x} ${box.y})`} data-testid="graph-ref" data-refers-to={node.refersTo} {...interactive}>
        <title>{`${node.comment ?? 'Catch'} → ${node.label}`}</title>
        <rect className="graph-node-ring" x={-4} y={-4} width={box.width + 8} height={box.height + 8} rx={(box.height + 8) / 2} />
        <rect className="graph-ref-box" width={box.width} height={box.height} rx={box.height / 2} />
        <text className="graph-ref-label" x={12} y={box.height / 2 + 4}>
          ↪ {shorten(node.label, MAX_NAME_CHARS - 4)}
        </text>
        <StatusIcon status={status} x={box.width - 14} y={box.height / 2} radius={6} />
      </g>
    );
  }
  const headerY = node.compound ? 20 : 23;
  const badges: ReactElement[] = [];
  let right = box.width - 8;
  if (node.retry || run.failedAttemptCount > 0) {
    const retried = run.attemptCount > 1 && run.failedAttemptCount > 0;
    const text = retried ? `↻ ${run.attemptCount}` : '↻';
    badges.push(<Badge key="retry" x={right} text={text} className={retried ? 'graph-badge-retried' : 'graph-badge-retry'} />);
    right -= 12 + text.length * 6.6 + 4;
  }
  if (run.enteredCount > 1) {
    badges.push(<Badge key="loop" x={right} text={`×${run.enteredCount}`} className="graph-badge-loop" />);
  }
  const tooltip = [node.label, nodeAriaLabel(node).split(', ').slice(1).join(' · '), node.comment].filter((t) => t !== undefined && t !== '').join('\n');
  const button = (
    <g className={classes} transform={`translate(${box.x} ${box.y})`} data-testid={`graph-node-${node.id}`} {...interactive}>
      <title>{tooltip}</title>
      <rect className="graph-node-ring" x={-4} y={-4} width={box.width + 8} height={box.height + 8} rx={node.compound ? 14 : 12} />
      {node.compound ? <rect className="graph-node-hit" width={box.width} height={COMPOUND_HEADER} rx={10} /> : <rect className="graph-node-box" width={box.width} height={box.height} rx={8} />}
      <StatusIcon status={status} x={20} y={node.compound ? 20 : box.height / 2} />
      <text className="graph-node-name" x={38} y={headerY - 2}>
        {shorten(node.label, MAX_NAME_CHARS)}
        {/* A space between name and meta in the text content ("Name Task · ..."), invisible when drawn. */}{' '}
      </text>
      <text className="graph-node-meta" x={38} y={headerY + 14}>
        {nodeMeta(node)}
      </text>
    </g>
  );
  // Outside the button: its accessible name says what the badges show (and speech input matches the visible name).
  return badges.length === 0 ? button : (
    <>
      {button}
      <g className="graph-badges" transform={`translate(${box.x} ${box.y})`} aria-hidden="true">
        {badges}
      </g>
    </>
  );
});

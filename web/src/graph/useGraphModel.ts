import { useMemo } from 'react';
import type { ExecutionDetail } from '../../../contracts/ops';
import { parseAslDefinition } from './aslDefinition';
import { applyTimeline } from './buildGraphModel';
import { buildGraphStructure, type DefinitionIndex } from './buildGraphStructure';
import type { GraphModel } from './graphModel';

export type GraphModelResult = { readonly model: GraphModel; readonly error?: undefined } | { readonly model?: undefined; readonly error: Error };

/** One model per polled detail, shared by the graph and the inspector. */
const models = new WeakMap<ExecutionDetail, GraphModelResult>();
/** Parsed definitions by their text: a running execution is polled with the same definition each second. */
const indexes = new Map<string, DefinitionIndex | Error>();

/** The graph model of an execution, computed once per detail object. */
export function graphModelOf(detail: ExecutionDetail): GraphModelResult {
  const known = models.get(detail);
  if (known !== undefined) return known;
  const index = indexOf(detail.definition);
  const result: GraphModelResult = index instanceof Error ? { error: index } : { model: applyTimeline(index, detail.timeline, detail.status) };
  models.set(detail, result);
  return result;
}

/** {@link graphModelOf} for a component. */
export function useGraphModel(detail: ExecutionDetail): GraphModelResult {
  return useMemo(() => graphModelOf(detail), [detail]);
}

function indexOf(definition: string): DefinitionIndex | Error {
  const known = indexes.get(definition);
  if (known !== undefined) return known;
  let index: DefinitionIndex | Error;
  try {
    index = buildGraphStructure(parseAslDefinition(definition));
  } catch (error) {
    index = error instanceof Error ? error : new Error(String(error));
  }
  indexes.set(definition, index);
  if (indexes.size > 8) {
    const oldest = indexes.keys().next().value;
    if (oldest !== undefined) indexes.delete(oldest);
  }
  return index;
}

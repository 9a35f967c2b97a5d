import type { FastProgram, FastScope } from './compileFastJsonata';
import { BAIL, jsonataBoolean, member } from './fastJsonataFunctions';
import { ItemScope } from './ItemScope';

/**
 * A filter (`[...]`) on an expression or a path step: `[n]` picks by index, `[predicate]` keeps
 * the items the predicate, evaluated with each item as its context, selects.
 */
export type Filter = { readonly index: number } | { readonly predicate: FastProgram };

/**
 * One step of a path: the member it reads from each item of its input sequence (from `$states`
 * itself, through the scope, when `states` is set), or the value `build` gives with each item as
 * the context (`.{"empresa": empresaId}`, `.$lookup($recorded, empresaId)`); then its filters.
 */
export interface PathStep {
  readonly name: string;
  readonly states: boolean;
  readonly build: FastProgram | undefined;
  readonly filters: readonly Filter[];
}

function read(step: PathStep, item: unknown, scope: FastScope): unknown {
  if (step.build !== undefined) {
    // jsonata evaluates it with the array as the context (an object groups its items): left to it.
    if (Array.isArray(item)) throw BAIL;
    return step.build(new ItemScope(scope, item));
  }
  return step.states ? scope.states(step.name) : member(item, step.name);
}

/**
 * jsonata's evaluatePath and evaluateStep from one input value (an array: its items): each step
 * reads every item of its input sequence and filters what it read; the results are flattened one
 * level into the next input sequence (an array a member holds gives its items), and an empty
 * sequence ends the path. The last step's
 * answer, when exactly one item gave an array and the step has no filter, is that array as it is
 * (even empty or of one item); otherwise the sequence: nothing, its one item, or an array. An
 * array inside a flattened array (nested arrays) is left to jsonata.
 * @see https://docs.jsonata.org/path-operators
 */
export function walk(input: unknown, steps: readonly PathStep[], scope: FastScope, from = 0): unknown {
  // Down one object at a time, allocating nothing, while no step filters or meets an array.
  let value = input;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i] as PathStep;
    // An array met on the way is the input sequence of its items.
    if (Array.isArray(value)) return walkSequence(value as unknown[], steps, i, scope);
    if (step.filters.length > 0) return walkSequence([value], steps, i, scope);
    const next = read(step, value, scope);
    if (next === undefined) return undefined;
    value = next;
  }
  return value;
}

/** {@link walk} from step `from` on, over an input sequence. */
function walkSequence(input: readonly unknown[], steps: readonly PathStep[], from: number, scope: FastScope): unknown {
  let sequence = input;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i] as PathStep;
    const next: unknown[] = [];
    if (step.filters.length > 0) {
      // A filtered step gives a sequence per item, never a plain array: always flattened.
      for (const item of sequence) for (const kept of filterSequence(read(step, item, scope), step.filters, scope)) next.push(kept);
    } else {
      const results: unknown[] = [];
      for (const item of sequence) {
        const value = read(step, item, scope);
        if (value !== undefined) results.push(value);
      }
      if (i === steps.length - 1 && results.length === 1 && Array.isArray(results[0])) return results[0];
      for (const value of results) {
        if (!Array.isArray(value)) next.push(value);
        else
          for (const inner of value as unknown[]) {
            if (Array.isArray(inner)) throw BAIL;
            next.push(inner);
          }
      }
    }
    if (next.length === 0) return undefined;
    sequence = next;
  }
  return unwrap(sequence);
}

/** A sequence as jsonata answers it: nothing when empty, its item when it has one, else the array. */
export function unwrap(sequence: readonly unknown[]): unknown {
  if (sequence.length === 0) return undefined;
  return sequence.length === 1 ? sequence[0] : sequence;
}

/**
 * jsonata's evaluateFilter, filter after filter: a value that is not an array is a sequence of
 * one (undefined included), `[n]` picks the item at `n` rounded down (from the end when
 * negative), a predicate keeps the items it selects. An item that is an array (jsonata splices or
 * maps over it) is left to jsonata, as is a predicate that keeps an undefined item.
 */
export function filterSequence(value: unknown, filters: readonly Filter[], scope: FastScope): readonly unknown[] {
  let items: readonly unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  for (const filter of filters) items = 'index' in filter ? pickIndex(items, filter.index) : keep(items, filter.predicate, scope);
  return items;
}

function pickIndex(items: readonly unknown[], index: number): unknown[] {
  const item = items[index < 0 ? items.length + index : index];
  if (item === undefined) return [];
  if (Array.isArray(item)) throw BAIL;
  return [item];
}

function keep(items: readonly unknown[], predicate: FastProgram, scope: FastScope): unknown[] {
  const kept: unknown[] = [];
  for (let position = 0; position < items.length; position++) {
    const item = items[position];
    if (Array.isArray(item)) throw BAIL;
    if (!selects(predicate(new ItemScope(scope, item)), position, items.length)) continue;
    if (item === undefined) throw BAIL;
    kept.push(item);
  }
  return kept;
}

/**
 * Whether a predicate's value keeps the item at `position`: a number is an index (rounded down,
 * from the end when negative), anything else its `$boolean` (an array of numbers or of anything,
 * an object, is left to jsonata).
 */
function selects(result: unknown, position: number, length: number): boolean {
  if (typeof result === 'boolean') return result;
  if (typeof result !== 'number') return jsonataBoolean(result);
  if (!Number.isFinite(result)) throw BAIL;
  const index = Math.floor(result);
  return (index < 0 ? length + index : index) === position;
}

import { randomUUID } from 'node:crypto';
import type { MapState } from '../../definition/types';
import { STATES_ERRORS, StatesError } from '../../errors/StatesError';
import { evaluateJsonataExpression, evaluateJsonataTemplate, jsonataExpressionOf } from '../jsonata/evaluateJsonata';
import { evaluatePayloadTemplate, resolvePath } from '../jsonpath/jsonPathSteps';
import { recordEvaluationFailure } from '../recordEvaluationFailure';
import { runMachine } from '../runMachine';
import { stateError, toJsonText, type StateInvocation } from '../StateInvocation';
import { effectiveInput, selectResult, stateOutput } from '../stateIO';
import { transition, type StateAction } from '../StepResult';
import { withRetryAndCatch } from '../withRetryAndCatch';
import { maxConcurrency, toleratedFailures } from './mapSettings';
import { batchItems } from './batchItems';
import { readItems } from './readItems';

type MapInvocation = StateInvocation & { readonly state: MapState };

/**
 * Map: runs the item processor once per item (INLINE iterations are recorded in this history;
 * DISTRIBUTED ones run as a map run whose iterations are not).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html
 */
export const runMap: StateAction<MapState> = async (inv, rawInput) => {
  const { state, flow } = inv;
  return withRetryAndCatch(
    inv,
    rawInput,
    async () => {
      const input = effectiveInput(inv, rawInput);
      const items = await iterationItems(inv, rawInput, input);
      const concurrency = await maxConcurrency(inv, rawInput, input);
      flow.record('MapStateStarted', { length: items.length });
      const tolerated = await toleratedFailures(inv, rawInput, input);
      const distributed = state.ProcessorMode === 'DISTRIBUTED';
      const mapRunArn = distributed ? mapRunArnOf(inv) : undefined;
      if (mapRunArn !== undefined) flow.record('MapRunStarted', { mapRunArn });
      const results = await runIterations(inv, rawInput, input, items, concurrency, distributed ? tolerated : undefined);
      if (mapRunArn !== undefined) flow.record('MapRunSucceeded');
      flow.record('MapStateSucceeded');
      return transition(state, await stateOutput(inv, rawInput, selectResult(inv, results)));
    },
    (error) => {
      recordEvaluationFailure(inv, error);
      if (error.error !== STATES_ERRORS.Runtime) flow.record('MapStateFailed');
    },
  );
};

/** The inputs of the iterations: the items, each through ItemSelector, then grouped by ItemBatcher if any. */
async function iterationItems(inv: MapInvocation, rawInput: unknown, input: unknown): Promise<unknown[]> {
  const items = await mapItems(inv, rawInput, input);
  if (inv.state.ItemBatcher === undefined) return items;
  const selected: unknown[] = [];
  for (let index = 0; index < items.length; index++) {
    const value = items[index];
    selected.push(await iterationInput({ ...inv, flow: inv.flow.fork({ mapItem: { index, value } }) }, rawInput, input, value));
  }
  return batchItems(inv, rawInput, input, selected);
}

async function mapItems(inv: MapInvocation, rawInput: unknown, input: unknown): Promise<unknown[]> {
  const { state } = inv;
  if (state.ItemReader !== undefined) return readItems(inv, rawInput, input);
  if (state.QueryLanguage === 'JSONata') {
    if (state.Items === undefined) return expectArray(inv, rawInput);
    const expression = jsonataExpressionOf(state.Items);
    const items = expression !== undefined ? await evaluateJsonataExpression(inv, expression, { input: rawInput }, 'Items') : await evaluateJsonataTemplate(inv, state.Items, { input: rawInput }, 'Items');
    if (!Array.isArray(items)) {
      throw stateError(inv, STATES_ERRORS.QueryEvaluationError, `The JSONata expression '${expression ?? toJsonText(state.Items)}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeName(items)}' for value: ${toJsonText(items)}`);
    }
    return items;
  }
  if (state.ItemsPath === undefined) return expectArray(inv, input);
  const result = resolvePath(inv, state.ItemsPath, input);
  if (!result.found) throw stateError(inv, STATES_ERRORS.Runtime, `Invalid path '${state.ItemsPath}' : No results for path: ${state.ItemsPath}`);
  return expectArray(inv, result.value);
}

function expectArray(inv: MapInvocation, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  throw stateError(inv, STATES_ERRORS.QueryEvaluationError, `Map state input must be an array but was: ${toJsonText(value)}`);
}

async function runIterations(
  inv: MapInvocation,
  rawInput: unknown,
  input: unknown,
  items: readonly unknown[],
  concurrency: number,
  tolerated: { count: number; percentage: number } | undefined,
): Promise<unknown[]> {
  const { state, flow } = inv;
  const results = new Array<unknown>(items.length);
  const limit = concurrency > 0 ? concurrency : items.length;
  let next = 0;
  let failures = 0;
  let firstError: StatesError | undefined;
  const silent = tolerated !== undefined;
  // An INLINE map stops its other iterations at the first failure.
  const siblings = new AbortController();
  const signal = AbortSignal.any([flow.runtime.signal, siblings.signal]);
  const worker = async (): Promise<void> => {
    while (next < items.length && (firstError === undefined || silent)) {
      const index = next++;
      const value = items[index];
      const iterationFlow = flow.fork({ silent, mapItem: { index, value }, signal });
      const itemInv: MapInvocation = { ...inv, flow: iterationFlow };
      try {
        const itemInput = state.ItemBatcher === undefined ? await iterationInput(itemInv, rawInput, input, value) : value;
        if (firstError !== undefined && !silent) return;
        iterationFlow.record('MapIterationStarted', { name: state.Name, index });
        results[index] = await runMachine(state.Processor, itemInput, iterationFlow, inv.variables.child());
        iterationFlow.record('MapIterationSucceeded', { name: state.Name, index });
      } catch (thrown) {
        const error = thrown instanceof StatesError ? thrown : new StatesError(STATES_ERRORS.Runtime, String(thrown));
        if (siblings.signal.aborted && error.error === 'States.Aborted') {
          iterationFlow.record('MapIterationAborted', { name: state.Name, index });
          continue;
        }
        iterationFlow.record('MapIterationFailed', { name: state.Name, index });
        failures += 1;
        if (!silent) {
          if (firstError === undefined) siblings.abort();
          firstError ??= error;
        } else if (firstError === undefined) firstError = error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (firstError !== undefined) {
    if (!silent) throw firstError;
    const allowedByPercentage = (tolerated.percentage / 100) * items.length;
    if (failures > tolerated.count && failures > allowedByPercentage) {
      flow.record('MapRunFailed');
      throw new StatesError(STATES_ERRORS.ExceedToleratedFailureThreshold, 'The specified tolerated failure threshold was exceeded');
    }
  }
  return results;
}

async function iterationInput(inv: StateInvocation & { readonly state: MapState }, rawInput: unknown, input: unknown, item: unknown): Promise<unknown> {
  const selector = inv.state.ItemSelector;
  if (selector === undefined) return item;
  if (inv.state.QueryLanguage === 'JSONata') return evaluateJsonataTemplate(inv, selector, { input: rawInput }, 'ItemSelector');
  return evaluatePayloadTemplate(inv, selector, input);
}

function mapRunArnOf(inv: MapInvocation): string {
  const { facts } = inv.flow.runtime;
  return `${facts.stateMachineArn.replace(':stateMachine:', ':mapRun:')}/${inv.state.Label ?? randomUUID()}:${randomUUID()}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

import { randomUUID } from 'node:crypto';
import type { MapState } from '../../definition/types';
import { STATES_ERRORS, StatesError } from '../../errors/StatesError';
import { evaluateJsonataExpression, evaluateJsonataTemplate, jsonataExpressionOf } from '../jsonata/evaluateJsonata';
import { evaluatePayloadTemplate, resolvePath } from '../jsonpath/jsonPathSteps';
import { recordEvaluationFailure } from '../recordEvaluationFailure';
import { earlierOutcome, LiveChildren, pointOf, scopeFor, succeeded, takeRedrivePlan, type ChildrenOutcome } from '../RedrivePoint';
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
 * DISTRIBUTED ones run as a map run whose iterations are not). Redriven, it runs again only the
 * iterations that did not succeed (MapIterationStarted is recorded for those alone) and reuses
 * the results of the others; a Distributed Map redrives its Map Run (MapRunRedriven).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/redrive-map-run.html
 */
export const runMap: StateAction<MapState> = async (inv, rawInput) => {
  const { state, flow } = inv;
  return withRetryAndCatch(
    inv,
    rawInput,
    async () => {
      const plan = takeRedrivePlan(inv);
      const input = effectiveInput(inv, rawInput);
      const items = await iterationItems(inv, rawInput, input);
      const concurrency = await maxConcurrency(inv, rawInput, input);
      flow.record('MapStateStarted', { length: items.length });
      const tolerated = await toleratedFailures(inv, rawInput, input);
      const distributed = state.ProcessorMode === 'DISTRIBUTED';
      let children: LiveChildren;
      if (!distributed) children = new LiveChildren(items.length);
      else if (plan?.mapRunArn === undefined) {
        children = new LiveChildren(items.length, mapRunArnOf(inv));
        flow.record('MapRunStarted', { mapRunArn: children.mapRunArn });
      } else {
        children = new LiveChildren(items.length, plan.mapRunArn, (plan.mapRunRedriveCount ?? 0) + 1);
        flow.record('MapRunRedriven', { mapRunArn: children.mapRunArn, redriveCount: children.mapRunRedriveCount });
      }
      flow.trackChildren(children);
      const mapRunArn = children.mapRunArn;
      const results = await runIterations(inv, rawInput, input, items, concurrency, distributed ? tolerated : undefined, children, plan);
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
  children: LiveChildren,
  plan: ChildrenOutcome | undefined,
): Promise<unknown[]> {
  const { state, flow } = inv;
  const results = new Array<unknown>(items.length);
  // Redriven, the iterations that succeeded keep their results and are not run (nor recorded) again.
  const pending: number[] = [];
  for (let index = 0; index < items.length; index++) {
    const earlier = earlierOutcome(plan, index);
    if (succeeded(earlier)) {
      results[index] = earlier.output;
      children.reuse(index, earlier.output);
    } else pending.push(index);
  }
  const limit = concurrency > 0 ? concurrency : pending.length;
  let next = 0;
  let failures = 0;
  let firstError: StatesError | undefined;
  const silent = tolerated !== undefined;
  // An INLINE map stops its other iterations at the first failure.
  const siblings = new AbortController();
  const signal = AbortSignal.any([flow.runtime.signal, siblings.signal]);
  const worker = async (): Promise<void> => {
    while (next < pending.length && (firstError === undefined || silent)) {
      const index = pending[next++] as number;
      const value = items[index];
      const iterationFlow = flow.fork({ silent, mapItem: { index, value }, signal, child: index });
      const itemInv: MapInvocation = { ...inv, flow: iterationFlow };
      const point = pointOf(earlierOutcome(plan, index));
      try {
        children.track(index, iterationFlow);
        const itemInput = point !== undefined || state.ItemBatcher !== undefined ? value : await iterationInput(itemInv, rawInput, input, value);
        if (firstError !== undefined && !silent) return;
        iterationFlow.record('MapIterationStarted', { name: state.Name, index });
        // A redriven iteration is picked up at the state it stopped in, with that state's input.
        results[index] =
          point === undefined
            ? await iterationFlow.run(state.Processor, itemInput, inv.variables.child())
            : await iterationFlow.run(state.Processor, point.input, scopeFor(inv.variables, point), { startAt: point.stateName, redrive: point.children });
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
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, pending.length)) }, worker));
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

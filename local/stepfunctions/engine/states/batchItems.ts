import type { MapState } from '../../definition/types';
import { STATES_ERRORS } from '../../errors/StatesError';
import { evaluateJsonataTemplate } from '../jsonata/evaluateJsonata';
import { evaluatePayloadTemplate, resolvePath } from '../jsonpath/jsonPathSteps';
import { stateError, type StateInvocation } from '../StateInvocation';

type MapInvocation = StateInvocation & { readonly state: MapState };

/**
 * Groups Map items per ItemBatcher: each iteration gets `{"Items": [...], "BatchInput": ...}`
 * (MaxItemsPerBatch(Path) and MaxInputBytesPerBatch(Path) bound a batch).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
 */
export async function batchItems(inv: MapInvocation, rawInput: unknown, input: unknown, items: readonly unknown[]): Promise<unknown[]> {
  const batcher = inv.state.ItemBatcher ?? {};
  const maxItems = limit(inv, batcher, 'MaxItemsPerBatch', input);
  const maxBytes = limit(inv, batcher, 'MaxInputBytesPerBatch', input);
  let batchInput: unknown;
  if (batcher.BatchInput !== undefined) {
    batchInput = inv.state.QueryLanguage === 'JSONata' ? await evaluateJsonataTemplate(inv, batcher.BatchInput, { input: rawInput }, 'ItemBatcher/BatchInput') : evaluatePayloadTemplate(inv, batcher.BatchInput, input);
  }
  const batches: unknown[] = [];
  let current: unknown[] = [];
  let bytes = 0;
  const close = (): void => {
    if (current.length === 0) return;
    batches.push(batchInput === undefined ? { Items: current } : { BatchInput: batchInput, Items: current });
    current = [];
    bytes = 0;
  };
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item) ?? 'null');
    if ((maxItems !== undefined && current.length >= maxItems) || (maxBytes !== undefined && current.length > 0 && bytes + size > maxBytes)) close();
    current.push(item);
    bytes += size;
  }
  close();
  return batches;
}

function limit(inv: MapInvocation, batcher: Readonly<Record<string, unknown>>, field: string, input: unknown): number | undefined {
  const pathField = batcher[`${field}Path`];
  let value = batcher[field];
  if (typeof pathField === 'string') {
    const result = resolvePath(inv, pathField, input);
    value = result.found ? result.value : undefined;
  }
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw stateError(inv, STATES_ERRORS.Runtime, `The ${field} field must be a positive integer: ${JSON.stringify(value)}`);
  }
  return value;
}

import type { MapState } from '../../definition/types';
import { STATES_ERRORS, StatesError } from '../../errors/StatesError';
import { evaluateJsonataTemplate } from '../jsonata/evaluateJsonata';
import { evaluatePayloadTemplate } from '../jsonpath/jsonPathSteps';
import { stateError, type StateInvocation } from '../StateInvocation';
import { parseCsv } from './parseCsv';

type MapInvocation = StateInvocation & { readonly state: MapState };

/**
 * The items of a Map state with an ItemReader: an S3 object read as JSON, JSONL or CSV
 * (`s3:getObject`), or the object listing of a prefix (`s3:listObjectsV2`), through the
 * service integrations. Failures are `States.ItemReaderFailed`.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
 */
export async function readItems(inv: MapInvocation, rawInput: unknown, input: unknown): Promise<unknown[]> {
  const reader = inv.state.ItemReader ?? {};
  const resource = typeof reader.Resource === 'string' ? reader.Resource : '';
  const config = (reader.ReaderConfig ?? {}) as Record<string, unknown>;
  const template = inv.state.QueryLanguage === 'JSONata' ? reader.Arguments : reader.Parameters;
  const parameters =
    inv.state.QueryLanguage === 'JSONata'
      ? await evaluateJsonataTemplate(inv, template ?? {}, { input: rawInput }, 'ItemReader/Arguments')
      : evaluatePayloadTemplate(inv, template ?? {}, input);
  const action = resource.replace(/^arn:[^:]+:states:::s3:/, '');
  const { deps, signal, facts } = inv.flow.runtime;
  let result: unknown;
  try {
    result = await deps.invokeTask.invoke({
      resource: `arn:aws:states:::aws-sdk:s3:${action}`,
      parameters,
      signal,
      clock: deps.clock,
      executionArn: facts.executionArn,
      stateMachineArn: facts.stateMachineArn,
    });
  } catch (error) {
    const cause = error instanceof StatesError ? `${error.error}: ${error.cause}` : String(error);
    throw stateError(inv, STATES_ERRORS.ItemReaderFailed, `The ItemReader could not read the items: ${cause}`);
  }
  const items = action === 'listObjectsV2' ? listedItems(result) : objectItems(inv, result, config);
  const maxItems = typeof config.MaxItems === 'number' ? config.MaxItems : undefined;
  return maxItems === undefined || maxItems === 0 ? items : items.slice(0, maxItems);
}

function listedItems(result: unknown): unknown[] {
  const contents = (result as { Contents?: unknown[] } | undefined)?.Contents;
  return Array.isArray(contents) ? contents : [];
}

function objectItems(inv: MapInvocation, result: unknown, config: Record<string, unknown>): unknown[] {
  const body = (result as { Body?: unknown } | undefined)?.Body;
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  const inputType = typeof config.InputType === 'string' ? config.InputType : 'JSON';
  try {
    if (inputType === 'CSV') {
      const rows = parseCsv(text);
      const given = config.CSVHeaderLocation === 'GIVEN' && Array.isArray(config.CSVHeaders) ? config.CSVHeaders.map(String) : undefined;
      const headers = given ?? rows.shift() ?? [];
      return rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? ''])));
    }
    if (inputType === 'JSONL') return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) throw new Error('the JSON object does not hold an array');
    return parsed;
  } catch (error) {
    throw stateError(inv, STATES_ERRORS.ItemReaderFailed, `The ItemReader could not parse the ${inputType} object: ${(error as Error).message}`);
  }
}

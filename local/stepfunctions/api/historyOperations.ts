import { detailsKeyFor, type HistoryEvent } from '../engine/history/HistoryEvent';
import { checkArn } from './arns';
import { epochSeconds, pageRange, type RequestFields } from './requestFields';
import type { StepFunctionsBackend } from './StepFunctionsBackend';

/** Detail members that carry execution data (dropped when includeExecutionData is false). */
const DATA_MEMBERS = new Set(['input', 'output', 'inputDetails', 'outputDetails', 'parameters']);

/** The AWS shape of one stored event. */
export function serializeEvent(event: HistoryEvent, includeData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { timestamp: epochSeconds(event.timestamp), type: event.type, id: event.id, previousEventId: event.previousEventId };
  if (event.details !== undefined) {
    const details = includeData ? event.details : Object.fromEntries(Object.entries(event.details).filter(([k]) => !DATA_MEMBERS.has(k)));
    out[detailsKeyFor(event.type)] = details;
  }
  return out;
}

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html */
export function getExecutionHistory(backend: StepFunctionsBackend, fields: RequestFields): unknown {
  const arn = fields.requiredString('executionArn');
  checkArn(arn, ['execution', 'express']);
  const { history } = backend.execution(arn).execution;
  const reverse = fields.optionalBoolean('reverseOrder') === true;
  const total = history.length;
  const { start, end, nextToken } = pageRange(total, fields, 100, 1000);
  const includeData = fields.optionalBoolean('includeExecutionData') !== false;
  // Only the events of this page are built (a history may hold many thousands).
  const events: Record<string, unknown>[] = [];
  for (let i = start; i < end; i++) {
    const event = history.at(reverse ? total - 1 - i : i);
    if (event !== undefined) events.push(serializeEvent(event, includeData));
  }
  return { events, ...(nextToken === undefined ? {} : { nextToken }) };
}

import { detailsKeyFor, type HistoryEvent } from '../engine/history/HistoryEvent';
import { checkArn } from './arns';
import { epochSeconds, paginate, type RequestFields } from './requestFields';
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
  const { execution } = backend.execution(arn);
  const events = execution.history.all();
  const ordered = fields.optionalBoolean('reverseOrder') === true ? [...events].reverse() : events;
  const { page, nextToken } = paginate(ordered, fields, 100, 1000);
  const includeData = fields.optionalBoolean('includeExecutionData') !== false;
  return { events: page.map((e) => serializeEvent(e, includeData)), ...(nextToken === undefined ? {} : { nextToken }) };
}

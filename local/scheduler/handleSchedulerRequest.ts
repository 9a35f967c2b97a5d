import type { FlexibleTimeWindow, Target } from '@aws-sdk/client-scheduler';
import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import { SchedulerError, type ScheduleInput, type ScheduleRecord } from './ScheduleStore';
import type { SchedulerService } from './SchedulerService';

type Body = Record<string, unknown>;

const DEFAULT_GROUP = 'default';
const MAX_RESULTS = 100;

/**
 * EventBridge Scheduler's restJson API as `@aws-sdk/client-scheduler` speaks it: CreateSchedule
 * (`POST /schedules/{Name}`), GetSchedule, UpdateSchedule (`PUT`), DeleteSchedule and
 * ListSchedules (`GET /schedules`). Dates travel as epoch seconds. Schedule groups other than
 * `default` are taken as named; CreateScheduleGroup is not served.
 * @see https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Operations.html
 */
export function handleSchedulerRequest(service: SchedulerService, request: EdgeRequest): EdgeResponse {
  const { method, url } = request;
  const parts = url.pathname.split('/').filter((part) => part !== '').map(decodeURIComponent);
  const now = service.context.clock.now();
  const store = service.store;
  if (parts[0] !== 'schedules' || parts.length > 2) throw new SchedulerError('ResourceNotFoundException', `the local EventBridge Scheduler does not serve ${method} ${url.pathname}`);
  const name = parts[1];
  if (name === undefined) {
    if (method !== 'GET') throw new SchedulerError('ResourceNotFoundException', `the local EventBridge Scheduler does not serve ${method} ${url.pathname}`);
    return json(listSchedules(store.all(), url.searchParams));
  }
  switch (method) {
    case 'POST': {
      const record = store.create(inputOf(name, parseBody(request)), now);
      service.scheduleChanged(record);
      return json({ ScheduleArn: record.arn });
    }
    case 'PUT': {
      const record = store.update(inputOf(name, parseBody(request)), now);
      service.scheduleChanged(record);
      return json({ ScheduleArn: record.arn });
    }
    case 'GET':
      return json(describe(store.get(url.searchParams.get('groupName') ?? DEFAULT_GROUP, name)));
    case 'DELETE': {
      const record = store.delete(url.searchParams.get('groupName') ?? DEFAULT_GROUP, name);
      service.scheduleRemoved(record);
      return json({});
    }
    default:
      throw new SchedulerError('ResourceNotFoundException', `the local EventBridge Scheduler does not serve ${method} ${url.pathname}`);
  }
}

function parseBody(request: EdgeRequest): Body {
  const value: unknown = request.body.length === 0 ? {} : JSON.parse(request.body.toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SchedulerError('ValidationException', 'The request body must be a JSON object.');
  return value as Body;
}

function inputOf(name: string, body: Body): ScheduleInput {
  const expression = body.ScheduleExpression;
  if (typeof expression !== 'string') throw new SchedulerError('ValidationException', 'ScheduleExpression is required.');
  const window = body.FlexibleTimeWindow;
  if (typeof window !== 'object' || window === null) throw new SchedulerError('ValidationException', 'FlexibleTimeWindow is required.');
  const target = body.Target;
  if (typeof target !== 'object' || target === null) throw new SchedulerError('ValidationException', 'Target is required.');
  const state = body.State ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') throw new SchedulerError('ValidationException', 'State must be ENABLED or DISABLED.');
  return {
    name,
    groupName: text(body.GroupName) ?? DEFAULT_GROUP,
    scheduleExpression: expression,
    scheduleExpressionTimezone: text(body.ScheduleExpressionTimezone) ?? 'UTC',
    state,
    ...optional('description', text(body.Description)),
    ...optional('startDate', seconds(body.StartDate)),
    ...optional('endDate', seconds(body.EndDate)),
    flexibleTimeWindow: window as FlexibleTimeWindow,
    target: target as Target,
    actionAfterCompletion: text(body.ActionAfterCompletion) ?? 'NONE',
  };
}

function describe(record: ScheduleRecord): Body {
  return {
    Arn: record.arn,
    Name: record.name,
    GroupName: record.groupName,
    ScheduleExpression: record.scheduleExpression,
    ScheduleExpressionTimezone: record.scheduleExpressionTimezone,
    State: record.state,
    ...(record.description === undefined ? {} : { Description: record.description }),
    ...(record.startDate === undefined ? {} : { StartDate: record.startDate / 1000 }),
    ...(record.endDate === undefined ? {} : { EndDate: record.endDate / 1000 }),
    FlexibleTimeWindow: record.flexibleTimeWindow,
    Target: record.target,
    ActionAfterCompletion: record.actionAfterCompletion,
    CreationDate: record.creationDate / 1000,
    LastModificationDate: record.lastModificationDate / 1000,
  };
}

function listSchedules(all: readonly ScheduleRecord[], query: URLSearchParams): Body {
  const group = query.get('ScheduleGroup');
  const prefix = query.get('NamePrefix') ?? '';
  const state = query.get('State');
  const matching = all.filter((r) => (group === null || r.groupName === group) && r.name.startsWith(prefix) && (state === null || r.state === state));
  const start = Number(query.get('NextToken') ?? '0');
  const size = Math.min(Number(query.get('MaxResults') ?? MAX_RESULTS), MAX_RESULTS);
  const page = matching.slice(start, start + size);
  return {
    Schedules: page.map((r) => ({ Arn: r.arn, Name: r.name, GroupName: r.groupName, State: r.state, CreationDate: r.creationDate / 1000, LastModificationDate: r.lastModificationDate / 1000, Target: { Arn: r.target.Arn } })),
    ...(start + size < matching.length ? { NextToken: String(start + size) } : {}),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function seconds(value: unknown): number | undefined {
  return typeof value === 'number' ? value * 1000 : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function json(value: Body): EdgeResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

import fs from 'node:fs';
import path from 'node:path';
import type { FlexibleTimeWindow, Target } from '@aws-sdk/client-scheduler';
import { parseScheduleExpression, ScheduleExpressionError, type Schedule } from '../events/scheduleExpression';
import { isKnownTimeZone } from './zonedCronTime';

const FILE = 'schedules.json';
const NAME = /^[0-9a-zA-Z-_.]{1,64}$/;

/** One schedule as the store keeps (and persists) it; dates in epoch ms. */
export interface ScheduleRecord {
  readonly name: string;
  readonly groupName: string;
  readonly arn: string;
  readonly scheduleExpression: string;
  readonly scheduleExpressionTimezone: string;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly description?: string;
  readonly startDate?: number;
  readonly endDate?: number;
  readonly flexibleTimeWindow: FlexibleTimeWindow;
  readonly target: Target;
  readonly actionAfterCompletion: string;
  readonly creationDate: number;
  readonly lastModificationDate: number;
}

/** What CreateSchedule and UpdateSchedule set. */
export type ScheduleInput = Omit<ScheduleRecord, 'arn' | 'creationDate' | 'lastModificationDate'>;

/** EventBridge Scheduler's errors, with its names and HTTP statuses. */
export class SchedulerError extends Error {
  public static readonly STATUS = { ValidationException: 400, ResourceNotFoundException: 404, ConflictException: 409 } as const;

  public constructor(
    public readonly type: keyof typeof SchedulerError.STATUS,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/** Schedules by group and name, persisted under the data directory when there is one. */
export class ScheduleStore {
  private readonly schedules = new Map<string, ScheduleRecord>();
  private readonly file: string | undefined;

  public constructor(
    private readonly region: string,
    private readonly accountId: string,
    dataDir: string | undefined,
  ) {
    this.file = dataDir === undefined ? undefined : path.join(dataDir, FILE);
    if (this.file !== undefined && fs.existsSync(this.file)) {
      for (const record of JSON.parse(fs.readFileSync(this.file, 'utf8')) as ScheduleRecord[]) this.schedules.set(key(record.groupName, record.name), record);
    }
  }

  public all(): readonly ScheduleRecord[] {
    return [...this.schedules.values()].sort((a, b) => a.arn.localeCompare(b.arn));
  }

  public get(groupName: string, name: string): ScheduleRecord {
    const record = this.schedules.get(key(groupName, name));
    if (record === undefined) throw new SchedulerError('ResourceNotFoundException', `Schedule ${name} does not exist.`);
    return record;
  }

  /** CreateSchedule: a name is unique within its group. */
  public create(input: ScheduleInput, now: number): ScheduleRecord {
    validate(input);
    if (this.schedules.has(key(input.groupName, input.name))) throw new SchedulerError('ConflictException', `Schedule ${input.name} already exists.`);
    const record: ScheduleRecord = { ...input, arn: this.arnOf(input.groupName, input.name), creationDate: now, lastModificationDate: now };
    return this.put(record);
  }

  /** UpdateSchedule replaces every field (what the call leaves out returns to its default), as AWS does. */
  public update(input: ScheduleInput, now: number): ScheduleRecord {
    validate(input);
    const existing = this.get(input.groupName, input.name);
    return this.put({ ...input, arn: existing.arn, creationDate: existing.creationDate, lastModificationDate: now });
  }

  public delete(groupName: string, name: string): ScheduleRecord {
    const record = this.get(groupName, name);
    this.schedules.delete(key(groupName, name));
    this.save();
    return record;
  }

  private put(record: ScheduleRecord): ScheduleRecord {
    this.schedules.set(key(record.groupName, record.name), record);
    this.save();
    return record;
  }

  private arnOf(groupName: string, name: string): string {
    return `arn:aws:scheduler:${this.region}:${this.accountId}:schedule/${groupName}/${name}`;
  }

  private save(): void {
    if (this.file === undefined) return;
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(this.all()), { mode: 0o600 });
    fs.renameSync(temporary, this.file);
  }
}

/** The parsed expression of a stored (hence valid) schedule. */
export function scheduleOf(record: ScheduleRecord): Schedule {
  return parseScheduleExpression(record.scheduleExpression);
}

function validate(input: ScheduleInput): void {
  if (!NAME.test(input.name)) throw new SchedulerError('ValidationException', `Invalid Name ${input.name}: 1-64 characters of [0-9a-zA-Z-_.]`);
  try {
    parseScheduleExpression(input.scheduleExpression);
  } catch (error) {
    if (error instanceof ScheduleExpressionError) throw new SchedulerError('ValidationException', `Invalid Schedule Expression ${input.scheduleExpression}.`);
    throw error;
  }
  if (!isKnownTimeZone(input.scheduleExpressionTimezone)) throw new SchedulerError('ValidationException', `Invalid ScheduleExpressionTimezone ${input.scheduleExpressionTimezone}.`);
  const mode = input.flexibleTimeWindow.Mode;
  if (mode !== 'OFF' && mode !== 'FLEXIBLE') throw new SchedulerError('ValidationException', 'FlexibleTimeWindow.Mode must be OFF or FLEXIBLE.');
  if (mode === 'FLEXIBLE' && input.flexibleTimeWindow.MaximumWindowInMinutes === undefined) throw new SchedulerError('ValidationException', 'MaximumWindowInMinutes is required when FlexibleTimeWindow.Mode is FLEXIBLE.');
  if (input.target.Arn === undefined || input.target.RoleArn === undefined) throw new SchedulerError('ValidationException', 'Target.Arn and Target.RoleArn are required.');
}

function key(groupName: string, name: string): string {
  return `${groupName}/${name}`;
}

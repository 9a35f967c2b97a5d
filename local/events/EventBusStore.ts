import fs from 'node:fs/promises';
import path from 'node:path';
import type { Target } from '@aws-sdk/client-eventbridge';

/** An event bus as the local service keeps it. */
export interface BusRecord {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  /** Epoch ms. */
  readonly createdAt: number;
}

/** A rule: an event pattern or a schedule, and its targets. */
export interface RuleRecord {
  readonly name: string;
  readonly busName: string;
  readonly arn: string;
  readonly eventPattern?: string;
  readonly scheduleExpression?: string;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly description?: string;
  readonly roleArn?: string;
  readonly targets: readonly Target[];
}

/**
 * An archive of a bus's events. The local one counts what it keeps (no replay): enough for
 * DescribeArchive to say it exists, what it matches and how long it keeps events.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-archive-event.html
 */
export interface ArchiveRecord {
  readonly name: string;
  readonly arn: string;
  /** The bus it archives. */
  readonly eventSourceArn: string;
  readonly eventPattern?: string;
  readonly description?: string;
  /** 0: kept indefinitely. */
  readonly retentionDays: number;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly eventCount: number;
  readonly sizeBytes: number;
}

interface Snapshot {
  readonly buses: readonly BusRecord[];
  readonly rules: readonly RuleRecord[];
  /** Absent in files written before archives existed. */
  readonly archives?: readonly ArchiveRecord[];
}

const FILE = 'events.json';

/** Buses, rules and targets, with the `default` bus always present; persisted as one JSON file. */
export class EventBusStore {
  private readonly buses = new Map<string, BusRecord>();
  private readonly rules = new Map<string, RuleRecord>();
  private readonly archives = new Map<string, ArchiveRecord>();

  public constructor(private readonly region: string, private readonly accountId: string, private readonly dataDir?: string) {
    this.buses.set('default', { name: 'default', arn: this.busArn('default'), createdAt: 0 });
  }

  public busArn(name: string): string {
    return `arn:aws:events:${this.region}:${this.accountId}:event-bus/${name}`;
  }

  /** Rules of the default bus have no bus segment in their ARN. */
  public ruleArn(busName: string, ruleName: string): string {
    return `arn:aws:events:${this.region}:${this.accountId}:rule/${busName === 'default' ? '' : `${busName}/`}${ruleName}`;
  }

  public archiveArn(name: string): string {
    return `arn:aws:events:${this.region}:${this.accountId}:archive/${name}`;
  }

  public getArchive(name: string): ArchiveRecord | undefined {
    return this.archives.get(name);
  }

  public listArchives(): readonly ArchiveRecord[] {
    return [...this.archives.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  public putArchive(archive: ArchiveRecord): void {
    this.archives.set(archive.name, archive);
  }

  public deleteArchive(name: string): boolean {
    return this.archives.delete(name);
  }

  public getBus(name: string): BusRecord | undefined {
    return this.buses.get(name);
  }

  public listBuses(): readonly BusRecord[] {
    return [...this.buses.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  public putBus(bus: BusRecord): void {
    this.buses.set(bus.name, bus);
  }

  /** Deletes a bus and its rules; returns the rules removed. */
  public deleteBus(name: string): readonly RuleRecord[] {
    const removed = this.listRules(name);
    for (const rule of removed) this.rules.delete(key(name, rule.name));
    this.buses.delete(name);
    return removed;
  }

  public getRule(busName: string, name: string): RuleRecord | undefined {
    return this.rules.get(key(busName, name));
  }

  public listRules(busName: string): readonly RuleRecord[] {
    return [...this.rules.values()].filter((r) => r.busName === busName).sort((a, b) => a.name.localeCompare(b.name));
  }

  public allRules(): readonly RuleRecord[] {
    return [...this.rules.values()];
  }

  public putRule(rule: RuleRecord): void {
    this.rules.set(key(rule.busName, rule.name), rule);
  }

  public deleteRule(busName: string, name: string): RuleRecord | undefined {
    const rule = this.getRule(busName, name);
    this.rules.delete(key(busName, name));
    return rule;
  }

  /** Reads the persisted state, if any. */
  public async load(): Promise<void> {
    if (this.dataDir === undefined) return;
    let text: string;
    try {
      text = await fs.readFile(path.join(this.dataDir, FILE), 'utf8');
    } catch {
      return;
    }
    const snapshot = JSON.parse(text) as Snapshot;
    for (const bus of snapshot.buses) this.buses.set(bus.name, bus);
    for (const rule of snapshot.rules) this.rules.set(key(rule.busName, rule.name), rule);
    for (const archive of snapshot.archives ?? []) this.archives.set(archive.name, archive);
  }

  /** Writes the state to the data directory (atomically), when there is one. */
  public async save(): Promise<void> {
    if (this.dataDir === undefined) return;
    const snapshot: Snapshot = { buses: this.listBuses(), rules: [...this.rules.values()], archives: this.listArchives() };
    const file = path.join(this.dataDir, FILE);
    await fs.writeFile(`${file}.tmp`, JSON.stringify(snapshot, null, 2));
    await fs.rename(`${file}.tmp`, file);
  }
}

function key(busName: string, ruleName: string): string {
  return `${busName}\u0000${ruleName}`;
}

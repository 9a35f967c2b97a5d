import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { LocalContext } from '../edge/LocalContext';
import { localClientConfig } from '../edge/localClientConfig';
import { functionArn } from './functionArns';
import type { EventSourceMappingConfig } from './EventSourceMappingConfig';
import type { InvocationResult } from './invokeFunction';
import { SqsEventSourcePoller } from './SqsEventSourcePoller';

/** Options of {@link EventSourceMappings}. */
export interface EventSourceMappingsOptions {
  readonly context: LocalContext;
  readonly invoke: (functionName: string, event: unknown) => Promise<InvocationResult>;
  readonly hasFunction: (functionName: string) => boolean;
  /** @default an SQS client for the local edge */
  readonly sqs?: SQSClient;
}

/** What {@link EventSourceMappings.create} takes (validated by the API layer). */
export interface NewEventSourceMapping {
  readonly eventSourceArn: string;
  readonly functionName: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly functionResponseTypes: readonly string[];
  readonly enabled: boolean;
}

const FILE = 'event-source-mappings.json';

/** The SQS event source mappings of the local Lambda service, each with its poller; persisted to the data dir. */
export class EventSourceMappings {
  private readonly mappings = new Map<string, { config: EventSourceMappingConfig; poller: SqsEventSourcePoller }>();
  private readonly sqs: SQSClient;
  private loaded: Promise<void> | undefined;

  public constructor(private readonly options: EventSourceMappingsOptions) {
    this.sqs = options.sqs ?? new SQSClient(localClientConfig(options.context));
  }

  /** Restores persisted mappings and starts their pollers. */
  public load(): Promise<void> {
    this.loaded ??= this.readFile();
    return this.loaded;
  }

  /** Creates a mapping and starts polling when enabled. */
  public async create(mapping: NewEventSourceMapping): Promise<EventSourceMappingConfig> {
    const { context } = this.options;
    const config: EventSourceMappingConfig = {
      uuid: randomUUID(),
      ...mapping,
      functionArn: functionArn(context.region, context.accountId, mapping.functionName),
      lastModified: context.clock.now(),
    };
    this.add(config);
    await this.save();
    return config;
  }

  public get(uuid: string): EventSourceMappingConfig | undefined {
    return this.mappings.get(uuid)?.config;
  }

  /** `LastProcessingResult` of a mapping's poller. */
  public lastProcessingResult(uuid: string): string | undefined {
    return this.mappings.get(uuid)?.poller.lastProcessingResult;
  }

  public list(filter: { readonly eventSourceArn?: string; readonly functionName?: string } = {}): readonly EventSourceMappingConfig[] {
    return [...this.mappings.values()]
      .map((m) => m.config)
      .filter((c) => (filter.eventSourceArn === undefined || c.eventSourceArn === filter.eventSourceArn) && (filter.functionName === undefined || c.functionName === filter.functionName))
      .sort((a, b) => a.lastModified - b.lastModified || a.uuid.localeCompare(b.uuid));
  }

  /** Replaces a mapping's settings and restarts its poller (stopped when disabled). */
  public async update(uuid: string, changes: Partial<Omit<NewEventSourceMapping, 'eventSourceArn'>>): Promise<EventSourceMappingConfig | undefined> {
    const entry = this.mappings.get(uuid);
    if (entry === undefined) return undefined;
    await entry.poller.stop();
    const { context } = this.options;
    const functionName = changes.functionName ?? entry.config.functionName;
    const config: EventSourceMappingConfig = {
      ...entry.config,
      ...changes,
      functionName,
      functionArn: functionArn(context.region, context.accountId, functionName),
      lastModified: context.clock.now(),
    };
    this.add(config);
    await this.save();
    return config;
  }

  /** Stops and removes a mapping. */
  public async delete(uuid: string): Promise<EventSourceMappingConfig | undefined> {
    const entry = this.mappings.get(uuid);
    if (entry === undefined) return undefined;
    this.mappings.delete(uuid);
    await entry.poller.stop();
    await this.save();
    return entry.config;
  }

  /** Stops every poller (the mappings stay persisted). */
  public async stop(): Promise<void> {
    await Promise.all([...this.mappings.values()].map((m) => m.poller.stop()));
    if (this.options.sqs === undefined) this.sqs.destroy();
  }

  private add(config: EventSourceMappingConfig): void {
    const { context } = this.options;
    const poller = new SqsEventSourcePoller({
      mapping: config,
      sqs: this.sqs,
      clock: context.clock,
      logger: context.logger.child({ eventSourceMapping: config.uuid }),
      region: context.region,
      invoke: this.options.invoke,
      hasFunction: this.options.hasFunction,
    });
    this.mappings.set(config.uuid, { config, poller });
    if (config.enabled) poller.start();
  }

  private async readFile(): Promise<void> {
    const dir = this.options.context.dataDir;
    if (dir === undefined) return;
    let text: string;
    try {
      text = await fs.readFile(path.join(dir, FILE), 'utf8');
    } catch {
      return;
    }
    try {
      const saved = JSON.parse(text) as EventSourceMappingConfig[];
      for (const config of saved) this.add(config);
    } catch (error) {
      this.options.context.logger.warn({ err: error }, 'ignoring unreadable event source mappings file');
    }
  }

  private async save(): Promise<void> {
    const dir = this.options.context.dataDir;
    if (dir === undefined) return;
    const file = path.join(dir, FILE);
    await fs.writeFile(`${file}.tmp`, JSON.stringify(this.list(), null, 2));
    await fs.rename(`${file}.tmp`, file);
  }
}

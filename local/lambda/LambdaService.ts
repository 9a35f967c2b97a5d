import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import type { LocalContext } from '../edge/LocalContext';
import type { LocalService, ServiceHealth } from '../edge/LocalService';
import { EventSourceMappings, type EventSourceMappingsOptions } from './EventSourceMappings';
import { functionArn, parseFunctionReference } from './functionArns';
import { invokeFunction, type InvocationResult } from './invokeFunction';
import type { LambdaContext, LambdaHandler } from './LambdaContext';
import { handleLambdaRequest } from './handleLambdaRequest';
import type { RegisterFunctionOptions, RegisteredFunction } from './RegisteredFunction';

/** Lambda waits about a minute, then two, between retries of a failed asynchronous invocation. */
const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];

/**
 * The local Lambda service: in-process handlers registered in code, the Invoke / ListFunctions /
 * GetFunction API, and SQS event source mappings.
 */
export class LambdaService implements LocalService {
  public readonly name = 'lambda' as const;
  public readonly eventSourceMappings: EventSourceMappings;
  private readonly functions = new Map<string, RegisteredFunction>();
  private readonly pendingEvents = new Set<Promise<void>>();
  private state: ServiceHealth['state'] = 'running';

  public constructor(public readonly context: LocalContext, mappingOptions: Partial<EventSourceMappingsOptions> = {}) {
    this.eventSourceMappings = new EventSourceMappings({
      context,
      invoke: (name, event) => this.invoke(name, event),
      hasFunction: (name) => this.functions.has(name),
      ...mappingOptions,
    });
  }

  /**
   * Registers (or replaces) the handler behind a function name. `TEvent` is the handler's own
   * event type: the payload arrives as JSON from outside, so the handler's contract must parse it.
   */
  public register<TEvent = unknown>(name: string, handler: (event: TEvent, context: LambdaContext) => Promise<unknown>, options: RegisterFunctionOptions = {}): RegisteredFunction {
    if (parseFunctionReference(name)?.name !== name) throw new Error(`invalid Lambda function name '${name}'`);
    const fn: RegisteredFunction = {
      name,
      arn: functionArn(this.context.region, this.context.accountId, name),
      handler: handler as LambdaHandler,
      timeoutSeconds: options.timeoutSeconds ?? 3,
      memoryMb: options.memoryMb ?? 128,
      environment: { ...(options.environment ?? {}) },
      description: options.description ?? '',
      maximumRetryAttempts: Math.min(2, Math.max(0, Math.floor(options.maximumRetryAttempts ?? 2))),
      lastModified: this.context.clock.now(),
    };
    this.functions.set(name, fn);
    return fn;
  }

  /** Removes a function; true when it existed. */
  public unregister(name: string): boolean {
    return this.functions.delete(name);
  }

  /** The function behind a name or ARN, if registered. */
  public getFunction(nameOrArn: string): RegisteredFunction | undefined {
    const reference = parseFunctionReference(nameOrArn);
    return reference !== undefined ? this.functions.get(reference.name) : undefined;
  }

  public listFunctions(): readonly RegisteredFunction[] {
    return [...this.functions.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Invokes a function synchronously in-process (as RequestResponse); rejects when it is not registered. */
  public async invoke(nameOrArn: string, event: unknown): Promise<InvocationResult> {
    const fn = this.getFunction(nameOrArn);
    if (fn === undefined) throw new Error(`Function not found: ${nameOrArn}`);
    return invokeFunction(fn, event, this.context.clock);
  }

  /**
   * Runs an `Event` invocation in the background; a function error is retried after 1 and then
   * 2 minutes (AWS time) up to the function's `maximumRetryAttempts`, then logged.
   * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
   */
  public invokeAsync(fn: RegisteredFunction, event: unknown, invokedArn: string): void {
    const run = this.runAsync(fn, event, invokedArn).catch((error: unknown) => {
      this.context.logger.error({ err: error, functionName: fn.name }, 'asynchronous invocation crashed');
    });
    this.pendingEvents.add(run);
    // `run` cannot reject (caught above); this only forgets it once it settles.
    void run.finally(() => this.pendingEvents.delete(run));
  }

  private async runAsync(fn: RegisteredFunction, event: unknown, invokedArn: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const result = await invokeFunction(fn, event, this.context.clock, invokedArn);
      if (result.functionError === undefined) return;
      const willRetry = attempt < fn.maximumRetryAttempts && this.state === 'running';
      this.context.logger.warn({ functionName: fn.name, requestId: result.requestId, attempt, willRetry, error: result.payload }, 'asynchronous invocation failed');
      if (!willRetry) return;
      await this.context.clock.sleep(ASYNC_RETRY_DELAYS_MS[attempt] ?? 120_000);
      if (this.state !== 'running') return;
    }
  }

  /** Resolves once every asynchronous invocation started so far has finished (for tests and shutdown). */
  public async whenIdle(): Promise<void> {
    while (this.pendingEvents.size > 0) await Promise.allSettled([...this.pendingEvents]);
  }

  public handle(request: EdgeRequest): Promise<EdgeResponse> {
    return handleLambdaRequest(this, request);
  }

  public health(): ServiceHealth {
    return { state: this.state, detail: `${this.functions.size} functions, ${this.eventSourceMappings.list().length} event source mappings` };
  }

  public async stop(): Promise<void> {
    await this.eventSourceMappings.stop();
    this.state = 'stopped';
  }
}

/** Narrows a service of the local cloud (`cloud.services.get('lambda')`) to the Lambda service. */
export function isLambdaService(service: LocalService | undefined): service is LambdaService {
  // Structural as well as nominal: a second copy of this module (jest's registry) makes its own class.
  return service instanceof LambdaService || (service?.name === 'lambda' && typeof (service as Partial<LambdaService>).register === 'function');
}

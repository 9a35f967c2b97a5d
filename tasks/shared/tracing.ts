import type * as TracerModule from '@aws-lambda-powertools/tracer';
import type { Tracer } from '@aws-lambda-powertools/tracer';

/** What a trace of one invocation is searchable by in X-Ray (`annotation.invoiceId = "…"`). */
export interface TraceKeys {
  readonly invoiceId?: string;
  readonly companyCnpj?: string;
  readonly executionArn?: string;
}

/**
 * Whether this process traces: only inside Lambda (`AWS_EXECUTION_ENV`, which the runtime sets
 * and the local cloud does not), unless `POWERTOOLS_TRACE_ENABLED` is `false`. Powertools makes
 * the same decision itself, but only once loaded, and loading it is the cost: aws-xray-sdk-core
 * creates a cls-hooked namespace at require time, which turns async hooks on for the whole
 * process (an await loop ran 10-25 times slower with it loaded, and the require takes ~1 s on our
 * 2-core machines). The local cloud runs these handlers in its own processes, so outside Lambda
 * the tracer is never even required.
 */
export function tracingWanted(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return (env.AWS_EXECUTION_ENV ?? '') !== '' && env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false' && (env.AWS_SAM_LOCAL ?? '') === '';
}

let loaded: Tracer | null | undefined;

/** The process's Powertools Tracer, or `undefined` where it does not trace (see {@link tracingWanted}). */
export function handlerTracer(): Tracer | undefined {
  if (loaded === undefined) {
    if (tracingWanted()) {
      // A require, not an import: a static import would load aws-xray-sdk-core in every process.
      const { Tracer: PowertoolsTracer } = require('@aws-lambda-powertools/tracer') as typeof TracerModule;
      loaded = new PowertoolsTracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'nfse-flow' });
    } else {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}

/** An AWS SDK v3 client whose calls are subsegments of the invocation's trace (the client itself where nothing traces). */
export function tracedClient<T>(client: T): T {
  const tracer = handlerTracer();
  return tracer === undefined ? client : tracer.captureAWSv3Client(client);
}

/** Annotates the invocation's subsegment with the invoice it is about (a no-op where nothing traces). */
export function annotateTrace(keys: TraceKeys): void {
  const tracer = handlerTracer();
  if (tracer === undefined) return;
  for (const [key, value] of Object.entries(keys)) if (typeof value === 'string' && value !== '') tracer.putAnnotation(key, value);
}

/**
 * Wraps a Lambda handler in a `## {name}` subsegment of the invocation's segment, with the
 * ColdStart and Service annotations and its error, as Powertools' `captureLambdaHandler` does;
 * the function itself where nothing traces.
 * https://docs.powertools.aws.dev/lambda/typescript/latest/features/tracer/
 */
export function tracedHandler<A extends unknown[], R>(name: string, handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    const tracer = handlerTracer();
    if (tracer === undefined) return handler(...args);
    const segment = tracer.getSegment();
    const subsegment = segment?.addNewSubsegment(`## ${name}`);
    if (subsegment !== undefined) tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      return await handler(...args);
    } catch (error) {
      tracer.addErrorAsMetadata(error instanceof Error ? error : new Error(String(error)));
      throw error;
    } finally {
      subsegment?.close();
      if (segment !== undefined) tracer.setSegment(segment);
    }
  };
}

import type { Logger } from 'pino';

/** What one message's trace is searchable by in X-Ray (`annotation.invoiceId = "…"`). */
export interface MessageTraceKeys {
  readonly invoiceId?: string;
  readonly companyCnpj?: string;
  readonly municipalityCode?: string;
}

/** What an AWS SDK v3 client is to the X-Ray SDK's instrumentation: a middleware stack and a config. */
export interface AwsSdkClient {
  readonly middlewareStack: { readonly use: unknown; readonly remove: unknown };
  readonly config: unknown;
}

/** Traces the adapter's work on a message: a segment continuing the workflow's trace, the city call as a subsegment, the SDK calls inside. */
export interface MessageTracer {
  /**
   * Runs `work` as the message's segment, continuing the trace whose header Step Functions put on
   * the message (SQS's `AWSTraceHeader` system attribute): the sampling decision is the header's.
   */
  inMessage<T>(traceHeader: string | undefined, keys: MessageTraceKeys, work: () => Promise<T>): Promise<T>;
  /** Runs `work`, the call to a city's web service, as a remote subsegment of the message's segment. */
  cityCall<T>(municipalityCode: string, work: () => Promise<T>): Promise<T>;
  /** An AWS SDK v3 client whose calls become subsegments of the message's segment they run in. */
  captureClient<C extends AwsSdkClient>(client: C): C;
}

/** Tracing off: every method runs the work as it is. The default, and what the local cloud's adapters use. */
export const NO_TRACING: MessageTracer = {
  inMessage: (_traceHeader, _keys, work) => work(),
  cityCall: (_municipalityCode, work) => work(),
  captureClient: (client) => client,
};

/**
 * The tracer the environment asks for: X-Ray when `AWS_XRAY_DAEMON_ADDRESS` names a daemon (the
 * task definition's sidecar), {@link NO_TRACING} otherwise. The X-Ray SDK is imported only then:
 * loading it creates a cls-hooked namespace that turns async hooks on for the whole process (an
 * await loop ran 10-25 times slower with it loaded), a price the local cloud's adapters never pay.
 */
export async function messageTracerFromEnv(env: Readonly<Record<string, string | undefined>>, logger: Logger): Promise<MessageTracer> {
  const daemonAddress = env.AWS_XRAY_DAEMON_ADDRESS ?? '';
  if (daemonAddress === '') return NO_TRACING;
  const { XRayMessageTracer } = await import('./XRayMessageTracer');
  return new XRayMessageTracer({ daemonAddress, logger, serviceName: env.ADAPTER_SERVICE_NAME ?? 'nfse-adapter' });
}

import AWSXRay from 'aws-xray-sdk-core';
import type { Logger } from 'pino';
import type { AwsSdkClient, MessageTraceKeys, MessageTracer } from './MessageTracer';

/** Options of {@link XRayMessageTracer}. */
export interface XRayMessageTracerOptions {
  /** `host:port` of the X-Ray daemon (UDP): the task's sidecar, `127.0.0.1:2000`. */
  readonly daemonAddress: string;
  /** The SDK's own complaints (a segment it could not send) go here, at warn and error. */
  readonly logger: Logger;
  /** The segments' name: the node the service map draws. @default 'nfse-adapter' */
  readonly serviceName?: string;
}

/**
 * {@link MessageTracer} over the X-Ray SDK (the SDK Powertools Tracer wraps in Lambda), sending
 * segments to the daemon sidecar. A message's trace continues the one Step Functions put on it,
 * so one invoice's trace runs API → Step Functions → adapter → city → back. SQS does not carry
 * the trace to a consumer that is not a Lambda: the header is read from the message.
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-services-sqs.html
 */
export class XRayMessageTracer implements MessageTracer {
  private readonly serviceName: string;

  public constructor(options: XRayMessageTracerOptions) {
    this.serviceName = options.serviceName ?? 'nfse-adapter';
    AWSXRay.setDaemonAddress(options.daemonAddress);
    const log = options.logger.child({ component: 'xray' });
    AWSXRay.setLogger({ debug: () => undefined, info: () => undefined, warn: (message: string) => log.warn(message), error: (message: string) => log.error(message) });
    // SDK calls outside any message (the long poll, batched deletes) have no segment to join.
    AWSXRay.setContextMissingStrategy('IGNORE_ERROR');
    AWSXRay.enableAutomaticMode();
  }

  public inMessage<T>(traceHeader: string | undefined, keys: MessageTraceKeys, work: () => Promise<T>): Promise<T> {
    const trace: Readonly<Record<string, string | undefined>> = traceHeader !== undefined ? AWSXRay.utils.processTraceData(traceHeader) : {};
    const segment = new AWSXRay.Segment(this.serviceName, trace.root ?? null, trace.parent ?? null);
    // Sampling was decided where the trace began (API Gateway); a message without a sampled trace is not recorded.
    if (trace.sampled !== '1') segment.notTraced = true;
    for (const [key, value] of Object.entries(keys)) if (typeof value === 'string' && value !== '') segment.addAnnotation(key, value);
    return AWSXRay.getNamespace().runPromise(async () => {
      AWSXRay.setSegment(segment);
      try {
        return await work();
      } catch (error) {
        segment.addError(error instanceof Error ? error : String(error));
        throw error;
      } finally {
        segment.close();
      }
    });
  }

  public cityCall<T>(municipalityCode: string, work: () => Promise<T>): Promise<T> {
    return AWSXRay.captureAsyncFunc(`city ${municipalityCode}`, async (subsegment) => {
      if (subsegment !== undefined) {
        subsegment.namespace = 'remote';
        subsegment.addAnnotation('municipalityCode', municipalityCode);
      }
      try {
        const result = await work();
        subsegment?.close();
        return result;
      } catch (error) {
        subsegment?.close(error instanceof Error ? error : String(error), true);
        throw error;
      }
    });
  }

  public captureClient<C extends AwsSdkClient>(client: C): C {
    return AWSXRay.captureAWSv3Client(client);
  }
}

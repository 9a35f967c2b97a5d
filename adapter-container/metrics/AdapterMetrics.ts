import type { Logger } from 'pino';
import { METRIC_DIMENSIONS, METRIC_NAMES, METRIC_SERVICES } from '../../contracts/metrics';
import { MetricsEmitter, MetricUnit, type EmfSink } from '../../lib/metrics/MetricsEmitter';
import { AmbiguousProviderError, ProviderError, RejectedProviderError, TransientProviderError } from '../providers/errors';

/** Options of {@link AdapterMetrics.create}. */
export interface AdapterMetricsOptions {
  /** Powertools' warnings, and the documents when metrics are disabled (at debug). */
  readonly logger: Logger;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default stdout (the awslogs driver ships it to CloudWatch Logs, which extracts the metrics) */
  readonly sink?: EmfSink;
  /** @default Powertools' reading of `POWERTOOLS_METRICS_DISABLED` */
  readonly disabled?: boolean;
}

/**
 * The adapter's metrics, per municipality (`contracts/metrics.ts`): each city call (latency and
 * outcome), each message's wait in RequestsQueue, and the city's backlog in this task. EMF on
 * stdout, which the Fargate task's awslogs driver sends to CloudWatch Logs like any log line:
 * Powertools Metrics needs no Lambda runtime for that.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Generation_CloudWatch_Agent.html
 */
export class AdapterMetrics {
  private constructor(private readonly emitter: MetricsEmitter) {}

  /** Metrics on stdout in AWS; at debug on `logger` when disabled (the local cloud sets `POWERTOOLS_METRICS_DISABLED`). */
  public static create(options: AdapterMetricsOptions): AdapterMetrics {
    const { logger } = options;
    return new AdapterMetrics(
      new MetricsEmitter({
        service: METRIC_SERVICES.adapter,
        warn: (message) => logger.warn({ problem: message }, 'metric not emitted as asked'),
        whenDisabled: (document) => logger.debug({ emf: document }, 'metrics'),
        ...(options.now !== undefined ? { now: options.now } : {}),
        ...(options.sink !== undefined ? { sink: options.sink } : {}),
        ...(options.disabled !== undefined ? { disabled: options.disabled } : {}),
      }),
    );
  }

  /**
   * One call to `city` that took `durationMs` and ended with `error` (none: answered). Errors
   * and rejections are emitted as 0 too, so their Sum over CityCalls' Sum is a rate. Errors that
   * are not the city's (anything but a ProviderError) are not counted, as in the health figures.
   */
  public cityCall(city: string, durationMs: number, error?: unknown): void {
    if (error !== undefined && !(error instanceof ProviderError)) return;
    const unanswered = error instanceof TransientProviderError || error instanceof AmbiguousProviderError;
    this.emitter.emit({ [METRIC_DIMENSIONS.municipality]: city }, [
      { name: METRIC_NAMES.cityCalls, unit: MetricUnit.Count, value: 1 },
      { name: METRIC_NAMES.cityCallErrors, unit: MetricUnit.Count, value: unanswered ? 1 : 0 },
      { name: METRIC_NAMES.cityCallRejections, unit: MetricUnit.Count, value: error instanceof RejectedProviderError ? 1 : 0 },
      { name: METRIC_NAMES.cityCallLatency, unit: MetricUnit.Milliseconds, value: durationMs },
    ]);
  }

  /** How long a message for `city` sat in RequestsQueue before its first receive. */
  public queueWait(city: string, waitMs: number): void {
    this.emitter.emit({ [METRIC_DIMENSIONS.municipality]: city }, [{ name: METRIC_NAMES.queueWait, unit: MetricUnit.Milliseconds, value: Math.max(0, waitMs) }]);
  }

  /** This task's backlog for `city`: messages waiting for its slot, and the oldest one's age. */
  public backlog(city: string, waiting: number, oldestAgeMs: number): void {
    this.emitter.emit({ [METRIC_DIMENSIONS.municipality]: city }, [
      { name: METRIC_NAMES.cityBacklog, unit: MetricUnit.Count, value: waiting },
      { name: METRIC_NAMES.cityBacklogAge, unit: MetricUnit.Seconds, value: Math.max(0, Math.round(oldestAgeMs / 1000)) },
    ]);
  }
}

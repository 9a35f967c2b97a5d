import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, type MetricName, type MetricService } from '../../contracts/metrics';

/** The units our metrics use (CloudWatch's names). */
export type MetricUnitName = typeof MetricUnit.Count | typeof MetricUnit.Milliseconds | typeof MetricUnit.Seconds;

/** One value of one metric. */
export interface MetricValue {
  readonly name: MetricName;
  readonly unit: MetricUnitName;
  readonly value: number;
}

/** An EMF document, as Powertools serialises it. */
export type EmfDocument = ReturnType<Metrics['serializeMetrics']>;

/** Where the documents go: a line of stdout in AWS (the Lambda runtime and the awslogs driver ship it), a debug log locally. */
export type EmfSink = (document: EmfDocument) => void;

/** Options of {@link MetricsEmitter}. */
export interface MetricsEmitterOptions {
  /** The `service` dimension Powertools adds to every metric. */
  readonly service: MetricService;
  /** Where documents go. @default {@link stdoutSink} */
  readonly sink?: EmfSink;
  /**
   * Whether documents go to `whenDisabled` instead of `sink`.
   * @default Powertools' reading of `POWERTOOLS_METRICS_DISABLED` (then `POWERTOOLS_DEV`)
   */
  readonly disabled?: boolean;
  /** Where documents go when disabled (the local cloud: the process's logger at debug). @default dropped */
  readonly whenDisabled?: EmfSink;
  /** The documents' timestamp (epoch ms). @default Date.now */
  readonly now?: () => number;
  /** Powertools' own warnings (a bad dimension, a timestamp out of range). @default console.warn */
  readonly warn?: (message: string) => void;
}

/** One EMF document per line on stdout, as CloudWatch Logs extracts them. */
export function stdoutSink(document: EmfDocument): void {
  process.stdout.write(`${JSON.stringify(document)}\n`);
}

/** Powertools' Metrics with its disabled flag readable (it is `protected` there). */
class ReadableMetrics extends Metrics {
  public get off(): boolean {
    return this.isDisabled();
  }
}

/**
 * Metrics through Powertools Metrics: it validates names, units and dimensions and serialises
 * the EMF document; this class decides where the document goes, so a long-running process (the
 * Fargate adapter) publishes each point when it happens instead of at the end of an invocation,
 * and `POWERTOOLS_METRICS_DISABLED` (the local cloud sets it) can route documents to a debug log
 * instead of dropping them. Synchronous: one document is built and written before the next starts.
 * https://docs.powertools.aws.dev/lambda/typescript/latest/features/metrics/
 */
export class MetricsEmitter {
  private readonly metrics: ReadableMetrics;
  private readonly sink: EmfSink;
  private readonly now: () => number;

  public constructor(options: MetricsEmitterOptions) {
    const warn = options.warn ?? ((message: string): void => console.warn(message));
    const quiet = (): void => undefined;
    this.metrics = new ReadableMetrics({ namespace: METRICS_NAMESPACE, serviceName: options.service, logger: { trace: quiet, debug: quiet, info: quiet, warn, error: warn } });
    const disabled = options.disabled ?? this.metrics.off;
    this.sink = disabled ? (options.whenDisabled ?? ((): void => undefined)) : (options.sink ?? stdoutSink);
    this.now = options.now ?? Date.now;
  }

  /**
   * Emits one EMF document with `values` under `dimensions`, or under each of several dimension
   * sets (each value then counts once per set); `properties` ride along in the document
   * (searchable in Logs Insights) without becoming dimensions.
   */
  public emit(dimensions: Readonly<Record<string, string>> | readonly Readonly<Record<string, string>>[], values: readonly MetricValue[], properties: Readonly<Record<string, string>> = {}): void {
    if (values.length === 0) return;
    try {
      for (const set of isDimensionSetList(dimensions) ? dimensions : [dimensions]) this.metrics.addDimensions({ ...set });
      for (const { name, unit, value } of values) this.metrics.addMetric(name, unit, value);
      for (const [key, value] of Object.entries(properties)) this.metrics.addMetadata(key, value);
      this.metrics.setTimestamp(this.now());
      this.sink(this.metrics.serializeMetrics());
    } finally {
      this.metrics.clearMetrics();
      this.metrics.clearDimensions();
      this.metrics.clearMetadata();
    }
  }
}

function isDimensionSetList(dimensions: Readonly<Record<string, string>> | readonly Readonly<Record<string, string>>[]): dimensions is readonly Readonly<Record<string, string>>[] {
  return Array.isArray(dimensions);
}

export { MetricUnit };

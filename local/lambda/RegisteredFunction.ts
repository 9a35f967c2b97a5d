import type { LambdaHandler } from './LambdaContext';

/** Options of `LambdaService.register`. */
export interface RegisterFunctionOptions {
  /** Invocation timeout in seconds, as the function's `Timeout` setting. @default 3 */
  readonly timeoutSeconds?: number;
  /** @default 128 */
  readonly memoryMb?: number;
  /** Reported by GetFunction; the local cloud sets the real variables itself (handlers share one process). @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default '' */
  readonly description?: string;
  /**
   * Retries of a failed `Event` invocation (0–2), as `MaximumRetryAttempts` of the function's event invoke config.
   * @default 2
   */
  readonly maximumRetryAttempts?: number;
}

/** A function known to the local Lambda service: an in-process handler and its settings. */
export interface RegisteredFunction {
  readonly name: string;
  readonly arn: string;
  readonly handler: LambdaHandler;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly description: string;
  readonly maximumRetryAttempts: number;
  /** When it was registered (epoch ms). */
  readonly lastModified: number;
}

/** Lambda's `LastModified` format: `2026-11-23T14:15:57.000+0000`. */
export function lambdaTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

/**
 * The function's `FunctionConfiguration` as ListFunctions and GetFunction return it.
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html
 */
export function functionConfiguration(fn: RegisteredFunction, accountId: string): Record<string, unknown> {
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: 'nodejs20.x',
    Role: `arn:aws:iam::${accountId}:role/${fn.name}-role`,
    Handler: 'index.handler',
    CodeSize: 0,
    Description: fn.description,
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memoryMb,
    LastModified: lambdaTimestamp(fn.lastModified),
    CodeSha256: '',
    Version: '$LATEST',
    Environment: { Variables: { ...fn.environment } },
    TracingConfig: { Mode: 'PassThrough' },
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
  };
}

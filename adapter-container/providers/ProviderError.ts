import { PROVIDER_ERRORS, type ProviderErrorName } from '../../contracts/providerErrors';
import type { ProviderFailureCause } from '../../contracts/providerResult';

/**
 * A provider call that failed in a way the workflow must see: the worker answers its task with
 * `SendTaskFailure(error = errorName, cause = JSON {code, message})`. Thrown by `Provider`s.
 */
export class ProviderError extends Error {
  public override readonly name = 'ProviderError';

  public constructor(
    /** The taxonomy name the state machine matches in Retry/Catch (`Provider.Transient`...). */
    public readonly errorName: ProviderErrorName,
    /** The city's code and message (or the adapter's, when the city never answered). */
    public readonly detail: ProviderFailureCause,
    options?: { readonly cause?: unknown },
  ) {
    super(`${errorName}: ${detail.code} ${detail.message}`, options);
  }
}

/** A provider failure as the worker answers it: the taxonomy name and the city's code and message. */
export interface ProviderFailure {
  readonly errorName: ProviderErrorName;
  readonly detail: ProviderFailureCause;
}

/**
 * The failure a thrown error stands for, or `undefined` for an unexpected error (a crash). Accepts
 * a {@link ProviderError}, and any error with a taxonomy `errorName` and either `detail {code,
 * message}` or its own string `code` (the shape of `providers/abrasf-2.04/errors.ts`), so provider
 * modules need not share one class.
 */
export function providerFailureOf(error: unknown): ProviderFailure | undefined {
  if (error instanceof ProviderError) return { errorName: error.errorName, detail: error.detail };
  if (!(error instanceof Error)) return undefined;
  const candidate = error as Error & { errorName?: unknown; code?: unknown; detail?: { code?: unknown; message?: unknown } };
  const errorName = candidate.errorName;
  if (typeof errorName !== 'string' || !isProviderErrorName(errorName)) return undefined;
  if (typeof candidate.detail?.code === 'string' && typeof candidate.detail.message === 'string') {
    return { errorName, detail: { code: candidate.detail.code, message: candidate.detail.message } };
  }
  if (typeof candidate.code === 'string' && candidate.code !== '') return { errorName, detail: { code: candidate.code, message: candidate.message } };
  return undefined;
}

function isProviderErrorName(name: string): name is ProviderErrorName {
  return (Object.values(PROVIDER_ERRORS) as string[]).includes(name);
}

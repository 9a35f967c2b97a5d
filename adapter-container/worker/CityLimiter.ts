import type { Clock } from '../../lib/clock/Clock';
import { Semaphore } from '../../lib/concurrency/Semaphore';
import type { MunicipalityConfig } from '../municipalities/registry';
import { TokenBucket } from './TokenBucket';

interface CityLimits {
  readonly semaphore: Semaphore;
  readonly bucket: TokenBucket | undefined;
}

/**
 * Per-municipality limits of this adapter process: a semaphore per IBGE code (the registry's
 * concurrency, already divided by the adapter count) and an optional token bucket.
 */
export class CityLimiter {
  private readonly cities = new Map<string, CityLimits>();

  public constructor(private readonly clock: Clock) {}

  /**
   * Waits for a slot of the city and then a rate token; resolves with the release function.
   * Rejects, holding nothing, when `signal` aborts while waiting for the slot.
   */
  public async acquire(municipality: MunicipalityConfig, signal?: AbortSignal): Promise<() => void> {
    const limits = this.limitsOf(municipality);
    const release = await limits.semaphore.acquire(signal);
    try {
      await limits.bucket?.take();
      return release;
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Calls to the city running right now in this process. */
  public inUse(code: string): number {
    return this.cities.get(code)?.semaphore.inUse ?? 0;
  }

  private limitsOf(municipality: MunicipalityConfig): CityLimits {
    let limits = this.cities.get(municipality.code);
    if (limits === undefined) {
      limits = {
        semaphore: new Semaphore(municipality.concurrency),
        bucket: municipality.ratePerSecond !== undefined ? new TokenBucket(this.clock, municipality.ratePerSecond) : undefined,
      };
      this.cities.set(municipality.code, limits);
    }
    return limits;
  }
}

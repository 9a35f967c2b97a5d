import type { ProviderMockKnobsPatch } from '../../local/provider-mock/mockKnobs';
import type { NacionalMockKnobsPatch } from '../../local/provider-mock/nacional';

/** The knobs of a chaos run (env BENCH_CHAOS_*). */
export const CHAOS_SETTINGS = {
  invoices: Number(process.env.BENCH_CHAOS_INVOICES ?? 500),
  /**
   * The cities the invoices go to, in turn (IBGE codes of the built-in registry). Two, so one
   * company's RPS 1, 2, 3... exist in both cities: a mix-up between them is a broken promise.
   */
  cities: (process.env.BENCH_CHAOS_CITIES ?? '3550308,3304557').split(',').map((code) => code.trim()).filter((code) => code !== ''),
  /**
   * Cities on the national system (Sefin Nacional mock), of a second company established there.
   * Every other invoice goes to one of them, so half the run is national; empty: ABRASF only.
   */
  nacionalCities: (process.env.BENCH_CHAOS_NACIONAL_CITIES ?? '4314902').split(',').map((code) => code.trim()).filter((code) => code !== ''),
  /** Concurrent POST /invoices clients. */
  clients: Number(process.env.BENCH_CHAOS_CLIENTS ?? 10),
  /** Adapter tasks (ECS child processes). */
  adapters: Number(process.env.BENCH_CHAOS_ADAPTERS ?? 2),
  kills: Number(process.env.BENCH_CHAOS_KILLS ?? 2),
  /**
   * Every timer of the cloud and the adapters ×0.1: the 30 s city timeout takes 3 s, a missed
   * heartbeat 6 s, the retry backoff 0.5 s → 8 s, a killed adapter's message returns after 6 s.
   */
  timeScale: Number(process.env.BENCH_CHAOS_TIME_SCALE ?? 0.1),
  /** Marginal share of GerarNfse calls failing each way (the mock draws them in this order). */
  failures: { transient: 0.2, rejection: 0.05, acceptThenTimeout: 0.05 },
  /** The city's answer time (AWS ms; ×timeScale), so calls are in flight when an adapter dies. */
  cityLatencyMs: Number(process.env.BENCH_CHAOS_CITY_LATENCY_MS ?? 500),
  /** Give up waiting for final states after this (real seconds). */
  timeoutSeconds: Number(process.env.BENCH_CHAOS_TIMEOUT_SECONDS ?? 300),
} as const;

/** The national mock's error rates for the same marginal shares (it draws transient, rejection, accept-then-timeout). */
export function chaosNacionalKnobs(failures: typeof CHAOS_SETTINGS.failures, latencyMs: number): NacionalMockKnobsPatch {
  const rejection = failures.rejection / (1 - failures.transient);
  const acceptThenTimeout = failures.acceptThenTimeout / ((1 - failures.transient) * (1 - rejection));
  // Only POST /nfse fails: HEAD/GET /dps is how a retry learns whether the DPS was already issued.
  return { latencyMs, errorOperations: ['emit'], errorRates: { transient5xx: failures.transient, rejection, acceptThenTimeout } };
}

/**
 * The mock's error rates for the wanted marginal shares. The mock draws transient, then
 * (soapFault, off), rejection, then accept-then-timeout, each only when the previous did not
 * fire, so each later rate is conditioned on the earlier ones not firing.
 */
export function chaosKnobs(failures: typeof CHAOS_SETTINGS.failures, latencyMs: number): ProviderMockKnobsPatch {
  const rejection = failures.rejection / (1 - failures.transient);
  const acceptThenTimeout = failures.acceptThenTimeout / ((1 - failures.transient) * (1 - rejection));
  return {
    latencyMs,
    // Only the issuing call fails: a consultation is how a retry learns whether the city already issued.
    errorOperations: ['GerarNfse'],
    errorRates: { transient5xx: failures.transient, soapFault: 0, rejection, acceptThenTimeout },
  };
}

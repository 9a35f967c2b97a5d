import { ENV } from '../contracts/wiring';
import { DEFAULT_CERTIFICATE_CACHE_SECONDS } from './certificates/CompanyCertificates';
import { DEFAULT_COMPANY_CACHE_SECONDS } from '../lib/companies/CompanyReader';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from './providers/abrasf-2.04/AbrasfSoapTransport';
import { WORKER_DEFAULTS } from './worker/AdapterWorker';
import { HEALTH_DEFAULTS } from './worker/HealthServer';

/** The adapter's own environment variables (beyond the shared wiring names in `contracts/wiring.ts`). */
export const ADAPTER_ENV = {
  HealthPort: 'ADAPTER_HEALTH_PORT',
  HealthHost: 'ADAPTER_HEALTH_HOST',
  MaxInFlight: 'ADAPTER_MAX_IN_FLIGHT',
  MaxWaiting: 'ADAPTER_MAX_WAITING',
  HeartbeatSeconds: 'ADAPTER_HEARTBEAT_SECONDS',
  VisibilityTimeoutSeconds: 'ADAPTER_VISIBILITY_TIMEOUT_SECONDS',
  ShutdownGraceSeconds: 'ADAPTER_SHUTDOWN_GRACE_SECONDS',
  ProviderTimeoutSeconds: 'PROVIDER_TIMEOUT_SECONDS',
  ProviderMaxResponseBytes: 'PROVIDER_MAX_RESPONSE_BYTES',
  CertificateCacheSeconds: 'CERTIFICATE_CACHE_SECONDS',
  CompanyCacheSeconds: 'COMPANY_CACHE_SECONDS',
  TimeScale: 'ADAPTER_TIME_SCALE',
  MunicipalitiesFile: 'MUNICIPALITIES_FILE',
  ProviderEndpoint: 'PROVIDER_ENDPOINT',
  LogLevel: 'LOG_LEVEL',
} as const;

/** Everything `main.ts` reads from the environment, defaults applied. */
export interface AdapterConfig {
  readonly queueUrl: string;
  readonly bucket: string;
  /** `CITY_LIMITS_TABLE`: the cities' limits, shared with every other adapter task. */
  readonly cityLimitsTable: string;
  /** `COMPANIES_TABLE`: the prestador of our DANFSe-like PDF for ABRASF cities. @default '': ABRASF invoices get no PDF */
  readonly companiesTable: string;
  /** `CERTIFICATE_SECRET_PREFIX`: the companies' A1 certificates are `{prefix}/companies/{cnpj}/certificate`. */
  readonly certificateSecretPrefix: string;
  /** How long a certificate's secret is kept before it is read again (a replaced one is used within it). @default 300 */
  readonly certificateCacheSeconds: number;
  /** How long a company's record (the PDF's prestador) is kept before it is read again. @default 5 */
  readonly companyCacheSeconds: number;
  /** @default 8080; 0 picks a free port */
  readonly healthPort: number;
  /** The health endpoint's address: loopback, where the container's own health checks reach it. @default '127.0.0.1' */
  readonly healthHost: string;
  /** @default 10 */
  readonly maxInFlight: number;
  /** Messages held beyond the places, queued for their city (see `AdapterWorkerOptions.maxWaiting`). @default 50 */
  readonly maxWaiting: number;
  /** @default 20_000 */
  readonly heartbeatIntervalMs: number;
  /** @default 60 */
  readonly visibilityTimeoutSeconds: number;
  /** @default 30_000 */
  readonly shutdownGraceMs: number;
  /** One city call's HTTP timeout, before the time scale (it is scaled like every timer). @default 30_000 */
  readonly providerTimeoutMs: number;
  /** The most bytes a city's answer may have; past it the connection is dropped (Provider.Transient). @default 5 MiB */
  readonly providerMaxResponseBytes: number;
  /** Multiplies the worker's timers; a local cloud sets its own timeScale here. @default 1 */
  readonly timeScale: number;
  /** @default 'info' */
  readonly logLevel: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the adapter's configuration; throws naming every missing or malformed variable. */
export function adapterConfigFromEnv(env: Env = process.env): AdapterConfig {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') problems.push(`${name} is not set`);
    return value ?? '';
  };
  const number = (name: string, fallback: number, valid: (n: number) => boolean, what: string): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || !valid(value)) {
      problems.push(`${name} must be ${what}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const positive = (n: number): boolean => n > 0;
  const config: AdapterConfig = {
    queueUrl: required(ENV.RequestsQueueUrl),
    bucket: required(ENV.DocsBucket),
    cityLimitsTable: required(ENV.CityLimitsTable),
    companiesTable: env[ENV.CompaniesTable] ?? '',
    certificateSecretPrefix: required(ENV.CertificateSecretPrefix),
    certificateCacheSeconds: number(ADAPTER_ENV.CertificateCacheSeconds, DEFAULT_CERTIFICATE_CACHE_SECONDS, (n) => n >= 0, 'a number of seconds (0: read on every call)'),
    companyCacheSeconds: number(ADAPTER_ENV.CompanyCacheSeconds, DEFAULT_COMPANY_CACHE_SECONDS, (n) => n >= 0, 'a number of seconds (0: read on every call)'),
    healthPort: number(ADAPTER_ENV.HealthPort, HEALTH_DEFAULTS.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65_535, 'a port number (0 for any free port)'),
    healthHost: env[ADAPTER_ENV.HealthHost] || HEALTH_DEFAULTS.host,
    maxInFlight: number(ADAPTER_ENV.MaxInFlight, WORKER_DEFAULTS.maxInFlight, (n) => Number.isInteger(n) && n > 0, 'a positive integer'),
    maxWaiting: number(ADAPTER_ENV.MaxWaiting, WORKER_DEFAULTS.maxWaiting, (n) => Number.isInteger(n) && n >= 0, 'zero or a positive integer'),
    heartbeatIntervalMs: number(ADAPTER_ENV.HeartbeatSeconds, WORKER_DEFAULTS.heartbeatIntervalMs / 1000, positive, 'a positive number of seconds') * 1000,
    visibilityTimeoutSeconds: number(ADAPTER_ENV.VisibilityTimeoutSeconds, WORKER_DEFAULTS.visibilityTimeoutSeconds, (n) => Number.isInteger(n) && n > 0 && n <= 43_200, 'an integer from 1 to 43200'),
    shutdownGraceMs: number(ADAPTER_ENV.ShutdownGraceSeconds, WORKER_DEFAULTS.shutdownGraceMs / 1000, (n) => n >= 0, 'a number of seconds') * 1000,
    providerTimeoutMs: number(ADAPTER_ENV.ProviderTimeoutSeconds, DEFAULT_TIMEOUT_MS / 1000, positive, 'a positive number of seconds') * 1000,
    providerMaxResponseBytes: number(ADAPTER_ENV.ProviderMaxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, (n) => Number.isInteger(n) && n > 0, 'a positive number of bytes'),
    timeScale: number(ADAPTER_ENV.TimeScale, 1, positive, 'a positive number'),
    logLevel: env[ADAPTER_ENV.LogLevel] || 'info',
  };
  if (problems.length > 0) throw new Error(`adapter configuration: ${problems.join('; ')}`);
  return config;
}

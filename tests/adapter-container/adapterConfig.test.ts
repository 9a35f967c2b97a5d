import { adapterConfigFromEnv } from '../../adapter-container/adapterConfig';

describe('adapterConfigFromEnv', () => {
  it('applies the defaults of the timing rules', () => {
    const config = adapterConfigFromEnv({ REQUESTS_QUEUE_URL: 'http://q', DOCS_BUCKET: 'docs', CITY_LIMITS_TABLE: 'limits', CERTIFICATE_SECRET_PREFIX: 'nfse-prod' });

    expect(config).toEqual({
      queueUrl: 'http://q',
      bucket: 'docs',
      cityLimitsTable: 'limits',
      companiesTable: '',
      certificateSecretPrefix: 'nfse-prod',
      certificateCacheSeconds: 300,
      companyCacheSeconds: 5,
      healthPort: 8080,
      healthHost: '127.0.0.1',
      maxInFlight: 10,
      maxWaiting: 50,
      heartbeatIntervalMs: 20_000,
      visibilityTimeoutSeconds: 60,
      shutdownGraceMs: 30_000,
      providerTimeoutMs: 30_000,
      providerMaxResponseBytes: 5 * 1024 * 1024,
      timeScale: 1,
      logLevel: 'info',
    });
  });

  it('reads the overrides, including port 0', () => {
    const config = adapterConfigFromEnv({
      REQUESTS_QUEUE_URL: 'http://q',
      DOCS_BUCKET: 'docs',
      CITY_LIMITS_TABLE: 'limits',
      CERTIFICATE_SECRET_PREFIX: 'nfse-prod',
      CERTIFICATE_CACHE_SECONDS: '0',
      COMPANY_CACHE_SECONDS: '0',
      ADAPTER_HEALTH_PORT: '0',
      ADAPTER_HEARTBEAT_SECONDS: '2',
      ADAPTER_SHUTDOWN_GRACE_SECONDS: '5',
      ADAPTER_TIME_SCALE: '0.1',
      ADAPTER_HEALTH_HOST: '0.0.0.0',
      PROVIDER_MAX_RESPONSE_BYTES: '65536',
      COMPANIES_TABLE: 'companies',
      ADAPTER_MAX_WAITING: '0',
    });

    expect([config.healthPort, config.heartbeatIntervalMs, config.shutdownGraceMs, config.timeScale, config.healthHost, config.providerMaxResponseBytes, config.certificateCacheSeconds, config.companyCacheSeconds, config.companiesTable, config.maxWaiting]).toEqual([
      0,
      2_000,
      5_000,
      0.1,
      '0.0.0.0',
      65_536,
      0,
      0,
      'companies',
      0,
    ]);
  });

  it('names every missing or malformed variable at once', () => {
    expect(() => adapterConfigFromEnv({ ADAPTER_HEALTH_PORT: 'http' })).toThrow(
      'adapter configuration: REQUESTS_QUEUE_URL is not set; DOCS_BUCKET is not set; CITY_LIMITS_TABLE is not set; CERTIFICATE_SECRET_PREFIX is not set; ADAPTER_HEALTH_PORT must be a port number (0 for any free port), got "http"',
    );
  });
});

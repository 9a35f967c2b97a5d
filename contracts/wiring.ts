/**
 * One set of names, everywhere: the environment variables handlers, the adapter and the CLI read,
 * and the `${Placeholder}`s of the workflows (CDK `definitionSubstitutions` in AWS, the local
 * cloud locally).
 */
export const ENV = {
  InvoicesTable: 'INVOICES_TABLE',
  RequestsTable: 'REQUESTS_TABLE',
  TenantsTable: 'TENANTS_TABLE',
  /** The companies (prestadores), PK `cnpj`. */
  CompaniesTable: 'COMPANIES_TABLE',
  /**
   * The concurrency and rate slots every adapter task shares, per city (`contracts/cityLimits.ts`),
   * and the cities' call health the adapters report there (`contracts/municipalityHealth.ts`).
   */
  CityLimitsTable: 'CITY_LIMITS_TABLE',
  /** The municipality registry (`contracts/municipality.ts`): a JSON file the adapters and the API read; unset, the built-in list. */
  MunicipalitiesFile: 'MUNICIPALITIES_FILE',
  /** The base URL of the built-in list's city systems (`{base}/{IBGE code}`), when no registry file is given. */
  ProviderEndpoint: 'PROVIDER_ENDPOINT',
  DocsBucket: 'DOCS_BUCKET',
  RequestsQueueUrl: 'REQUESTS_QUEUE_URL',
  RequestsDlqUrl: 'REQUESTS_DLQ_URL',
  FailuresQueueUrl: 'FAILURES_QUEUE_URL',
  /**
   * EMITTED invoices whose StartExecution Step Functions throttled (body: the workflow's input,
   * `EmissionInputSchema`); the starter Lambda starts them as the quota refills.
   */
  StartQueueUrl: 'START_QUEUE_URL',
  EventBusName: 'EVENT_BUS_NAME',
  EmissionStateMachineArn: 'EMISSION_STATE_MACHINE_ARN',
  CancellationStateMachineArn: 'CANCELLATION_STATE_MACHINE_ARN',
  DbClusterArn: 'DB_CLUSTER_ARN',
  DbSecretArn: 'DB_SECRET_ARN',
  DbName: 'DB_NAME',
  /** The HMAC key of the API's `nextToken`s: a Secrets Manager secret in AWS, a key in the auth directory locally. */
  PageTokenKey: 'PAGE_TOKEN_KEY',
  /** Prefix of the companies' certificate secrets (`{prefix}/companies/{cnpj}/certificate`): the stage's in AWS, the app's locally. */
  CertificateSecretPrefix: 'CERTIFICATE_SECRET_PREFIX',
  /** The KMS key new certificate secrets are encrypted with (AWS only; unset locally, where there is no KMS). */
  CertificateKmsKeyId: 'CERTIFICATE_KMS_KEY_ID',
  /**
   * What a caller with no grant is told to do, `{principal}` standing for theirs (unset in AWS:
   * "ask an administrator for access"; locally, the `nfse token` line that grants it).
   */
  NoGrantHelp: 'NO_GRANT_HELP',
} as const;
export type EnvName = (typeof ENV)[keyof typeof ENV];

/** Placeholders in the workflow definitions, and the env var each one mirrors. */
export const PLACEHOLDERS = {
  InvoicesTable: ENV.InvoicesTable,
  DocsBucket: ENV.DocsBucket,
  RequestsQueueUrl: ENV.RequestsQueueUrl,
  FailuresQueueUrl: ENV.FailuresQueueUrl,
  EventBusName: ENV.EventBusName,
  DbClusterArn: ENV.DbClusterArn,
  DbSecretArn: ENV.DbSecretArn,
  DbName: ENV.DbName,
} as const satisfies Partial<Record<keyof typeof ENV, EnvName>>;
export type PlaceholderName = keyof typeof PLACEHOLDERS;

/** The values of the placeholders, read from an environment; names the missing ones. */
export function substitutionsFromEnv(env: Readonly<Record<string, string | undefined>>): Record<PlaceholderName, string> {
  const missing: string[] = [];
  const values = {} as Record<PlaceholderName, string>;
  for (const [placeholder, envName] of Object.entries(PLACEHOLDERS) as Array<[PlaceholderName, EnvName]>) {
    const value = env[envName];
    if (value === undefined || value === '') missing.push(envName);
    else values[placeholder] = value;
  }
  if (missing.length > 0) throw new Error(`missing environment variables: ${missing.join(', ')}`);
  return values;
}

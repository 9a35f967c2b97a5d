import fs from 'node:fs';
import path from 'node:path';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import type { CustomDomain } from '../constructs/customDomain';
import { builtInMunicipalities } from '../../../lib/municipalities/builtInMunicipalities';
import { isValidCnpj } from '../../../contracts/cnpj';
import { REPO_ROOT } from '../paths';
import { readMunicipalityCodes } from './municipalityRegistryFile';

/**
 * Everything the CDK app reads from context (`cdk.json`, or `-c key=value` on the command line).
 * Every value has a default, so `cdk synth` works offline with no context at all.
 */
export interface AppConfig {
  /** Names the stacks (`Nfse-{stage}-Data`) and tags every resource. @default 'dev' */
  readonly stage: string;
  /** The region of everything but the CloudFront WebACL and certificate. @default CDK_DEFAULT_REGION, else 'sa-east-1' */
  readonly region: string;
  /** The account, when known (the CLI sets CDK_DEFAULT_ACCOUNT); synth stays env-agnostic in the account otherwise. */
  readonly account?: string;
  /** NAT gateways, one Elastic IP each (the fixed egress IPs cities whitelist). @default 1 */
  readonly natGateways: number;
  /** The adapter's municipality registry: a JSON file under `adapter-container/`, shipped in the image; a `producao` city must be `https`. @default the built-in list */
  readonly municipalitiesFile?: string;
  /** The IBGE codes in the registry (dashboard widgets); read from `municipalitiesFile` when set. */
  readonly municipalityCodes: readonly string[];
  /** Endpoint of the built-in list's provider (homologation), when no registry file is given. */
  readonly providerEndpoint?: string;
  /** The national system (Sefin Nacional) as the adapter reaches it. @default the built-in list's own */
  readonly nacional: NacionalSettings;
  /** Ports the adapter may reach the cities on. @default [443] */
  readonly providerPorts: readonly number[];
  /** @default 1 */
  readonly adapterMinTasks: number;
  /** @default 10 */
  readonly adapterMaxTasks: number;
  /** Messages waiting per running adapter task that autoscaling aims at. @default 50 */
  readonly adapterBacklogPerTask: number;
  /** Receives a RequestsQueue message gets before it moves to the DLQ. @default 5 */
  readonly maxReceiveCount: number;
  /** RequestsQueue visibility timeout, seconds (the adapter extends it while working). @default 60 */
  readonly visibilityTimeoutSeconds: number;
  /** Cognito hosted UI domain prefix (globally unique). @default `nfse-flow-{stage}` */
  readonly authDomainPrefix: string;
  /** Extra OAuth callback URLs of the console app client (e.g. `http://localhost:3001/callback`). @default [] */
  readonly consoleCallbackUrls: readonly string[];
  /** Custom domain of the console (CloudFront); its ACM certificate is created in us-east-1. */
  readonly webDomainName?: string;
  /** Route 53 hosted zone of `webDomainName` (id and name), for DNS validation. */
  readonly webHostedZoneId?: string;
  readonly webHostedZoneName?: string;
  /**
   * Custom domain of the API's CloudFront distribution (context `apiDomainName`, with
   * `apiHostedZoneId` and `apiHostedZoneName`, else the console's zone): its certificate is created
   * in us-east-1 and A/AAAA alias records in the zone. @default none: the distribution's *.cloudfront.net name
   */
  readonly apiDomain?: CustomDomain;
  /**
   * Which origin-lock secret the API's CloudFront sends and its regional WebACL checks: raising it
   * replaces the secret (a new value), and both ends read the new one in the same deploy. @default 1
   */
  readonly originVerifyGeneration: number;
  /** Days before documents move to Glacier Instant Retrieval. @default 90 */
  readonly docsGlacierAfterDays: number;
  /** Years every document is kept (S3 Object Lock, governance mode). At least 5 (CTN art. 173/174). @default 5 */
  readonly docsRetentionYears: number;
  /** Keep data stores on `cdk destroy` (tables, user pool, an Aurora snapshot) and keep 35 days of Aurora backups. @default true for stage 'prod' */
  readonly retainData: boolean;
  /**
   * Deletion protection on the Aurora cluster, the DynamoDB tables and the user pool: a stack
   * delete or a replacement fails instead of dropping data. Opt out (`false`) only on dev stages
   * that are destroyed often. @default true
   */
  readonly deletionProtection: boolean;
  /** Days CloudWatch Logs keeps the Aurora cluster's exported PostgreSQL log. @default 30 */
  readonly dbLogRetentionDays: number;
  /** E-mail subscribed to the alarms topic. */
  readonly alarmEmail?: string;
  /** Usage billing's external systems and issuer (context `billingUsageApiUrl`, `billingErpApiUrl`, `billingIssuerCnpj`). */
  readonly billing: BillingSettings;
  /** The built console, uploaded to the site bucket when the folder exists (relative to the repository root). @default 'web/dist' */
  readonly webAssetsDir: string;
}

/**
 * The national system's settings (context `nacionalEndpoint`, `nacionalCaFile`,
 * `nacionalDanfseEndpoint`): where the built-in list's national cities are served when no registry
 * file is given (`NACIONAL_ENDPOINT`, `NACIONAL_CA_FILE`; a file names them per city instead), and
 * where the DANFSe is fetched (`NACIONAL_DANFSE_ENDPOINT`, its own base per environment).
 */
export interface NacionalSettings {
  /** `https://sefin.producaorestrita.nfse.gov.br/SefinNacional` (homologação) or `https://sefin.nfse.gov.br/SefinNacional`. */
  readonly endpoint?: string;
  /** CA bundle of its server certificate, a PEM file under `adapter-container/` (the image ships it). @default Node's roots */
  readonly caFile?: string;
  /** Base URL of the DANFSe service (`GET {base}/danfse/{chave}`). @default each city's endpoint */
  readonly danfseEndpoint?: string;
}

/**
 * Where the billing Lambdas reach the usage platform and the ERP (`USAGE_API_URL`, `ERP_API_URL`;
 * the credentials are in the billing secret, never in context), and the company that issues the
 * usage invoices (`BILLING_ISSUER_CNPJ`). Unset, the variable is not set and a billing Lambda
 * fails naming it: billing needs all three before its first run.
 */
export interface BillingSettings {
  /** e.g. `https://usage.example.com` (`{base}/v1/empresas`). */
  readonly usageApiUrl?: string;
  /** Omie's base URL (calls go to `{base}/api/v1/...`). @default 'https://app.omie.com.br' */
  readonly erpApiUrl: string;
  /** A CNPJ with a company record and a default service (`PUT /companies/{cnpj}`). */
  readonly issuerCnpj?: string;
}

/** Omie's production API (`https://app.omie.com.br/api/v1/...`). */
export const OMIE_BASE_URL = 'https://app.omie.com.br';

/** Reads the app's configuration from context (files relative to `repoRoot`); throws naming the bad value. */
export function readAppConfig(node: Node, env: Readonly<Record<string, string | undefined>> = process.env, repoRoot: string = REPO_ROOT): AppConfig {
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`context ${key} must be a string, got ${JSON.stringify(value)}`);
    return value;
  };
  const integer = (key: string, fallback: number, min: number): number => {
    const raw: unknown = node.tryGetContext(key);
    if (raw === undefined || raw === null || raw === '') return fallback;
    const value = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`context ${key} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
    return value;
  };
  const flag = (key: string, fallback: boolean): boolean => {
    const raw: unknown = node.tryGetContext(key);
    if (raw === undefined || raw === null || raw === '') return fallback;
    if (raw === true || raw === 'true') return true;
    if (raw === false || raw === 'false') return false;
    throw new Error(`context ${key} must be true or false, got ${JSON.stringify(raw)}`);
  };
  const list = (key: string): string[] => {
    const raw: unknown = node.tryGetContext(key);
    if (raw === undefined || raw === null || raw === '') return [];
    if (Array.isArray(raw)) return raw.map(String);
    return String(raw).split(',').map((item) => item.trim()).filter((item) => item.length > 0);
  };

  const stage = text('stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) throw new Error(`context stage must be lowercase letters, digits and '-' (max 16), got "${stage}"`);
  const municipalitiesFile = text('municipalitiesFile');
  const retainRaw: unknown = node.tryGetContext('retainData');
  const ports = list('providerPorts').map(Number);
  const badPort = ports.find((port) => !Number.isInteger(port) || port < 1 || port > 65_535);
  if (badPort !== undefined) throw new Error(`context providerPorts must be port numbers, got ${badPort}`);
  const config: AppConfig = {
    stage,
    region: text('region') ?? env.CDK_DEFAULT_REGION ?? 'sa-east-1',
    account: text('account') ?? env.CDK_DEFAULT_ACCOUNT,
    natGateways: integer('natGateways', 1, 1),
    municipalitiesFile,
    municipalityCodes: municipalitiesFile !== undefined ? readMunicipalityCodes(repoRoot, municipalitiesFile) : BUILT_IN_MUNICIPALITY_CODES,
    providerEndpoint: text('providerEndpoint'),
    nacional: readNacionalSettings(text, repoRoot),
    providerPorts: ports.length > 0 ? ports : [443],
    adapterMinTasks: integer('adapterMinTasks', 1, 0),
    adapterMaxTasks: integer('adapterMaxTasks', 10, 1),
    adapterBacklogPerTask: integer('adapterBacklogPerTask', 50, 1),
    maxReceiveCount: integer('maxReceiveCount', 5, 1),
    visibilityTimeoutSeconds: integer('visibilityTimeoutSeconds', 60, 1),
    authDomainPrefix: text('authDomainPrefix') ?? `nfse-flow-${stage}`,
    consoleCallbackUrls: list('consoleCallbackUrls'),
    webDomainName: text('webDomainName'),
    webHostedZoneId: text('webHostedZoneId'),
    webHostedZoneName: text('webHostedZoneName'),
    apiDomain: readApiDomain(text),
    originVerifyGeneration: integer('originVerifyGeneration', 1, 1),
    docsGlacierAfterDays: integer('docsGlacierAfterDays', 90, 1),
    docsRetentionYears: integer('docsRetentionYears', 5, 5),
    retainData: retainRaw === undefined ? stage === 'prod' : retainRaw === true || retainRaw === 'true',
    deletionProtection: flag('deletionProtection', true),
    dbLogRetentionDays: integer('dbLogRetentionDays', 30, 1),
    alarmEmail: text('alarmEmail'),
    billing: readBillingSettings(text),
    webAssetsDir: path.resolve(repoRoot, text('webAssetsDir') ?? 'web/dist'),
  };
  if (!LOG_RETENTION_DAYS.includes(config.dbLogRetentionDays)) {
    throw new Error(`context dbLogRetentionDays must be a CloudWatch Logs retention (${LOG_RETENTION_DAYS.join(', ')}), got ${config.dbLogRetentionDays}`);
  }
  if (config.adapterMaxTasks < config.adapterMinTasks) throw new Error(`context adapterMaxTasks (${config.adapterMaxTasks}) must be >= adapterMinTasks (${config.adapterMinTasks})`);
  if (config.webDomainName !== undefined && (config.webHostedZoneId === undefined || config.webHostedZoneName === undefined)) {
    throw new Error('context webDomainName needs webHostedZoneId and webHostedZoneName (DNS validation of its certificate)');
  }
  return config;
}

/** `apiDomainName` and its zone (its own, else the console's); throws when the name has no zone. */
function readApiDomain(text: (key: string) => string | undefined): CustomDomain | undefined {
  const domainName = text('apiDomainName');
  if (domainName === undefined) return undefined;
  const hostedZoneId = text('apiHostedZoneId') ?? text('webHostedZoneId');
  const hostedZoneName = text('apiHostedZoneName') ?? text('webHostedZoneName');
  if (hostedZoneId === undefined || hostedZoneName === undefined) {
    throw new Error('context apiDomainName needs apiHostedZoneId and apiHostedZoneName (or the console\'s webHostedZoneId and webHostedZoneName): its certificate is validated and its records made in that zone');
  }
  if (domainName !== hostedZoneName && !domainName.endsWith(`.${hostedZoneName}`)) throw new Error(`context apiDomainName "${domainName}" is not in the hosted zone "${hostedZoneName}"`);
  return { domainName, hostedZoneId, hostedZoneName };
}

/** The `billing*` context, checked: https URLs (the functions reach the internet on 443 only) and a valid CNPJ. */
function readBillingSettings(text: (key: string) => string | undefined): BillingSettings {
  const https = (key: string): string | undefined => {
    const value = text(key);
    if (value !== undefined && !/^https:\/\/[^\s/]+/.test(value)) throw new Error(`context ${key} must be an https URL (the billing functions reach the internet on port 443 only), got "${value}"`);
    return value?.replace(/\/+$/, '');
  };
  const issuerCnpj = text('billingIssuerCnpj');
  if (issuerCnpj !== undefined && !isValidCnpj(issuerCnpj)) throw new Error(`context billingIssuerCnpj must be a valid CNPJ (14 characters, check digits), got "${issuerCnpj}"`);
  const usageApiUrl = https('billingUsageApiUrl');
  return { ...(usageApiUrl === undefined ? {} : { usageApiUrl }), erpApiUrl: https('billingErpApiUrl') ?? OMIE_BASE_URL, ...(issuerCnpj === undefined ? {} : { issuerCnpj }) };
}

/** The built-in list's cities (São Paulo, Rio de Janeiro, Belo Horizonte; Porto Alegre, Recife, Goiânia on the national system), read from it so they never drift. */
const BUILT_IN_MUNICIPALITY_CODES: readonly string[] = builtInMunicipalities().map((municipality) => municipality.code);

/** The `nacional*` context, checked: https URLs, and a CA file the adapter image ships. */
function readNacionalSettings(text: (key: string) => string | undefined, repoRoot: string): NacionalSettings {
  const https = (key: string): string | undefined => {
    const value = text(key);
    if (value !== undefined && !/^https:\/\/[^\s/]+/.test(value)) throw new Error(`context ${key} must be an https URL (the national system takes mutual TLS only), got "${value}"`);
    return value?.replace(/\/+$/, '');
  };
  const caFile = text('nacionalCaFile');
  if (caFile !== undefined) {
    const normalized = path.posix.normalize(caFile);
    if (!normalized.startsWith('adapter-container/') || !fs.existsSync(path.join(repoRoot, normalized))) {
      throw new Error(`context nacionalCaFile must be a PEM file under adapter-container/ (the adapter image ships that folder), got "${caFile}"`);
    }
  }
  const endpoint = https('nacionalEndpoint');
  const danfseEndpoint = https('nacionalDanfseEndpoint');
  return { ...(endpoint === undefined ? {} : { endpoint }), ...(caFile === undefined ? {} : { caFile: path.posix.normalize(caFile) }), ...(danfseEndpoint === undefined ? {} : { danfseEndpoint }) };
}

/** The retention periods CloudWatch Logs accepts (never-expire left out: logs here always end). */
const LOG_RETENTION_DAYS: readonly number[] = Object.values(RetentionDays).filter((days): days is number => typeof days === 'number' && days !== RetentionDays.INFINITE);

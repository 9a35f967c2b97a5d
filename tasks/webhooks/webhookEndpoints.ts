import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { CreateSecretCommand, DeleteSecretCommand, GetSecretValueCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  MAX_WEBHOOKS_PER_COMPANY,
  PREVIOUS_SECRET_GRACE_HOURS,
  WebhookSecretValueSchema,
  webhookSecretName,
  type CreatedWebhook,
  type CreateWebhookRequest,
  type ListWebhooksQuery,
  type RotatedWebhookSecret,
  type WebhookEndpoint,
  type WebhookSecretValue,
} from '../../contracts/webhookEndpoint';
import { WEBHOOKS_LOOKUP_INDEX, WebhookEndpointRecordSchema, webhookKeys, type WebhookEndpointRecord } from '../../contracts/webhookRecords';
import { mayAccessCompany, type Caller } from '../shared/caller';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { isLoopback, refusalOf } from './sender/destinationPolicy';

/** What the endpoint operations need. */
export interface WebhookEndpointDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly secrets: SecretsManagerClient;
  readonly webhooksTable: string;
  readonly secretPrefix: string;
  /** The KMS key new secrets are encrypted with. @default Secrets Manager's own (aws/secretsmanager) */
  readonly kmsKeyId?: string;
  /** Local development: `http://` to a loopback host accepted. */
  readonly allowLoopback: boolean;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** A new signing secret: 32 random bytes, as the Standard Webhooks libraries take it. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The endpoint as the API shows it: never its secret's name. */
export function endpointView(record: WebhookEndpointRecord): WebhookEndpoint {
  const { pk: _pk, sk: _sk, secretId: _secretId, ...view } = record;
  return view;
}

/** 400 naming `url` unless it is https (or, locally with the flag, http to loopback) and not a literal private address. */
function checkUrl(url: string, allowLoopback: boolean): void {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const loopbackHost = host === 'localhost' || (isIP(host) !== 0 && isLoopback(host));
  const refuse = (message: string): never => {
    throw new ValidationError(`Invalid request: url ${message}`, [{ field: 'url', message }]);
  };
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && allowLoopback && loopbackHost)) refuse('must be an https URL');
  if (parsed.username !== '' || parsed.password !== '') refuse('must not carry credentials');
  const refusal = isIP(host) !== 0 ? refusalOf(host, allowLoopback) : host === 'localhost' && !allowLoopback ? 'localhost is a loopback address' : undefined;
  if (refusal !== undefined) refuse(`must reach the public internet (${refusal.split(':')[0]})`);
}

/** The company a caller's write is for: 403 unless granted. */
function requireCompany(caller: Caller, cnpj: string): void {
  if (!mayAccessCompany(caller, cnpj)) throw new ForbiddenError(`CNPJ ${cnpj} is not granted to this caller`);
}

async function companyEndpoints(deps: WebhookEndpointDeps, cnpj: string): Promise<WebhookEndpointRecord[]> {
  const { Items = [] } = await deps.ddb.send(
    new QueryCommand({
      TableName: deps.webhooksTable,
      IndexName: WEBHOOKS_LOOKUP_INDEX.name,
      KeyConditionExpression: `${WEBHOOKS_LOOKUP_INDEX.partitionKey} = :company`,
      ExpressionAttributeValues: { ':company': webhookKeys.companyEndpoints(cnpj) },
    }),
  );
  return Items.map((item) => WebhookEndpointRecordSchema.parse(item));
}

/** `POST /webhooks`: the endpoint and its secret (shown this once); 409 past the per-company limit. */
export async function createWebhook(deps: WebhookEndpointDeps, caller: Caller, request: CreateWebhookRequest): Promise<CreatedWebhook> {
  requireCompany(caller, request.companyCnpj);
  checkUrl(request.url, deps.allowLoopback);
  if ((await companyEndpoints(deps, request.companyCnpj)).length >= MAX_WEBHOOKS_PER_COMPANY) {
    throw new ConflictError('TooManyWebhooks', `Company ${request.companyCnpj} has ${MAX_WEBHOOKS_PER_COMPANY} webhook endpoints already: delete one first`);
  }
  const id = deps.newId();
  const secret = newSecret();
  const secretId = webhookSecretName(deps.secretPrefix, id);
  await deps.secrets.send(
    new CreateSecretCommand({
      Name: secretId,
      Description: `Signing secret of webhook endpoint ${id} (company ${request.companyCnpj}); read by the webhook sender`,
      SecretString: JSON.stringify({ current: secret } satisfies WebhookSecretValue),
      ...(deps.kmsKeyId !== undefined ? { KmsKeyId: deps.kmsKeyId } : {}),
    }),
  );
  const record: WebhookEndpointRecord = {
    pk: webhookKeys.endpoint(id).pk,
    sk: 'endpoint',
    id,
    companyCnpj: request.companyCnpj,
    url: request.url,
    events: [...new Set(request.events)],
    ...(request.description !== undefined ? { description: request.description } : {}),
    status: 'enabled',
    secretId,
    createdAt: deps.now().toISOString(),
    createdBy: caller.principal,
  };
  await deps.ddb.send(new PutCommand({ TableName: deps.webhooksTable, Item: { ...record, ...webhookKeys.endpointLookup(record.companyCnpj, id) }, ConditionExpression: 'attribute_not_exists(pk)' }));
  return { ...endpointView(record), secret };
}

/** `GET /webhooks`: the caller's companies' endpoints (ops: name the company). */
export async function listWebhooks(deps: WebhookEndpointDeps, caller: Caller, query: ListWebhooksQuery): Promise<WebhookEndpoint[]> {
  let companies: readonly string[];
  if (query.companyCnpj !== undefined) {
    requireCompany(caller, query.companyCnpj);
    companies = [query.companyCnpj];
  } else if (caller.grant.allCompanies === true) {
    throw new ValidationError('Invalid request: companyCnpj is required: this caller has every company', [{ field: 'companyCnpj', message: 'is required: this caller has every company' }]);
  } else {
    companies = caller.grant.cnpjs;
  }
  const lists = await Promise.all(companies.map((cnpj) => companyEndpoints(deps, cnpj)));
  return lists.flat().map(endpointView).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** An endpoint the caller may see; 404 for another tenant's, as for an unknown one. */
export async function endpointFor(deps: Pick<WebhookEndpointDeps, 'ddb' | 'webhooksTable'>, caller: Caller, id: string): Promise<WebhookEndpointRecord> {
  const { Item } = await deps.ddb.send(new GetCommand({ TableName: deps.webhooksTable, Key: webhookKeys.endpoint(id), ConsistentRead: true }));
  const record = Item === undefined ? undefined : WebhookEndpointRecordSchema.parse(Item);
  if (record === undefined || !mayAccessCompany(caller, record.companyCnpj)) throw new NotFoundError(`Webhook ${id} not found`);
  return record;
}

/** `DELETE /webhooks/{id}`: no more deliveries (pending ones fail: their secret is gone); answers the endpoint as it was. */
export async function deleteWebhook(deps: WebhookEndpointDeps, caller: Caller, id: string): Promise<WebhookEndpoint> {
  const record = await endpointFor(deps, caller, id);
  await deps.ddb.send(new DeleteCommand({ TableName: deps.webhooksTable, Key: webhookKeys.endpoint(id) }));
  await deps.secrets.send(new DeleteSecretCommand({ SecretId: record.secretId, ForceDeleteWithoutRecovery: true }));
  return endpointView(record);
}

/**
 * `POST /webhooks/{id}/rotate-secret`: a new secret, shown once; the one it replaces still signs
 * (a second signature in `webhook-signature`) for {@link PREVIOUS_SECRET_GRACE_HOURS} hours, so the
 * receiver can switch without losing a delivery.
 */
export async function rotateWebhookSecret(deps: WebhookEndpointDeps, caller: Caller, id: string): Promise<RotatedWebhookSecret> {
  const record = await endpointFor(deps, caller, id);
  const stored = await deps.secrets.send(new GetSecretValueCommand({ SecretId: record.secretId }));
  const old = WebhookSecretValueSchema.parse(JSON.parse(stored.SecretString ?? '{}'));
  const now = deps.now();
  const previousSecretValidUntil = new Date(now.getTime() + PREVIOUS_SECRET_GRACE_HOURS * 3600 * 1000).toISOString();
  const secret = newSecret();
  const value: WebhookSecretValue = { current: secret, previous: old.current, previousValidUntil: previousSecretValidUntil };
  await deps.secrets.send(new PutSecretValueCommand({ SecretId: record.secretId, SecretString: JSON.stringify(value) }));
  await deps.ddb.send(
    new UpdateCommand({ TableName: deps.webhooksTable, Key: webhookKeys.endpoint(id), UpdateExpression: 'SET secretRotatedAt = :now', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':now': now.toISOString() } }),
  );
  return { id, secret, previousSecretValidUntil };
}

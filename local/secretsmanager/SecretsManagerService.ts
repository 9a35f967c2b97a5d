import fs from 'node:fs';
import path from 'node:path';
import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import type { LocalContext } from '../edge/LocalContext';
import type { LocalService, ServiceHealth } from '../edge/LocalService';
import { awsJsonError, awsJsonResult } from '../edge/awsErrors';
import { newVersionId, SecretsManagerError, SecretStore, type SecretValue, type SecretVersion, type StoredSecret } from './SecretStore';

const JSON_11 = 'application/x-amz-json-1.1';
const FILE = 'secrets.json';

type Body = Record<string, unknown>;

const seconds = (epochMs: number | undefined): number | undefined => (epochMs === undefined ? undefined : epochMs / 1000);

function text(body: Body, field: string): string | undefined {
  const value = body[field];
  return typeof value === 'string' ? value : undefined;
}

function required(body: Body, field: string): string {
  const value = text(body, field);
  if (value === undefined || value === '') throw new SecretsManagerError('InvalidParameterException', `${field} is required.`);
  return value;
}

function valueOf(body: Body): SecretValue | undefined {
  const string = text(body, 'SecretString');
  const binary = text(body, 'SecretBinary');
  if (string !== undefined && binary !== undefined) throw new SecretsManagerError('InvalidParameterException', "You can't specify both a binary secret value and a string secret value in the same secret.");
  if (string !== undefined) return { string };
  return binary === undefined ? undefined : { binaryBase64: binary };
}

function tagsOf(body: Body): Array<{ Key: string; Value: string }> {
  const tags = body.Tags;
  if (!Array.isArray(tags)) return [];
  return tags.filter((tag): tag is { Key: string; Value: string } => typeof tag === 'object' && tag !== null && typeof (tag as Body).Key === 'string' && typeof (tag as Body).Value === 'string');
}

function versionsToStages(secret: StoredSecret): Record<string, string[]> {
  return Object.fromEntries(secret.versions.map((version) => [version.versionId, version.stages]));
}

function valueFields(version: SecretVersion): Body {
  return 'string' in version.value ? { SecretString: version.value.string } : { SecretBinary: version.value.binaryBase64 };
}

/**
 * AWS Secrets Manager for the local cloud (AWS JSON 1.1, what `@aws-sdk/client-secrets-manager`
 * speaks): CreateSecret, PutSecretValue, GetSecretValue (by VersionId or stage), DescribeSecret,
 * UpdateSecretVersionStage, ListSecrets, DeleteSecret, RestoreSecret; string and binary values; persisted under the data
 * directory when there is one. Where company certificates live.
 */
export class SecretsManagerService implements LocalService {
  readonly name = 'secretsmanager' as const;
  private readonly store: SecretStore;

  constructor(private readonly context: LocalContext) {
    const file = context.dataDir === undefined ? undefined : path.join(context.dataDir, FILE);
    const initial = file !== undefined && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as StoredSecret[]) : [];
    this.store = new SecretStore(
      {
        region: context.region,
        accountId: context.accountId,
        now: () => context.clock.now(),
        ...(file === undefined ? {} : { onChange: (secrets: readonly StoredSecret[]) => writeAtomically(file, JSON.stringify(secrets)) }),
      },
      initial,
    );
  }

  health(): ServiceHealth {
    return { state: 'running', detail: `${this.store.list().length} secrets` };
  }

  async stop(): Promise<void> {
    // Every change is written when it happens.
  }

  async handle(request: EdgeRequest): Promise<EdgeResponse> {
    let body: Body;
    try {
      body = request.body.length === 0 ? {} : (JSON.parse(request.body.toString('utf8')) as Body);
    } catch {
      return awsJsonError(400, 'SerializationException', 'the request body is not JSON', JSON_11);
    }
    try {
      return awsJsonResult(this.operation(request.target ?? '', body), JSON_11);
    } catch (error) {
      if (error instanceof SecretsManagerError) return awsJsonError(400, error.type, error.message, JSON_11);
      this.context.logger.error({ err: error, target: request.target }, 'secretsmanager failed');
      return awsJsonError(500, 'InternalServiceError', 'the local Secrets Manager failed', JSON_11);
    }
  }

  private operation(target: string, body: Body): Body {
    const store = this.store;
    switch (target) {
      case 'CreateSecret': {
        const value = valueOf(body);
        const { secret, version } = store.create({
          name: required(body, 'Name'),
          versionId: text(body, 'ClientRequestToken') ?? newVersionId(),
          ...(value === undefined ? {} : { value }),
          ...(text(body, 'Description') === undefined ? {} : { description: text(body, 'Description') }),
          ...(text(body, 'KmsKeyId') === undefined ? {} : { kmsKeyId: text(body, 'KmsKeyId') }),
          tags: tagsOf(body),
        });
        return { ARN: secret.arn, Name: secret.name, ...(version === undefined ? {} : { VersionId: version.versionId }) };
      }
      case 'PutSecretValue': {
        const value = valueOf(body);
        if (value === undefined) throw new SecretsManagerError('InvalidParameterException', 'You must provide either SecretString or SecretBinary.');
        const stages = Array.isArray(body.VersionStages) ? body.VersionStages.filter((stage): stage is string => typeof stage === 'string') : undefined;
        const { secret, version } = store.put(required(body, 'SecretId'), { value, versionId: text(body, 'ClientRequestToken') ?? newVersionId(), ...(stages === undefined ? {} : { stages }) });
        return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, VersionStages: version.stages };
      }
      case 'GetSecretValue': {
        const versionId = text(body, 'VersionId');
        const versionStage = text(body, 'VersionStage');
        const { secret, version } = store.value(required(body, 'SecretId'), { ...(versionId === undefined ? {} : { versionId }), ...(versionStage === undefined ? {} : { versionStage }) });
        return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, ...valueFields(version), VersionStages: version.stages, CreatedDate: seconds(version.createdDate) };
      }
      case 'DescribeSecret':
        return describe(store.find(required(body, 'SecretId'), { includeDeleted: true }));
      case 'ListSecrets': {
        const all = store.list({ includeDeleted: body.IncludePlannedDeletion === true });
        const max = typeof body.MaxResults === 'number' ? Math.min(100, Math.max(1, body.MaxResults)) : 100;
        const start = Number(text(body, 'NextToken') ?? '0') || 0;
        const page = all.slice(start, start + max);
        const next = start + max < all.length ? String(start + max) : undefined;
        return { SecretList: page.map((secret) => ({ ...describe(secret), SecretVersionsToStages: versionsToStages(secret) })), ...(next === undefined ? {} : { NextToken: next }) };
      }
      case 'UpdateSecretVersionStage': {
        const moveTo = text(body, 'MoveToVersionId');
        const removeFrom = text(body, 'RemoveFromVersionId');
        const secret = store.moveStage(required(body, 'SecretId'), { stage: required(body, 'VersionStage'), ...(moveTo === undefined ? {} : { moveToVersionId: moveTo }), ...(removeFrom === undefined ? {} : { removeFromVersionId: removeFrom }) });
        return { ARN: secret.arn, Name: secret.name };
      }
      case 'DeleteSecret': {
        const window = typeof body.RecoveryWindowInDays === 'number' ? body.RecoveryWindowInDays : undefined;
        const { secret, deletionDate } = store.delete(required(body, 'SecretId'), { force: body.ForceDeleteWithoutRecovery === true, ...(window === undefined ? {} : { recoveryWindowInDays: window }) });
        return { ARN: secret.arn, Name: secret.name, DeletionDate: seconds(deletionDate) };
      }
      case 'RestoreSecret': {
        const secret = store.restore(required(body, 'SecretId'));
        return { ARN: secret.arn, Name: secret.name };
      }
      default:
        throw new SecretsManagerError('InvalidRequestException', `the local Secrets Manager does not implement ${target || '(no X-Amz-Target)'}`);
    }
  }
}

function describe(secret: StoredSecret): Body {
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description === undefined ? {} : { Description: secret.description }),
    ...(secret.kmsKeyId === undefined ? {} : { KmsKeyId: secret.kmsKeyId }),
    LastChangedDate: seconds(secret.lastChangedDate),
    ...(secret.lastAccessedDate === undefined ? {} : { LastAccessedDate: seconds(secret.lastAccessedDate) }),
    ...(secret.deletedDate === undefined ? {} : { DeletedDate: seconds(secret.deletedDate) }),
    ...(secret.tags.length === 0 ? {} : { Tags: secret.tags }),
    VersionIdsToStages: versionsToStages(secret),
    CreatedDate: seconds(secret.createdDate),
  };
}

/** Replaces `file` whole: a crash leaves the old or the new content, never half of one. */
function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(handle, content);
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  fs.renameSync(temporary, file);
}

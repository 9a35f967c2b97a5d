import { randomBytes, randomUUID } from 'node:crypto';

/** A secret value: exactly one of a string or binary (kept base64, as the JSON protocol carries it). */
export type SecretValue = { readonly string: string } | { readonly binaryBase64: string };

/** One version of a secret. */
export interface SecretVersion {
  readonly versionId: string;
  readonly value: SecretValue;
  readonly createdDate: number;
  stages: string[];
}

/** One secret, as the store keeps (and persists) it. */
export interface StoredSecret {
  readonly arn: string;
  readonly name: string;
  description?: string;
  kmsKeyId?: string;
  tags: Array<{ Key: string; Value: string }>;
  readonly createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  /** Set while the secret waits out its recovery window. */
  deletedDate?: number;
  versions: SecretVersion[];
}

/** Secrets Manager's errors, with AWS's names and words. */
export class SecretsManagerError extends Error {
  constructor(
    readonly type: 'ResourceNotFoundException' | 'ResourceExistsException' | 'InvalidRequestException' | 'InvalidParameterException',
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';
const NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

const notFound = (): SecretsManagerError => new SecretsManagerError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

/** What the store needs from its surroundings. */
export interface SecretStoreOptions {
  readonly region: string;
  readonly accountId: string;
  /** Epoch ms. */
  readonly now: () => number;
  /** Called after every change, with every secret (persistence). */
  readonly onChange?: (secrets: readonly StoredSecret[]) => void;
}

/**
 * Secrets with versions and staging labels, as AWS Secrets Manager keeps them: a new value becomes
 * AWSCURRENT and the one it replaces AWSPREVIOUS; versions left without a label are dropped
 * (AWS calls them deprecated); deletion waits out a recovery window unless forced.
 */
export class SecretStore {
  private readonly secrets = new Map<string, StoredSecret>();

  constructor(
    private readonly options: SecretStoreOptions,
    initial: readonly StoredSecret[] = [],
  ) {
    for (const secret of initial) this.secrets.set(secret.name, secret);
  }

  /** The secret a SecretId names: its name, its full ARN, or its ARN without the random suffix. */
  find(secretId: string, options: { readonly includeDeleted?: boolean } = {}): StoredSecret {
    const secret = this.secrets.get(secretId) ?? [...this.secrets.values()].find((candidate) => candidate.arn === secretId || candidate.arn.slice(0, -7) === secretId);
    if (secret === undefined) throw notFound();
    if (secret.deletedDate !== undefined && options.includeDeleted !== true) {
      throw new SecretsManagerError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");
    }
    return secret;
  }

  create(input: { readonly name: string; readonly value?: SecretValue; readonly versionId: string; readonly description?: string; readonly kmsKeyId?: string; readonly tags?: Array<{ Key: string; Value: string }> }): { secret: StoredSecret; version?: SecretVersion } {
    if (!NAME.test(input.name)) throw new SecretsManagerError('InvalidParameterException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
    const existing = this.secrets.get(input.name);
    if (existing?.deletedDate !== undefined) throw new SecretsManagerError('InvalidRequestException', "You can't create this secret because a secret with this name is already scheduled for deletion.");
    if (existing !== undefined) throw new SecretsManagerError('ResourceExistsException', `The operation failed because the secret ${input.name} already exists.`);
    const now = this.options.now();
    const suffix = randomBytes(6).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 6);
    const secret: StoredSecret = {
      arn: `arn:aws:secretsmanager:${this.options.region}:${this.options.accountId}:secret:${input.name}-${suffix}`,
      name: input.name,
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.kmsKeyId === undefined ? {} : { kmsKeyId: input.kmsKeyId }),
      tags: [...(input.tags ?? [])],
      createdDate: now,
      lastChangedDate: now,
      versions: [],
    };
    const version = input.value === undefined ? undefined : this.addVersion(secret, input.versionId, input.value, [CURRENT]);
    this.secrets.set(secret.name, secret);
    this.changed();
    return { secret, ...(version === undefined ? {} : { version }) };
  }

  /** A new version, AWSCURRENT unless other labels are given; the same token and value again is a no-op. */
  put(secretId: string, input: { readonly value: SecretValue; readonly versionId: string; readonly stages?: readonly string[] }): { secret: StoredSecret; version: SecretVersion } {
    const secret = this.find(secretId);
    const existing = secret.versions.find((version) => version.versionId === input.versionId);
    if (existing !== undefined) {
      if (JSON.stringify(existing.value) !== JSON.stringify(input.value)) throw new SecretsManagerError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.");
      return { secret, version: existing };
    }
    const version = this.addVersion(secret, input.versionId, input.value, input.stages ?? [CURRENT]);
    secret.lastChangedDate = this.options.now();
    this.changed();
    return { secret, version };
  }

  /**
   * UpdateSecretVersionStage: moves a staging label to a version (`moveToVersionId`), off the one
   * holding it (`removeFromVersionId`, required when another version holds it), or only removes it.
   * Moving AWSCURRENT puts AWSPREVIOUS on the version it left, as AWS does:
   * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecretVersionStage.html
   */
  moveStage(secretId: string, input: { readonly stage: string; readonly moveToVersionId?: string; readonly removeFromVersionId?: string }): StoredSecret {
    const secret = this.find(secretId);
    const versionOf = (versionId: string): SecretVersion => {
      const version = secret.versions.find((candidate) => candidate.versionId === versionId);
      if (version === undefined) throw new SecretsManagerError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);
      return version;
    };
    const target = input.moveToVersionId === undefined ? undefined : versionOf(input.moveToVersionId);
    const holder = secret.versions.find((version) => version.stages.includes(input.stage));
    if (holder !== undefined && holder !== target && input.removeFromVersionId === undefined) {
      throw new SecretsManagerError('InvalidParameterException', `The parameter RemoveFromVersionId can't be empty. Staging label ${input.stage} is currently attached to version ${holder.versionId}, so you must explicitly reference that version in RemoveFromVersionId.`);
    }
    if (holder !== undefined && holder !== target && holder.versionId !== input.removeFromVersionId) {
      throw new SecretsManagerError('InvalidParameterException', `When you move staging label ${input.stage}, if you specify RemoveFromVersionId, it must be set to the version that currently has the staging label ${input.stage}.`);
    }
    if (input.removeFromVersionId !== undefined) versionOf(input.removeFromVersionId);
    if (target === undefined && input.stage === CURRENT) throw new SecretsManagerError('InvalidParameterException', 'You can only move staging label AWSCURRENT to a different secret version. It can’t be completely removed.');
    if (holder === target) return secret;
    if (holder !== undefined) holder.stages = holder.stages.filter((stage) => stage !== input.stage);
    if (target !== undefined) target.stages = [...target.stages, input.stage];
    if (input.stage === CURRENT && holder !== undefined) {
      for (const version of secret.versions) version.stages = version.stages.filter((stage) => stage !== PREVIOUS);
      holder.stages = [...holder.stages, PREVIOUS];
    }
    secret.versions = secret.versions.filter((version) => version.stages.length > 0);
    secret.lastChangedDate = this.options.now();
    this.changed();
    return secret;
  }

  /** The version a VersionId or VersionStage names (AWSCURRENT by default); records the access. */
  value(secretId: string, selector: { readonly versionId?: string; readonly versionStage?: string }): { secret: StoredSecret; version: SecretVersion } {
    const secret = this.find(secretId);
    const version =
      selector.versionId !== undefined
        ? secret.versions.find((candidate) => candidate.versionId === selector.versionId && (selector.versionStage === undefined || candidate.stages.includes(selector.versionStage)))
        : secret.versions.find((candidate) => candidate.stages.includes(selector.versionStage ?? CURRENT));
    if (version === undefined) {
      const what = selector.versionId !== undefined ? `VersionId: ${selector.versionId}` : `staging label: ${selector.versionStage ?? CURRENT}`;
      throw new SecretsManagerError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for ${what}`);
    }
    // AWS keeps the access date to the day.
    const day = 86_400_000;
    secret.lastAccessedDate = Math.floor(this.options.now() / day) * day;
    return { secret, version };
  }

  delete(secretId: string, input: { readonly force: boolean; readonly recoveryWindowInDays?: number }): { secret: StoredSecret; deletionDate: number } {
    if (input.force && input.recoveryWindowInDays !== undefined) throw new SecretsManagerError('InvalidParameterException', "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    const window = input.recoveryWindowInDays ?? 30;
    if (!input.force && (window < 7 || window > 30)) throw new SecretsManagerError('InvalidParameterException', 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
    const secret = this.find(secretId, { includeDeleted: true });
    const now = this.options.now();
    if (input.force) this.secrets.delete(secret.name);
    else secret.deletedDate ??= now;
    this.changed();
    return { secret, deletionDate: input.force ? now : (secret.deletedDate ?? now) + window * 86_400_000 };
  }

  /** Cancels a pending deletion. */
  restore(secretId: string): StoredSecret {
    const secret = this.find(secretId, { includeDeleted: true });
    delete secret.deletedDate;
    this.changed();
    return secret;
  }

  /** Secrets in creation order (the deleted ones only when asked). */
  list(options: { readonly includeDeleted?: boolean } = {}): StoredSecret[] {
    return [...this.secrets.values()].filter((secret) => options.includeDeleted === true || secret.deletedDate === undefined).sort((a, b) => a.createdDate - b.createdDate || a.name.localeCompare(b.name));
  }

  private addVersion(secret: StoredSecret, versionId: string, value: SecretValue, stages: readonly string[]): SecretVersion {
    if (versionId.length < 32 || versionId.length > 64) throw new SecretsManagerError('InvalidParameterException', 'ClientRequestToken must be 32-64 characters long.');
    if (stages.includes(CURRENT)) {
      // The old AWSCURRENT becomes AWSPREVIOUS; the old AWSPREVIOUS loses its label.
      for (const version of secret.versions) version.stages = version.stages.filter((stage) => stage !== PREVIOUS);
      for (const version of secret.versions) if (version.stages.includes(CURRENT)) version.stages = [...version.stages.filter((stage) => stage !== CURRENT), PREVIOUS];
    }
    for (const version of secret.versions) version.stages = version.stages.filter((stage) => stage === CURRENT || stage === PREVIOUS || !stages.includes(stage));
    const version: SecretVersion = { versionId, value, createdDate: this.options.now(), stages: [...stages] };
    secret.versions = [...secret.versions.filter((candidate) => candidate.stages.length > 0), version];
    return version;
  }

  private changed(): void {
    this.options.onChange?.([...this.secrets.values()]);
  }
}

/** A version id when the caller gave no ClientRequestToken (the SDK always gives one). */
export function newVersionId(): string {
  return randomUUID();
}

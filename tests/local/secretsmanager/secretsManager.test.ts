import fs from 'node:fs/promises';
import path from 'node:path';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { restartableCloud } from '../../harness/restartableCloud';

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected the call to fail');
}

describe('local Secrets Manager, through the real SDK', () => {
  const client = new SecretsManagerClient(testClientConfig());

  it('creates a secret and reads it back by name and by ARN', async () => {
    const name = uniqueName('companies/11222333000181/certificate');

    const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: '{"pfx":"AAAA","password":"x"}', Description: 'A1', Tags: [{ Key: 'cnpj', Value: '11222333000181' }] }));
    const byName = await client.send(new GetSecretValueCommand({ SecretId: name }));
    const byArn = await client.send(new GetSecretValueCommand({ SecretId: created.ARN }));

    expect(created.ARN).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:000000000000:secret:${name.replace(/[/.]/g, '\\$&')}-[A-Za-z0-9]{6}$`));
    expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(byName).toMatchObject({ ARN: created.ARN, Name: name, VersionId: created.VersionId, SecretString: '{"pfx":"AAAA","password":"x"}', VersionStages: ['AWSCURRENT'] });
    expect(byName.CreatedDate).toBeInstanceOf(Date);
    expect(byArn.SecretString).toBe(byName.SecretString);
  });

  it('keeps binary values as bytes', async () => {
    const name = uniqueName('binary');
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]);

    await client.send(new CreateSecretCommand({ Name: name, SecretBinary: bytes }));
    const read = await client.send(new GetSecretValueCommand({ SecretId: name }));

    expect(read.SecretString).toBeUndefined();
    expect(Array.from(read.SecretBinary ?? [])).toEqual(Array.from(bytes));
  });

  it('rotates stages: a new value is AWSCURRENT, the one it replaces AWSPREVIOUS, older ones are dropped', async () => {
    const name = uniqueName('rotate');
    const v1 = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }));
    const v2 = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two' }));
    const v3 = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'three' }));

    const current = await client.send(new GetSecretValueCommand({ SecretId: name }));
    const previous = await client.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS' }));
    const described = await client.send(new DescribeSecretCommand({ SecretId: name }));

    expect([current.SecretString, current.VersionId, previous.SecretString, previous.VersionId]).toEqual(['three', v3.VersionId, 'two', v2.VersionId]);
    expect(described.VersionIdsToStages).toEqual({ [String(v2.VersionId)]: ['AWSPREVIOUS'], [String(v3.VersionId)]: ['AWSCURRENT'] });
    expect(await errorOf(client.send(new GetSecretValueCommand({ SecretId: name, VersionId: v1.VersionId })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Secrets Manager can't find the specified secret value for VersionId: ${String(v1.VersionId)}`,
    });
  });

  it('moves AWSCURRENT back to an earlier version (a rollback), AWSPREVIOUS following to the version it left', async () => {
    const name = uniqueName('rollback');
    const v1 = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }));
    const v2 = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two' }));

    const withoutRemove = await errorOf(client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: v1.VersionId })));
    const wrongRemove = await errorOf(client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: v1.VersionId, RemoveFromVersionId: v1.VersionId })));
    const removeCurrent = await errorOf(client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', RemoveFromVersionId: v2.VersionId })));
    await client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: v1.VersionId, RemoveFromVersionId: v2.VersionId }));
    const current = await client.send(new GetSecretValueCommand({ SecretId: name }));
    const described = await client.send(new DescribeSecretCommand({ SecretId: name }));

    expect(withoutRemove).toEqual({ name: 'InvalidParameterException', message: `The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is currently attached to version ${String(v2.VersionId)}, so you must explicitly reference that version in RemoveFromVersionId.` });
    expect(wrongRemove).toEqual({ name: 'InvalidParameterException', message: 'When you move staging label AWSCURRENT, if you specify RemoveFromVersionId, it must be set to the version that currently has the staging label AWSCURRENT.' });
    expect(removeCurrent).toEqual({ name: 'InvalidParameterException', message: 'You can only move staging label AWSCURRENT to a different secret version. It can’t be completely removed.' });
    expect(current.SecretString).toBe('one');
    expect(described.VersionIdsToStages).toEqual({ [String(v1.VersionId)]: ['AWSCURRENT'], [String(v2.VersionId)]: ['AWSPREVIOUS'] });
  });

  it('treats a repeated ClientRequestToken as the same version, and refuses it with another value', async () => {
    const name = uniqueName('idempotent');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }));
    const token = 'a'.repeat(32);

    const first = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two', ClientRequestToken: token }));
    const again = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two', ClientRequestToken: token }));
    const other = await errorOf(client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'other', ClientRequestToken: token })));

    expect(again.VersionId).toBe(first.VersionId);
    expect(other).toEqual({ name: 'ResourceExistsException', message: "You can't modify an existing version, you can only create a new version." });
  });

  it('answers AWS’s errors for an unknown secret, a duplicate name and a secret marked for deletion', async () => {
    const name = uniqueName('errors');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'x' }));

    const unknown = client.send(new GetSecretValueCommand({ SecretId: uniqueName('nope') }));
    await expect(unknown).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(client.send(new CreateSecretCommand({ Name: name, SecretString: 'y' }))).rejects.toBeInstanceOf(ResourceExistsException);
    const deleted = await client.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
    expect(deleted.DeletionDate).toBeInstanceOf(Date);
    const afterDelete = client.send(new GetSecretValueCommand({ SecretId: name }));
    await expect(afterDelete).rejects.toBeInstanceOf(InvalidRequestException);
    expect(await errorOf(client.send(new GetSecretValueCommand({ SecretId: name })))).toEqual({ name: 'InvalidRequestException', message: "You can't perform this operation on the secret because it was marked for deletion." });
    await client.send(new RestoreSecretCommand({ SecretId: name }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('x');
    await client.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
    await expect(client.send(new DescribeSecretCommand({ SecretId: name }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('lists secrets in pages, leaving out those marked for deletion', async () => {
    const prefix = uniqueName('list');
    for (const n of [1, 2, 3]) await client.send(new CreateSecretCommand({ Name: `${prefix}/${n}`, SecretString: String(n) }));
    await client.send(new DeleteSecretCommand({ SecretId: `${prefix}/2` }));

    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListSecretsCommand({ MaxResults: 1, NextToken: nextToken }));
      names.push(...(page.SecretList ?? []).map((secret) => secret.Name ?? ''));
      nextToken = page.NextToken;
    } while (nextToken !== undefined);

    expect(names.filter((name) => name.startsWith(prefix))).toEqual([`${prefix}/1`, `${prefix}/3`]);
  });

  it('keeps secrets and their versions across a restart with a data directory', async () => {
    const clouds = await restartableCloud({ services: ['secretsmanager'], client: (config) => new SecretsManagerClient(config) });
    try {
      const first = await clouds.start();
      await first.client.send(new CreateSecretCommand({ Name: 'kept', SecretString: 'one' }));
      const v2 = await first.client.send(new PutSecretValueCommand({ SecretId: 'kept', SecretString: 'two' }));
      await first.stop();

      const second = await clouds.start();
      const read = await second.client.send(new GetSecretValueCommand({ SecretId: 'kept' }));
      const previous = await second.client.send(new GetSecretValueCommand({ SecretId: 'kept', VersionStage: 'AWSPREVIOUS' }));
      await second.stop();

      expect([read.SecretString, read.VersionId, previous.SecretString]).toEqual(['two', v2.VersionId, 'one']);
      expect((await fs.stat(path.join(clouds.dataDir, 'secretsmanager', 'secrets.json'))).mode & 0o777).toBe(0o600);
    } finally {
      await clouds.dispose();
    }
  });
});

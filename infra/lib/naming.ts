import { Aws } from 'aws-cdk-lib';
import { certificateSecretName } from '../../contracts/certificateSecret';
import { webhookSecretName } from '../../contracts/webhookEndpoint';

/**
 * The documents bucket's name: fixed per stage, account and region, so other stacks (and their
 * least-privilege policies) name it without a cross-stack export, and object ARNs stay readable.
 */
export function docsBucketName(stage: string): string {
  return `nfse-${stage}-docs-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

/** ARN of the objects under `prefix` (e.g. `xml/`) of a bucket named `bucketName`. */
export function objectsArn(bucketName: string, prefix: string): string {
  return `arn:${Aws.PARTITION}:s3:::${bucketName}/${prefix}*`;
}

/** How cdk-nag names the IAM5 finding for {@link objectsArn} of the docs bucket (pseudo parameters as `<AWS::...>`). */
export function docsObjectsFinding(stage: string, prefix: string): string {
  return `Resource::arn:<AWS::Partition>:s3:::nfse-${stage}-docs-<AWS::AccountId>-<AWS::Region>/${prefix}*`;
}

/** A state machine's name: `nfse-{stage}-{WorkflowName}` (fixed, so executions' ARNs are known without exports). */
export function stateMachineName(stage: string, workflowName: string): string {
  return `nfse-${stage}-${workflowName}`;
}

/** How cdk-nag names the IAM5 finding for every execution of a state machine in `region`. */
export function executionsFinding(region: string, machineName: string): string {
  return `Resource::arn:<AWS::Partition>:states:${region}:<AWS::AccountId>:execution:${machineName}:*`;
}

/** The stage's `CERTIFICATE_SECRET_PREFIX`: its companies' certificates are `nfse-{stage}/companies/{cnpj}/certificate`. */
export function certificateSecretPrefix(stage: string): string {
  return `nfse-${stage}`;
}

/**
 * ARN of every company certificate secret of the stage. Secrets Manager appends `-` and six random
 * characters to a secret's name in its ARN, hence the `-??????`:
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html
 */
export function certificateSecretsArn(stage: string): string {
  return `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${certificateSecretName(certificateSecretPrefix(stage), '*')}-??????`;
}

/** How cdk-nag names the IAM5 finding for {@link certificateSecretsArn}. */
export function certificateSecretsFinding(stage: string): string {
  return `Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${certificateSecretName(certificateSecretPrefix(stage), '*')}-??????`;
}

/**
 * Conditions that let a principal use the certificates' KMS key only through Secrets Manager, and
 * only for the stage's certificate secrets (Secrets Manager puts the secret's ARN in the
 * encryption context): https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
 */
export function certificateKeyConditions(stage: string): Record<string, Record<string, string>> {
  return {
    StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com` },
    StringLike: { 'kms:EncryptionContext:SecretARN': certificateSecretsArn(stage) },
  };
}

/** ARN of every webhook signing secret of the stage (`nfse-{stage}/webhooks/{id}/signing-secret`). */
export function webhookSecretsArn(stage: string): string {
  return `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${webhookSecretName(certificateSecretPrefix(stage), '*')}-??????`;
}

/** How cdk-nag names the IAM5 finding for {@link webhookSecretsArn}. */
export function webhookSecretsFinding(stage: string): string {
  return `Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${webhookSecretName(certificateSecretPrefix(stage), '*')}-??????`;
}

/** The webhooks' KMS key, usable only through Secrets Manager and only for the stage's webhook secrets. */
export function webhookKeyConditions(stage: string): Record<string, Record<string, string>> {
  return {
    StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com` },
    StringLike: { 'kms:EncryptionContext:SecretARN': webhookSecretsArn(stage) },
  };
}

/**
 * The outbox relay's function name: fixed per stage, so a workflow in WorkflowsStack (deployed
 * before ComputeStack, which holds the relay) can name it in `${OutboxRelayFunctionArn}` and in
 * its role without a cross-stack reference the other way round.
 */
export function outboxRelayFunctionName(stage: string): string {
  return `nfse-${stage}-outbox-relay`;
}

/** The relay's ARN ({@link outboxRelayFunctionName}), for `OUTBOX_RELAY_FUNCTION_ARN` and the nudging workflows' roles. */
export function outboxRelayFunctionArn(stage: string): string {
  return `arn:${Aws.PARTITION}:lambda:${Aws.REGION}:${Aws.ACCOUNT_ID}:function:${outboxRelayFunctionName(stage)}`;
}

/**
 * A task function that workflows invoke (`nfse-{stage}-billing-usage`): fixed per stage, so
 * WorkflowsStack, deployed before ComputeStack, names it in `${...FunctionArn}` and in the
 * invoking state machine's role without a cross-stack reference the other way round.
 */
export function workflowFunctionName(stage: string, suffix: string): string {
  return `nfse-${stage}-${suffix}`;
}

/** The ARN of {@link workflowFunctionName}. */
export function workflowFunctionArn(stage: string, suffix: string): string {
  return `arn:${Aws.PARTITION}:lambda:${Aws.REGION}:${Aws.ACCOUNT_ID}:function:${workflowFunctionName(stage, suffix)}`;
}

/** The billing integrations' secret (`{usageToken, erpAppKey, erpAppSecret}`), as the local cloud names it `{prefix}/billing/integrations`. */
export function billingSecretName(stage: string): string {
  return `nfse-${stage}/billing/integrations`;
}

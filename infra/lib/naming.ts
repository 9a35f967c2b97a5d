import { Aws } from 'aws-cdk-lib';

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

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag/acknowledge';

/**
 * The bucket a CloudFront distribution writes its standard logs to (`LogsBucket` in `scope`):
 * private, encrypted, TLS only, ACLs enabled (CloudFront writes its logs with them), kept a year.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html
 */
export function cloudFrontLogsBucket(scope: Construct): s3.Bucket {
  const logs = new s3.Bucket(scope, 'LogsBucket', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(365) }],
    removalPolicy: RemovalPolicy.DESTROY,
  });
  acknowledge(logs, [{ id: 'AwsSolutions-S1', reason: 'This is the access log target; logging it into itself would loop.' }]);
  return logs;
}

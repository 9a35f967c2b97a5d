import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag/acknowledge';

/** Who writes a {@link logsBucket}'s logs. */
export type LogsWriter = 'cloudfront' | 's3-server-access';

/**
 * A bucket that receives access logs: private, encrypted, TLS only, each log kept a year. CloudFront
 * writes its standard logs with ACLs, so its bucket has them enabled; S3 server access logging needs
 * none. Not logged into itself (that would loop).
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export function logsBucket(scope: Construct, id: string, writer: LogsWriter, removalPolicy: RemovalPolicy): s3.Bucket {
  const logs = new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: writer === 'cloudfront' ? s3.ObjectOwnership.BUCKET_OWNER_PREFERRED : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ expiration: Duration.days(365) }],
    removalPolicy,
  });
  acknowledge(logs, [{ id: 'AwsSolutions-S1', reason: `This is the ${writer === 'cloudfront' ? '' : 'server '}access log target; logging it into itself would loop.` }]);
  return logs;
}

/** The bucket a CloudFront distribution writes its standard logs to (`LogsBucket` in `scope`), gone with its stack. */
export function cloudFrontLogsBucket(scope: Construct): s3.Bucket {
  return logsBucket(scope, 'LogsBucket', 'cloudfront', RemovalPolicy.DESTROY);
}

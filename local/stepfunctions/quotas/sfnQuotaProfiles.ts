import type { BucketQuota } from './TokenBucket';

/** The Step Functions calls the local engine can throttle (each its own bucket, as in AWS). */
export const THROTTLED_OPERATIONS = [
  'StartExecution',
  'StartSyncExecution',
  'DescribeExecution',
  'StopExecution',
  'GetExecutionHistory',
  'SendTaskSuccess',
  'SendTaskFailure',
  'SendTaskHeartbeat',
  /** Not a call: every state an execution enters (delayed, not refused, past the bucket). */
  'StateTransition',
] as const;
export type ThrottledOperation = (typeof THROTTLED_OPERATIONS)[number];

/** The buckets in force: an operation without one is never throttled. */
export type SfnQuotas = Readonly<Partial<Record<ThrottledOperation, BucketQuota>>>;

const q = (bucketSize: number, refillPerSecond: number): BucketQuota => ({ bucketSize, refillPerSecond });

/**
 * AWS's default throttling quotas for Standard workflows, per account and region, from the
 * developer guide's "Step Functions service quotas" page
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html, read 2026-12-07):
 * "Quotas related to API action throttling" and "Quotas related to state throttling". US East (N. Virginia), US West (Oregon) and Europe
 * (Ireland) have the larger buckets; every other region the smaller ones. StartSyncExecution
 * (Express only) has no row there, so no profile throttles it; give it a bucket by hand.
 */
const LARGE_REGIONS: SfnQuotas = {
  StartExecution: q(1300, 300),
  DescribeExecution: q(300, 15),
  StopExecution: q(1000, 200),
  GetExecutionHistory: q(400, 20),
  SendTaskSuccess: q(3000, 500),
  SendTaskFailure: q(3000, 500),
  SendTaskHeartbeat: q(3000, 500),
  StateTransition: q(5000, 1500),
};
const OTHER_REGIONS: SfnQuotas = {
  StartExecution: q(800, 150),
  DescribeExecution: q(250, 10),
  StopExecution: q(500, 25),
  GetExecutionHistory: q(400, 20),
  SendTaskSuccess: q(1500, 300),
  SendTaskFailure: q(1500, 300),
  SendTaskHeartbeat: q(1500, 300),
  StateTransition: q(800, 500),
};
const LARGE_REGION_NAMES = ['us-east-1', 'us-west-2', 'eu-west-1'];

/** AWS's documented defaults for a region (`us-east-1`, `sa-east-1`, ...). */
export function awsDefaultQuotas(region: string): SfnQuotas {
  return LARGE_REGION_NAMES.includes(region) ? LARGE_REGIONS : OTHER_REGIONS;
}

const PROFILE = /^aws-([a-z]{2}(?:-[a-z]+)+-\d)$/;
const OVERRIDE = /^([A-Za-z]+)=(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/;

/**
 * Reads `--sfn-quotas` / `LOCAL_SFN_QUOTAS`: comma-separated items, each a region's profile
 * (`aws-us-east-1`) or one bucket (`StartExecution=5/2`: bucket 5, refill 2 per second); later
 * items win, so `aws-sa-east-1,StartExecution=10/5` lowers one quota of a region's profile.
 * Throws naming the item it cannot read.
 */
export function parseSfnQuotas(spec: string): SfnQuotas {
  const quotas: Partial<Record<ThrottledOperation, BucketQuota>> = {};
  for (const item of spec.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const profile = PROFILE.exec(item);
    if (profile?.[1] !== undefined) {
      Object.assign(quotas, awsDefaultQuotas(profile[1]));
      continue;
    }
    const override = OVERRIDE.exec(item);
    const [, operation, size, refill] = override ?? [];
    if (operation === undefined || size === undefined || refill === undefined) {
      throw new Error(`--sfn-quotas: cannot read '${item}': give a profile (aws-us-east-1) or Operation=bucket/refillPerSecond (StartExecution=5/2)`);
    }
    if (!isThrottledOperation(operation)) throw new Error(`--sfn-quotas: '${operation}' is not throttled locally; one of ${THROTTLED_OPERATIONS.join(', ')}`);
    const quota = q(Number(size), Number(refill));
    if (quota.bucketSize < 1 || quota.refillPerSecond <= 0) throw new Error(`--sfn-quotas: '${item}' needs a bucket of at least 1 and a refill above 0`);
    quotas[operation] = quota;
  }
  return quotas;
}

function isThrottledOperation(name: string): name is ThrottledOperation {
  return (THROTTLED_OPERATIONS as readonly string[]).includes(name);
}

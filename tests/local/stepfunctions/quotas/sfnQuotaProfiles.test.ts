import { awsDefaultQuotas, parseSfnQuotas } from '../../../../local/stepfunctions/quotas/sfnQuotaProfiles';

describe('parseSfnQuotas', () => {
  it("reads a region's profile: AWS's documented buckets for Standard workflows", () => {
    expect(parseSfnQuotas('aws-us-east-1')).toEqual({
      StartExecution: { bucketSize: 1300, refillPerSecond: 300 },
      DescribeExecution: { bucketSize: 300, refillPerSecond: 15 },
      StopExecution: { bucketSize: 1000, refillPerSecond: 200 },
      GetExecutionHistory: { bucketSize: 400, refillPerSecond: 20 },
      SendTaskSuccess: { bucketSize: 3000, refillPerSecond: 500 },
      SendTaskFailure: { bucketSize: 3000, refillPerSecond: 500 },
      SendTaskHeartbeat: { bucketSize: 3000, refillPerSecond: 500 },
      StateTransition: { bucketSize: 5000, refillPerSecond: 1500 },
    });
  });

  it('gives regions outside us-east-1, us-west-2 and eu-west-1 the smaller buckets', () => {
    expect(awsDefaultQuotas('us-west-2').StartExecution).toEqual({ bucketSize: 1300, refillPerSecond: 300 });
    expect(awsDefaultQuotas('sa-east-1')).toMatchObject({ StartExecution: { bucketSize: 800, refillPerSecond: 150 }, StopExecution: { bucketSize: 500, refillPerSecond: 25 }, StateTransition: { bucketSize: 800, refillPerSecond: 500 } });
  });

  it('lets a later bucket override the profile', () => {
    const quotas = parseSfnQuotas('aws-sa-east-1, StartExecution=5/2.5,StartSyncExecution=10/10');

    expect(quotas.StartExecution).toEqual({ bucketSize: 5, refillPerSecond: 2.5 });
    expect(quotas.StartSyncExecution).toEqual({ bucketSize: 10, refillPerSecond: 10 });
    expect(quotas.SendTaskSuccess).toEqual({ bucketSize: 1500, refillPerSecond: 300 });
  });

  it('names the item it cannot read', () => {
    expect(() => parseSfnQuotas('StartExecution=5')).toThrow("--sfn-quotas: cannot read 'StartExecution=5': give a profile (aws-us-east-1) or Operation=bucket/refillPerSecond (StartExecution=5/2)");
    expect(() => parseSfnQuotas('ListExecutions=5/1')).toThrow(/^--sfn-quotas: 'ListExecutions' is not throttled locally; one of StartExecution, /);
    expect(() => parseSfnQuotas('StartExecution=0/1')).toThrow("--sfn-quotas: 'StartExecution=0/1' needs a bucket of at least 1 and a refill above 0");
  });
});

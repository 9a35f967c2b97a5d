import { PRICE_KEYS, type PerInvoiceUsage, type Price, type PriceKey, type PriceTable } from '../../../contracts/costModel';
import { totalUsd } from '../../../scripts/cost/costLine';
import { ourArchitectureCost } from '../../../scripts/cost/ourArchitectureCost';
import { seedEcsArchitecture } from '../../../scripts/cost/seedArchitectures';

/** Round prices, so every line below can be checked with pencil and paper. */
const ROUND_PRICES: Record<PriceKey, Pick<Price, 'usd' | 'per'>> = {
  stepFunctionsStandardTransition: { usd: 0.025, per: 1000 },
  stepFunctionsExpressRequest: { usd: 1, per: 1_000_000 },
  stepFunctionsExpressGbSecond: { usd: 0.00001667, per: 1 },
  lambdaRequest: { usd: 0.2, per: 1_000_000 },
  lambdaArmGbSecond: { usd: 0.00001, per: 1 },
  apiGatewayRestRequest: { usd: 3.5, per: 1_000_000 },
  sqsRequest: { usd: 0.4, per: 1_000_000 },
  dynamoDbWriteRequestUnit: { usd: 0.625, per: 1_000_000 },
  dynamoDbReadRequestUnit: { usd: 0.125, per: 1_000_000 },
  auroraServerlessV2AcuHour: { usd: 0.12, per: 1 },
  dataApiRequest: { usd: 0.35, per: 1_000_000 },
  eventBridgeEvent: { usd: 1, per: 1_000_000 },
  s3PutRequest: { usd: 0.005, per: 1000 },
  s3GetRequest: { usd: 0.0004, per: 1000 },
  s3StorageGbMonth: { usd: 0.023, per: 1 },
  cloudWatchLogsIngestGb: { usd: 0.5, per: 1 },
  fargateArmVcpuHour: { usd: 0.04, per: 1 },
  fargateArmGbHour: { usd: 0.004, per: 1 },
  natGatewayHour: { usd: 0.045, per: 1 },
  natGatewayGb: { usd: 0.045, per: 1 },
  albHour: { usd: 0.02, per: 1 },
  albLcuHour: { usd: 0.01, per: 1 },
  rdsT4gMicroHour: { usd: 0.02, per: 1 },
  rdsProxyVcpuHour: { usd: 0.015, per: 1 },
  amazonMqT3MicroHour: { usd: 0.03, per: 1 },
};

function table(): PriceTable {
  const prices = Object.fromEntries(PRICE_KEYS.map((key) => [key, { ...ROUND_PRICES[key], unit: key, source: 'https://example.com/prices', read: '2026-12-07', basis: key === 'stepFunctionsStandardTransition' ? 'aws-page' : 'estimate' }])) as Record<PriceKey, Price>;
  return { region: 'test-1', currency: 'USD', prices };
}

/** 2^20 invoices: 1 KiB each is exactly one billed GB. */
const N = 1_048_576;

const USAGE: PerInvoiceUsage = {
  apiRequests: 1,
  lambdaInvocations: 1,
  lambdaMs: 49.2,
  stateTransitions: 7,
  retryTransitions: 0.5,
  historyEvents: 32,
  stepFunctionsLogBytes: 1024,
  stepFunctionsApiRequests: 4,
  sqsRequests: 5,
  sqsBytes: 1000,
  dynamoDbReads: 2,
  dynamoDbWrites: 8,
  invoiceItemBytes: 1500,
  dataApiRequests: 1,
  eventBridgeEvents: 1,
  s3Puts: 2,
  s3Gets: 1,
  s3BytesPut: 2048,
  natBytes: 4096,
  webhookFanout: { type: 'STANDARD', executions: 1, stateTransitions: 5, historyEvents: 20, stepFunctionsLogBytes: 2048, dynamoDbQueries: 1, billedMsPerExecution: 100 },
};

const OPTIONS = { invoicesPerMonth: N, lambdaMemoryMb: 1024, adapterTasks: 2, adapterVcpu: 0.5, adapterMemoryGb: 1, natGateways: 1, auroraAcu: 1, lambdaLogBytesPerInvocation: 0 } as const;

describe('ourArchitectureCost', () => {
  it('prices every line as computed by hand', () => {
    const lines = ourArchitectureCost(USAGE, table(), OPTIONS);

    expect(lines.map((line) => [line.service, line.quantity])).toEqual([
      ['API Gateway (REST)', N],
      ['Lambda', N],
      ['Lambda', 52_428.8], // N x 50 ms (49.2 rounded up to whole ms) x 1 GB
      ['Step Functions (Standard)', 7_864_320], // N x (7 + 0.5 retries)
      ['Step Functions (Standard)', 5_242_880], // webhook fan-out: N x 5 transitions
      ['DynamoDB (on-demand)', N], // webhook fan-out: N x 1 Query, one read unit each
      ['CloudWatch Logs', 2], // webhook fan-out: N x 2 KiB = 2 GB
      ['SQS', 5_242_880], // N x 5, 200 bytes each: one 64 KB chunk
      ['DynamoDB (on-demand)', 16_777_216], // N x 8 writes x 2 units (1,500 bytes: two started KB)
      ['DynamoDB (on-demand)', 2_097_152],
      ['Aurora Data API', N],
      ['Aurora Serverless v2', 730],
      ['EventBridge', N],
      ['S3', 2_097_152],
      ['S3', N],
      ['S3', 2], // N x 2 KiB = 2 GB
      ['CloudWatch Logs', 1], // N x 1 KiB = 1 GB
      ['ECS Fargate (adapters)', 730], // 2 tasks x 0.5 vCPU x 730 h
      ['ECS Fargate (adapters)', 1460],
      ['NAT gateway', 730],
      ['NAT gateway', 4],
    ]);
    const dollars = lines.map((line) => line.usd);
    // The fan-out: 5,242,880 / 1,000 x $0.025 = $131.072; 1,048,576 / 1,000,000 x $0.125 = $0.131072; 2 GB x $0.5 = $1.
    const byHand = [3.670016, 0.2097152, 0.524288, 196.608, 131.072, 0.131072, 1, 2.097152, 10.48576, 0.262144, 0.3670016, 87.6, 1.048576, 10.48576, 0.4194304, 0.046, 0.5, 29.2, 5.84, 32.85, 0.18];
    dollars.forEach((value, i) => expect(value).toBeCloseTo(byHand[i] ?? Number.NaN, 9));
    // 382.3938432 without the fan-out, + 131.072 + 0.131072 + 1.
    expect(totalUsd(lines)).toBeCloseTo(514.5969152, 9);
  });

  it('prices the webhook fan-out as Express when asked: a request per execution and its billed duration at 64 MB', () => {
    const lines = ourArchitectureCost(USAGE, table(), { ...OPTIONS, fanoutType: 'EXPRESS' }).filter((line) => line.item.startsWith('webhook fan-out'));

    expect(lines.map((line) => [line.service, line.quantity, line.usd])).toEqual([
      ['Step Functions (Express)', N, expect.closeTo(1.048576, 9)], // N x $1 per million
      ['Step Functions (Express)', 6_553.6, expect.closeTo(0.109248512, 9)], // N x 0.1 s x 64/1024 GB, x $0.00001667
      ['DynamoDB (on-demand)', N, expect.closeTo(0.131072, 9)],
      ['CloudWatch Logs', 2, expect.closeTo(1, 9)],
    ]);
  });

  it('bills a request of more than 64 KB as one SQS request per chunk', () => {
    const lines = ourArchitectureCost({ ...USAGE, sqsRequests: 5, sqsBytes: 5 * 70_000 }, table(), OPTIONS);

    expect(lines.find((line) => line.service === 'SQS')?.quantity).toBe(N * 5 * 2);
  });

  it('marks a line priced from an estimate as an estimate', () => {
    const lines = ourArchitectureCost(USAGE, table(), OPTIONS);

    expect(lines.find((line) => line.service === 'Step Functions (Standard)')?.basis).toBe('aws-page');
    expect(lines.find((line) => line.service === 'SQS')?.basis).toBe('estimate');
  });
});

describe('seedEcsArchitecture', () => {
  it('re-prices the seed\'s quantities and keeps its claims beside them', () => {
    const ecs = seedEcsArchitecture(table());

    expect(ecs.lines.map((line) => [line.service, line.usd, line.claimedUsd])).toEqual([
      ['CloudFront + S3', 5, 5],
      ['Application Load Balancer', 730 * 0.02, 75],
      ['Application Load Balancer', 730 * 0.01, 0],
      ['ECS Fargate', 2 * 0.25 * 730 * 0.04, 18],
      ['ECS Fargate', 2 * 0.5 * 730 * 0.004, 0],
      ['RDS PostgreSQL', 2 * 730 * 0.02, 15],
      ['Amazon MQ (RabbitMQ)', 730 * 0.03, 28],
      ['NAT gateway', 730 * 0.045, 35],
    ]);
    expect(ecs.claimedTotalUsd).toBe(180);
  });
});

describe('ourArchitectureCost design variants', () => {
  const stepFunctions = (variant: 'express-split' | 'batched'): Array<[string, number, number]> =>
    ourArchitectureCost(USAGE, table(), { ...OPTIONS, variant })
      .filter((line) => !line.item.startsWith('webhook fan-out'))
      .filter((line) => line.service.startsWith('Step Functions') || line.service === 'SQS' || line.service === 'Aurora Data API')
      .map((line) => [line.service, line.quantity, line.usd]);

  it('keeps four Standard transitions around the callback and runs the rest as one Express execution', () => {
    const [standard, requests, duration, sqs, dataApi] = stepFunctions('express-split');

    expect(standard).toEqual(['Step Functions (Standard)', 4_718_592, expect.closeTo(117.9648, 9)]); // N x (4 + 0.5 retries)
    expect(requests).toEqual(['Step Functions (Express)', N, expect.closeTo(1.048576, 9)]);
    expect(duration).toEqual(['Step Functions (Express)', 13_107.2, expect.closeTo(0.218497024, 9)]); // N x 200 ms x 64 MB
    expect(sqs?.[1]).toBe(5_242_880);
    expect(dataApi?.[1]).toBe(N);
  });

  it('divides the per-lot calls by the lot of 50 when invoices are batched', () => {
    const [standard, requests, duration, sqs, dataApi] = stepFunctions('batched');

    expect(standard?.[1]).toBeCloseTo(N * ((7 + 1) / 50 + 0.5), 6);
    expect(requests?.[1]).toBeCloseTo(20_971.52, 6);
    expect(duration?.[1]).toBeCloseTo(20_971.52 * 0.125, 6); // 1 s x 128 MB per lot
    expect(sqs?.[1]).toBeCloseTo(104_857.6, 6);
    expect(dataApi?.[1]).toBeCloseTo(20_971.52, 6);
  });

  it('scales the Step Functions log bytes with the Standard transitions left', () => {
    const logs = ourArchitectureCost(USAGE, table(), { ...OPTIONS, variant: 'batched' }).find((line) => line.service === 'CloudWatch Logs' && !line.item.startsWith('webhook fan-out'));

    expect(logs?.quantity).toBeCloseTo((1024 * (0.66 / 7.5)) / 1024, 9); // N x 90.112 bytes = 0.088 GB
  });
});

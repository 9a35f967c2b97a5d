import type { PriceTable } from '../../contracts/costModel';
import { HOURS_PER_MONTH, pricedLine, weakest, type CostLine } from './costLine';

/** The volume seed 004 prices both of its architectures at: 1M invoice requests a month. */
export const SEED_INVOICES_PER_MONTH = 1_000_000;

/** One of seed 004's architectures: its lines re-priced from our table beside what the seed claimed. */
export interface SeedArchitecture {
  readonly name: string;
  readonly claimedTotalUsd: number;
  readonly lines: readonly CostLine[];
}

function claimed(line: CostLine, claimedUsd: number): CostLine {
  return { ...line, claimedUsd };
}

/** A line we take from the seed as it is (a part we do not price, e.g. its CloudFront front end). */
function seedOnly(service: string, item: string, claimedUsd: number): CostLine {
  return { service, item, quantity: 1, unit: 'month', usd: claimedUsd, basis: 'seed-claim', claimedUsd };
}

function lambdaLines(prices: PriceTable, name: string, invocations: number, memoryMb: number, ms: number, claimedUsd: number): CostLine[] {
  const requests = pricedLine(prices, 'lambdaRequest', `Lambda ${name}`, 'requests', invocations);
  const duration = pricedLine(prices, 'lambdaArmGbSecond', `Lambda ${name}`, `duration (${ms} ms x ${memoryMb} MB, arm64)`, invocations * (ms / 1000) * (memoryMb / 1024));
  // The seed gives one figure for both.
  return [claimed(requests, claimedUsd), { ...duration, claimedUsd: 0 }];
}

/**
 * Seed 004's current architecture (ECS + RabbitMQ, "$180/mês") with its own quantities: 2
 * Fargate tasks of 0.25 vCPU / 512 MB on ARM, an ALB, RDS t4g.micro Multi-AZ, Amazon MQ
 * t3.micro, one NAT gateway.
 */
export function seedEcsArchitecture(prices: PriceTable): SeedArchitecture {
  const albHours = pricedLine(prices, 'albHour', 'Application Load Balancer', '1 ALB', HOURS_PER_MONTH);
  const albLcu = pricedLine(prices, 'albLcuHour', 'Application Load Balancer', '1 LCU (estimate: 1M requests a month is far below one)', HOURS_PER_MONTH);
  return {
    name: 'seed 004: ECS + RabbitMQ',
    claimedTotalUsd: 180,
    lines: [
      seedOnly('CloudFront + S3', 'front end (not re-priced)', 5),
      claimed({ ...albHours, basis: weakest(albHours.basis, albLcu.basis) }, 75),
      { ...albLcu, claimedUsd: 0 },
      claimed(pricedLine(prices, 'fargateArmVcpuHour', 'ECS Fargate', '2 tasks x 0.25 vCPU', 2 * 0.25 * HOURS_PER_MONTH), 18),
      { ...pricedLine(prices, 'fargateArmGbHour', 'ECS Fargate', '2 tasks x 0.5 GB', 2 * 0.5 * HOURS_PER_MONTH), claimedUsd: 0 },
      claimed(pricedLine(prices, 'rdsT4gMicroHour', 'RDS PostgreSQL', 'db.t4g.micro Multi-AZ (2 instances)', 2 * HOURS_PER_MONTH), 15),
      claimed(pricedLine(prices, 'amazonMqT3MicroHour', 'Amazon MQ (RabbitMQ)', 'mq.t3.micro single instance', HOURS_PER_MONTH), 28),
      claimed(pricedLine(prices, 'natGatewayHour', 'NAT gateway', '1 gateway (data not priced)', HOURS_PER_MONTH), 35),
    ],
  };
}

/**
 * Seed 004's proposed architecture (serverless, "$44/mês") with its own quantities: 1M API
 * requests, two 512 MB arm64 Lambdas at 1M invocations (8 and 12 ms warm), the 256 MB outbox
 * Lambda at 500K, 1M EventBridge events, 1M SQS messages, RDS t4g.micro Single-AZ behind RDS Proxy.
 */
export function seedServerlessArchitecture(prices: PriceTable): SeedArchitecture {
  const outbox = lambdaLines(prices, 'Outbox Processor', 500_000, 256, 100, 2);
  return {
    name: 'seed 004: serverless',
    claimedTotalUsd: 43.6,
    lines: [
      claimed(pricedLine(prices, 'apiGatewayRestRequest', 'API Gateway (REST)', 'requests', SEED_INVOICES_PER_MONTH), 3.5),
      ...lambdaLines(prices, 'Faturamento', SEED_INVOICES_PER_MONTH, 512, 8, 8),
      ...lambdaLines(prices, 'Estoque', SEED_INVOICES_PER_MONTH, 512, 12, 8),
      // The seed gives no duration for the outbox Lambda: 100 ms is our estimate.
      ...outbox.map((line) => ({ ...line, basis: weakest(line.basis, 'estimate') })),
      claimed(pricedLine(prices, 'eventBridgeEvent', 'EventBridge', 'events', SEED_INVOICES_PER_MONTH), 1),
      // A message is sent, received and deleted: three requests (the seed priced one).
      claimed(pricedLine(prices, 'sqsRequest', 'SQS', '1M messages x (send + receive + delete)', 3 * SEED_INVOICES_PER_MONTH), 0.4),
      claimed(pricedLine(prices, 'rdsT4gMicroHour', 'RDS PostgreSQL', 'db.t4g.micro Single-AZ', HOURS_PER_MONTH), 12),
      claimed(pricedLine(prices, 'rdsProxyVcpuHour', 'RDS Proxy', 'minimum 2 vCPU', 2 * HOURS_PER_MONTH), 11),
    ],
  };
}

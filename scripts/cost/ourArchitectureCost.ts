import type { PerInvoiceUsage, PriceTable, WorkflowType } from '../../contracts/costModel';
import { BYTES_PER_GB, HOURS_PER_MONTH, pricedLine, weakest, type CostLine } from './costLine';
import { variantUsage, type DesignVariant } from './designVariants';
import { fanoutCost } from './fanoutCost';

/** What the CDK app deploys that the bill depends on (see `infra/`), and the month's volume. */
export interface OurArchitectureOptions {
  readonly invoicesPerMonth: number;
  /** Which design of `docs/capacity.md` to price. @default 'as-deployed' */
  readonly variant?: DesignVariant;
  /** The type to price the webhook fan-out as. @default the type it was measured as */
  readonly fanoutType?: WorkflowType;
  /** @default 512 (`infra/lib/constructs/TaskFunction.ts`) */
  readonly lambdaMemoryMb?: number;
  /** Adapter tasks running all month. @default 1 (`AdapterService` minTasks) */
  readonly adapterTasks?: number;
  /** @default 0.5 (`AdapterService`: cpu 512) */
  readonly adapterVcpu?: number;
  /** @default 1 (`AdapterService`: memoryLimitMiB 1024) */
  readonly adapterMemoryGb?: number;
  /** @default 1 (`appConfig` natGateways) */
  readonly natGateways?: number;
  /** Mean ACUs the Aurora Serverless v2 writer holds over the month. @default 0.5 */
  readonly auroraAcu?: number;
  /** CloudWatch Logs bytes per Lambda invocation (START/END/REPORT platform lines). @default 400, an estimate */
  readonly lambdaLogBytesPerInvocation?: number;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

const DEFAULTS = { lambdaMemoryMb: 512, adapterTasks: 1, adapterVcpu: 0.5, adapterMemoryGb: 1, natGateways: 1, auroraAcu: 0.5, lambdaLogBytesPerInvocation: 400 } as const;

/**
 * Our monthly bill, line by line: every usage figure is `invoicesPerMonth` × what one invoice
 * measured locally (`u`), every price from the region's dated table; the always-on parts (adapter
 * tasks, NAT gateway, Aurora's ACUs) from the deployment. The webhook fan-out the invoice's
 * events start has lines of its own, right after the emission's Step Functions lines.
 */
export function ourArchitectureCost(u: PerInvoiceUsage, prices: PriceTable, options: OurArchitectureOptions): CostLine[] {
  const o = {
    lambdaMemoryMb: options.lambdaMemoryMb ?? DEFAULTS.lambdaMemoryMb,
    adapterTasks: options.adapterTasks ?? DEFAULTS.adapterTasks,
    adapterVcpu: options.adapterVcpu ?? DEFAULTS.adapterVcpu,
    adapterMemoryGb: options.adapterMemoryGb ?? DEFAULTS.adapterMemoryGb,
    natGateways: options.natGateways ?? DEFAULTS.natGateways,
    auroraAcu: options.auroraAcu ?? DEFAULTS.auroraAcu,
    lambdaLogBytesPerInvocation: options.lambdaLogBytesPerInvocation ?? DEFAULTS.lambdaLogBytesPerInvocation,
  };
  const n = options.invoicesPerMonth;
  const variant = options.variant ?? 'as-deployed';
  const v = variantUsage(variant, u);
  const invocations = n * u.lambdaInvocations;
  // Lambda bills whole milliseconds of each invocation at its configured memory.
  const lambdaGbSeconds = invocations * (Math.ceil(u.lambdaMs) / 1000) * (o.lambdaMemoryMb / 1024);
  // A write consumes one unit per started KB of the larger item image; every write is priced at the invoice record's size (the largest item we write).
  const writeUnits = n * u.dynamoDbWrites * Math.max(1, Math.ceil(u.invoiceItemBytes / 1024));
  // SQS bills each 64 KB chunk of a request as one request.
  const sqsChunks = u.sqsRequests === 0 ? 0 : Math.max(1, Math.ceil(u.sqsBytes / u.sqsRequests / 65_536));
  const express =
    v.expressExecutions === 0
      ? []
      : [
          { ...pricedLine(prices, 'stepFunctionsExpressRequest', 'Step Functions (Express)', `${variant} executions`, n * v.expressExecutions), basis: 'estimate' as const },
          { ...pricedLine(prices, 'stepFunctionsExpressGbSecond', 'Step Functions (Express)', `duration (${v.expressGbSecondsPerExecution} GB-s each)`, n * v.expressExecutions * v.expressGbSecondsPerExecution), basis: 'estimate' as const },
        ];
  // A Standard execution logs a few events per state: its log bytes follow its transitions.
  const measuredTransitions = u.stateTransitions + u.retryTransitions;
  const stepFunctionsLogBytes = measuredTransitions === 0 ? 0 : u.stepFunctionsLogBytes * (v.standardTransitions / measuredTransitions);
  const logBytes = n * (stepFunctionsLogBytes + u.lambdaInvocations * o.lambdaLogBytesPerInvocation);
  const standard = pricedLine(prices, 'stepFunctionsStandardTransition', 'Step Functions (Standard)', `${round(v.standardTransitions)} transitions per invoice (${u.retryTransitions} retries)`, n * v.standardTransitions);

  const fargateVcpu = pricedLine(prices, 'fargateArmVcpuHour', 'ECS Fargate (adapters)', `${o.adapterTasks} task(s) x ${o.adapterVcpu} vCPU`, o.adapterTasks * o.adapterVcpu * HOURS_PER_MONTH);
  const fargateMemory = pricedLine(prices, 'fargateArmGbHour', 'ECS Fargate (adapters)', `${o.adapterTasks} task(s) x ${o.adapterMemoryGb} GB`, o.adapterTasks * o.adapterMemoryGb * HOURS_PER_MONTH);
  const logs = pricedLine(prices, 'cloudWatchLogsIngestGb', 'CloudWatch Logs', 'emission (level ALL, no data) + Lambda platform lines', logBytes / BYTES_PER_GB);
  return [
    pricedLine(prices, 'apiGatewayRestRequest', 'API Gateway (REST)', 'POST /invoices', n * u.apiRequests),
    pricedLine(prices, 'lambdaRequest', 'Lambda', 'requests', invocations),
    pricedLine(prices, 'lambdaArmGbSecond', 'Lambda', `duration (${Math.ceil(u.lambdaMs)} ms x ${o.lambdaMemoryMb} MB, arm64)`, lambdaGbSeconds),
    variant === 'as-deployed' ? standard : { ...standard, basis: weakest(standard.basis, 'estimate') },
    ...express,
    ...fanoutCost(u.webhookFanout, prices, n, options.fanoutType ?? u.webhookFanout.type),
    pricedLine(prices, 'sqsRequest', 'SQS', `${round(u.sqsRequests * v.perLotFactor)} requests per invoice`, n * u.sqsRequests * v.perLotFactor * sqsChunks),
    pricedLine(prices, 'dynamoDbWriteRequestUnit', 'DynamoDB (on-demand)', `${u.dynamoDbWrites} writes per invoice`, writeUnits),
    pricedLine(prices, 'dynamoDbReadRequestUnit', 'DynamoDB (on-demand)', `${u.dynamoDbReads} reads per invoice (1 unit each: strongly consistent, <= 4 KB)`, n * u.dynamoDbReads),
    pricedLine(prices, 'dataApiRequest', 'Aurora Data API', `${round(u.dataApiRequests * v.perLotFactor)} requests per invoice`, n * u.dataApiRequests * v.perLotFactor),
    pricedLine(prices, 'auroraServerlessV2AcuHour', 'Aurora Serverless v2', `${o.auroraAcu} ACU all month`, o.auroraAcu * HOURS_PER_MONTH),
    pricedLine(prices, 'eventBridgeEvent', 'EventBridge', 'InvoiceIssued events', n * u.eventBridgeEvents),
    pricedLine(prices, 's3PutRequest', 'S3', 'PUT (RPS XML, signed RPS, NFS-e XML, DANFSe PDF)', n * u.s3Puts),
    pricedLine(prices, 's3GetRequest', 'S3', 'GET', n * u.s3Gets),
    pricedLine(prices, 's3StorageGbMonth', 'S3', "storage of the month's XML (grows with retention)", (n * u.s3BytesPut) / BYTES_PER_GB),
    { ...logs, basis: weakest(logs.basis, 'estimate') },
    fargateVcpu,
    fargateMemory,
    pricedLine(prices, 'natGatewayHour', 'NAT gateway', `${o.natGateways} gateway(s)`, o.natGateways * HOURS_PER_MONTH),
    pricedLine(prices, 'natGatewayGb', 'NAT gateway', 'adapter traffic: SQS, Step Functions task calls, the city', (n * u.natBytes) / BYTES_PER_GB),
  ];
}

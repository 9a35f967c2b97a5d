import type { FanoutUsage, PriceTable, WorkflowType } from '../../contracts/costModel';
import { BYTES_PER_GB, pricedLine, weakest, type CostLine } from './costLine';
import { EXPRESS_MEMORY_CHUNK_MB } from './designVariants';

/** Memory an Express execution of the fan-out is billed for: the 64 MB minimum chunk (its definition and data are a few KB). */
const FANOUT_EXPRESS_MEMORY_MB = EXPRESS_MEMORY_CHUNK_MB;

const round = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * The webhook fan-out's own lines, per month for `invoicesPerMonth`: Step Functions as the given
 * type bills it (Standard: its transitions; Express: a request per execution and its duration at
 * 64 MB, from the measured durations rounded up to 100 ms), its DynamoDB Query, and its log bytes.
 */
export function fanoutCost(f: FanoutUsage, prices: PriceTable, invoicesPerMonth: number, type: WorkflowType): CostLine[] {
  const n = invoicesPerMonth;
  const stepFunctions: CostLine[] =
    type === 'STANDARD'
      ? [pricedLine(prices, 'stepFunctionsStandardTransition', 'Step Functions (Standard)', `webhook fan-out: ${round(f.stateTransitions)} transitions per invoice`, n * f.stateTransitions)]
      : [
          pricedLine(prices, 'stepFunctionsExpressRequest', 'Step Functions (Express)', `webhook fan-out: ${round(f.executions)} executions per invoice`, n * f.executions),
          pricedLine(prices, 'stepFunctionsExpressGbSecond', 'Step Functions (Express)', `webhook fan-out: duration (${round(f.billedMsPerExecution)} ms x ${FANOUT_EXPRESS_MEMORY_MB} MB each)`, n * f.executions * (f.billedMsPerExecution / 1000) * (FANOUT_EXPRESS_MEMORY_MB / 1024)),
        ];
  const logs = pricedLine(prices, 'cloudWatchLogsIngestGb', 'CloudWatch Logs', 'webhook fan-out (level ALL, no data)', (n * f.stepFunctionsLogBytes) / BYTES_PER_GB);
  return [
    ...stepFunctions,
    pricedLine(prices, 'dynamoDbReadRequestUnit', 'DynamoDB (on-demand)', `webhook fan-out: ${round(f.dynamoDbQueries)} Query per invoice (1 unit each, an upper bound)`, n * f.dynamoDbQueries),
    { ...logs, basis: weakest(logs.basis, 'estimate') },
  ];
}

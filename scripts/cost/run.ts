/**
 * `npm run cost -- --invoices-per-month N [--region R]`: our architecture's monthly bill per
 * service from the per-invoice usage measured in real local executions
 * (`docs/cost/measured-profile.json`) and a dated price table (`docs/prices/{region}.json`),
 * then seed 004's two architectures at the seed's volume beside ours. See `docs/capacity.md`.
 *
 *   --scenario clean | transient-errors   which measured run to price (default clean)
 *   --design as-deployed | express-split | batched   which design of docs/capacity.md (default as-deployed)
 *   --fanout standard | express   the type to price the webhook fan-out as (default: as measured)
 *   --adapter-tasks N  --aurora-acu A  --nat-gateways G   the always-on capacity (defaults: the CDK app's)
 *   --measure [--measure-invoices K]     re-measure first (starts the local stack; ~1 min) and rewrite the profile
 */
import { parseArgs } from 'node:util';
import { WORKFLOW_TYPES, type CostProfile, type MeasuredScenario, type PriceTable, type WorkflowType } from '../../contracts/costModel';
import { CostInputError, loadPriceTable, loadProfile, saveProfile } from './costData';
import { totalUsd } from './costLine';
import { formatCostTable, usd } from './formatCostTable';
import { ourArchitectureCost, type OurArchitectureOptions } from './ourArchitectureCost';
import { DESIGN_VARIANTS, type DesignVariant } from './designVariants';
import { SEED_INVOICES_PER_MONTH, seedEcsArchitecture, seedServerlessArchitecture } from './seedArchitectures';

const SCENARIOS = { clean: 'clean', 'transient-errors': 'transientErrors' } as const;

function positive(flag: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new CostInputError(`--${flag} is required (a positive number)`);
  }
  const number = Number(value.replace(/_/g, ''));
  if (!Number.isFinite(number) || number <= 0) throw new CostInputError(`--${flag} must be a positive number, got '${value}'`);
  return number;
}

function usageLine(scenario: MeasuredScenario): string {
  const u = scenario.perInvoice;
  const f = u.webhookFanout;
  return [
    `${u.stateTransitions} state transitions + ${u.retryTransitions} retries, ${u.sqsRequests.toFixed(2)} SQS requests, ${u.dynamoDbWrites.toFixed(2)} DynamoDB writes + ${u.dynamoDbReads.toFixed(2)} reads,`,
    `  ${u.dataApiRequests} Data API statements, ${u.s3Puts} S3 PUTs, ${u.eventBridgeEvents} events, ${u.lambdaInvocations} Lambda invocation of ${u.lambdaMs.toFixed(1)} ms, ${u.stepFunctionsApiRequests.toFixed(2)} Step Functions API calls per invoice;`,
    `  webhook fan-out (measured ${f.type}): ${f.executions} executions, ${f.stateTransitions} states entered, ${f.dynamoDbQueries} DynamoDB Query, ${f.billedMsPerExecution} ms billed each as Express, ${Math.round(f.stepFunctionsLogBytes)} log bytes per invoice`,
  ].join('\n');
}

/** The whole printout for one volume, region and scenario. */
export function costReport(profile: CostProfile, scenarioName: keyof typeof SCENARIOS, prices: PriceTable, options: OurArchitectureOptions): string {
  const scenario = profile.scenarios[SCENARIOS[scenarioName]];
  const ours = ourArchitectureCost(scenario.perInvoice, prices, options);
  const oursAtSeed = ourArchitectureCost(scenario.perInvoice, prices, { ...options, invoicesPerMonth: SEED_INVOICES_PER_MONTH });
  const ecs = seedEcsArchitecture(prices);
  const serverless = seedServerlessArchitecture(prices);
  const n = options.invoicesPerMonth;
  const readDates = [...new Set(Object.values(prices.prices).map((price) => price.read))].join(', ');
  return [
    `nfse-flow cost model: ${prices.region} prices (docs/prices/${prices.region}.json, read ${readDates}); usage measured ${profile.measuredAt} (scenario ${scenarioName}: ${scenario.description}, ${scenario.issued}/${scenario.invoices} invoices issued)`,
    `per invoice: ${usageLine(scenario)}`,
    '',
    formatCostTable(`Our architecture (design ${options.variant ?? 'as-deployed'}, webhook fan-out ${options.fanoutType ?? scenario.perInvoice.webhookFanout.type}) at ${n.toLocaleString('en-US')} invoices/month`, ours),
    `per 1,000 invoices: ${usd((totalUsd(ours) / n) * 1000)}`,
    '',
    `At seed 004's volume (${SEED_INVOICES_PER_MONTH.toLocaleString('en-US')} invoices/month), priced from the same table:`,
    '',
    formatCostTable(`Our architecture (design ${options.variant ?? 'as-deployed'})`, oursAtSeed),
    '',
    formatCostTable(ecs.name, ecs.lines, ecs.claimedTotalUsd),
    '',
    formatCostTable(serverless.name, serverless.lines, serverless.claimedTotalUsd),
    '',
    `summary at ${SEED_INVOICES_PER_MONTH.toLocaleString('en-US')}/month: ours ${usd(totalUsd(oursAtSeed))}, ${ecs.name} ${usd(totalUsd(ecs.lines))} (seed said ${usd(ecs.claimedTotalUsd)}), ${serverless.name} ${usd(totalUsd(serverless.lines))} (seed said ${usd(serverless.claimedTotalUsd)})`,
    'basis: aws-page = read on an AWS page; secondary-source = a dated page quoting AWS; estimate = not read (see the note in the price file); seed-claim = the seed\'s figure, not re-priced',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'invoices-per-month': { type: 'string' },
      region: { type: 'string', default: 'sa-east-1' },
      scenario: { type: 'string', default: 'clean' },
      design: { type: 'string', default: 'as-deployed' },
      fanout: { type: 'string' },
      'adapter-tasks': { type: 'string' },
      'aurora-acu': { type: 'string' },
      'nat-gateways': { type: 'string' },
      measure: { type: 'boolean', default: false },
      'measure-invoices': { type: 'string' },
    },
    strict: true,
  });
  const invoicesPerMonth = positive('invoices-per-month', values['invoices-per-month']);
  const scenario = values.scenario;
  if (!(scenario in SCENARIOS)) throw new CostInputError(`--scenario must be one of ${Object.keys(SCENARIOS).join(', ')}, got '${scenario}'`);
  const design = values.design;
  if (!(DESIGN_VARIANTS as readonly string[]).includes(design)) throw new CostInputError(`--design must be one of ${DESIGN_VARIANTS.join(', ')}, got '${design}'`);
  const fanout = values.fanout?.toUpperCase();
  if (fanout !== undefined && !(WORKFLOW_TYPES as readonly string[]).includes(fanout)) throw new CostInputError(`--fanout must be standard or express, got '${values.fanout ?? ''}'`);
  const prices = await loadPriceTable(values.region);
  if (values.measure) {
    const { measureProfile } = await import('./measureProfile');
    await saveProfile(await measureProfile({ invoices: positive('measure-invoices', values['measure-invoices'], 300) }));
  }
  const profile = await loadProfile();
  const options: OurArchitectureOptions = {
    invoicesPerMonth,
    variant: design as DesignVariant,
    fanoutType: fanout as WorkflowType | undefined,
    adapterTasks: values['adapter-tasks'] !== undefined ? positive('adapter-tasks', values['adapter-tasks']) : undefined,
    auroraAcu: values['aurora-acu'] !== undefined ? positive('aurora-acu', values['aurora-acu']) : undefined,
    natGateways: values['nat-gateways'] !== undefined ? positive('nat-gateways', values['nat-gateways']) : undefined,
  };
  process.stdout.write(costReport(profile, scenario as keyof typeof SCENARIOS, prices, options));
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const known = error instanceof CostInputError || (error instanceof Error && error.name === 'TypeError' && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
      process.stderr.write(known ? `npm run cost: ${(error as Error).message}\n` : `npm run cost failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(known ? 2 : 1);
    },
  );
}

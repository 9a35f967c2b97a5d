import { ExecuteStatementCommand, type RDSDataClient } from '@aws-sdk/client-rds-data';
import { DescribeExecutionCommand, ExecutionAlreadyExists, ListExecutionsCommand, StartExecutionCommand, type DescribeExecutionCommandOutput, type SFNClient } from '@aws-sdk/client-sfn';
import { BillingCycleInputSchema, BillingMonthHeldSchema, BillingSummarySchema, type BillingCycleInput } from '../../contracts/billingCycle';
import type { BillingCompanyOutcome, BillingRun, BillingRunDetail, ListBillingRunsQuery, ListBillingRunsResponse, StartBillingRunRequest, StartedBillingRun } from '../../contracts/billingRuns';
import { monthInSaoPaulo, resolveCompetencia } from '../billing/competenciaOf';
import { executionArnOf } from '../shared/executionArnOf';
import { describeOrNotFound } from '../shared/executionOrNotFound';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import type { PageTokens } from '../shared/PageTokens';

/** What the billing routes talk to. */
export interface BillingRunsDeps {
  readonly sfn: SFNClient;
  readonly rds: RDSDataClient;
  readonly stateMachineArn: string;
  /** `schema`: the billing tables' (`BILLING_SCHEMA`, a checked identifier). */
  readonly db: { readonly clusterArn: string; readonly secretArn: string; readonly name: string; readonly schema: string };
  /** The usage platform's company ids (to refuse unknown ones). */
  readonly companyIds: () => Promise<ReadonlySet<string>>;
  readonly now: () => Date;
  /** Seals Step Functions' page token in the `nextToken` of `GET /billing/runs`. */
  readonly pageTokens: PageTokens;
}

/**
 * `POST /billing/runs`: refuses a month that is not one yet and companies the usage platform
 * does not have (400 naming the field), and a month a run is billing right now (409 naming it);
 * otherwise starts BillingCycleWorkflow as `manual-{competencia}-{n}`, n one more than the month's
 * manual runs so far. The name makes the check atomic: two requests that both found the month idle
 * read the same runs, pick the same name, and Step Functions starts it once (the other start is
 * `ExecutionAlreadyExists`, a 409 too; their inputs differ by requestId, so it is never taken as a
 * replay of the same start).
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 */
export async function startBillingRun(deps: BillingRunsDeps, request: StartBillingRunRequest, requestId: string): Promise<StartedBillingRun> {
  const thisMonth = monthInSaoPaulo(deps.now());
  if (request.competencia > thisMonth) {
    throw new ValidationError(`Invalid request: competencia must not be a future month (this month is ${thisMonth})`, [{ field: 'competencia', message: `must not be a future month (this month is ${thisMonth})` }]);
  }
  if (request.empresaIds !== undefined) {
    const known = await deps.companyIds();
    const unknown = request.empresaIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      const message = `the usage platform has no company ${unknown.join(', ')}`;
      throw new ValidationError(`Invalid request: empresaIds ${message}`, [{ field: 'empresaIds', message }]);
    }
  }
  const month = await runsOfMonth(deps, request.competencia);
  if (month.running !== undefined) throw runInProgress(request.competencia, month.running);
  const runId = `manual-${request.competencia}-${month.manualRuns + 1}`;
  const input: BillingCycleInput = { competencia: request.competencia, ...(request.empresaIds !== undefined ? { empresaIds: request.empresaIds } : {}), trigger: 'manual', requestId };
  try {
    const started = await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.stateMachineArn, name: runId, input: JSON.stringify(input) }));
    return { runId, executionArn: started.executionArn ?? executionArnOf(deps.stateMachineArn, runId), competencia: request.competencia };
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) throw runInProgress(request.competencia, executionArnOf(deps.stateMachineArn, runId));
    throw error;
  }
}

function runInProgress(competencia: string, executionArn: string): ConflictError {
  return new ConflictError('RunInProgress', `A billing run of ${competencia} is running: ${executionArn}`, { executionArn });
}

/**
 * From one listing of the machine's executions: the running one billing `competencia`, if any (a
 * scheduled `auto` one counts for the month it resolved to), and how many manual runs it has had.
 */
async function runsOfMonth(deps: BillingRunsDeps, competencia: string): Promise<{ readonly running?: string; readonly manualRuns: number }> {
  const numbered = new RegExp(`^manual-${competencia}-(\\d+)$`);
  let manualRuns = 0;
  let running: string | undefined;
  let nextToken: string | undefined;
  do {
    const page = await deps.sfn.send(new ListExecutionsCommand({ stateMachineArn: deps.stateMachineArn, maxResults: 1000, nextToken }));
    for (const execution of page.executions ?? []) {
      const n = Number(numbered.exec(execution.name ?? '')?.[1] ?? 0);
      manualRuns = Math.max(manualRuns, n);
      if (running !== undefined || execution.status !== 'RUNNING') continue;
      const described = await deps.sfn.send(new DescribeExecutionCommand({ executionArn: execution.executionArn }));
      if (runOf(described)?.competencia === competencia) running = execution.executionArn;
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return { ...(running !== undefined ? { running } : {}), manualRuns };
}

/**
 * `GET /billing/runs`: the runs, newest first, a page at a time: Step Functions' own page of the
 * state machine's executions, its token sealed (a token of another listing, or made up, is a 400
 * naming `nextToken`).
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html
 */
export async function listBillingRuns(deps: BillingRunsDeps, query: Pick<ListBillingRunsQuery, 'limit' | 'nextToken'>): Promise<ListBillingRunsResponse> {
  const listing = `billing-runs ${deps.stateMachineArn}`;
  const opened = query.nextToken !== undefined ? deps.pageTokens.open(listing, query.nextToken) : undefined;
  if (opened !== undefined && typeof opened !== 'string') {
    throw new ValidationError('nextToken is not a token this API gave out for this listing', [{ field: 'nextToken', message: 'is not a token this API gave out for this listing' }]);
  }
  const page = await deps.sfn.send(new ListExecutionsCommand({ stateMachineArn: deps.stateMachineArn, maxResults: query.limit, nextToken: opened }));
  const described = await Promise.all((page.executions ?? []).map((execution) => deps.sfn.send(new DescribeExecutionCommand({ executionArn: execution.executionArn }))));
  const items = described.map(runOf).filter((run): run is BillingRun => run !== undefined);
  return { items, ...(page.nextToken !== undefined ? { nextToken: deps.pageTokens.seal(listing, page.nextToken) } : {}) };
}

/** `GET /billing/runs/{id}`: the run and each company of its month as recorded now. */
export async function getBillingRun(deps: BillingRunsDeps, runId: string): Promise<BillingRunDetail> {
  const executionArn = executionArnOf(deps.stateMachineArn, runId);
  const described = await describeOrNotFound(deps.sfn, executionArn, () => new NotFoundError(`Billing run ${runId} not found`));
  const run = runOf(described);
  if (run === undefined) throw new NotFoundError(`Billing run ${runId} not found`);
  return { ...run, companies: await companiesOf(deps, run.competencia) };
}

/**
 * A run from its execution; undefined for an execution whose input is not a billing cycle's. A run
 * that found its month held ended SUCCEEDED with `{competencia, heldBy}`: `heldBy` names the holder.
 */
function runOf(described: DescribeExecutionCommandOutput): BillingRun | undefined {
  const input = BillingCycleInputSchema.safeParse(parseJson(described.input));
  if (!input.success || described.executionArn === undefined || described.name === undefined || described.status === undefined || described.startDate === undefined) return undefined;
  const output = parseJson(described.output);
  const summary = BillingSummarySchema.safeParse(output);
  const held = BillingMonthHeldSchema.safeParse(output);
  return {
    runId: described.name,
    executionArn: described.executionArn,
    competencia: resolveCompetencia(input.data.competencia, input.data.scheduledAt !== undefined ? new Date(input.data.scheduledAt) : described.startDate),
    trigger: input.data.trigger,
    status: described.status,
    startDate: described.startDate.toISOString(),
    ...(described.stopDate !== undefined ? { stopDate: described.stopDate.toISOString() } : {}),
    ...(summary.success ? { summary: summary.data } : {}),
    // The holder is an execution of the same state machine: its name is its run id.
    ...(held.success ? { heldBy: { runId: held.data.heldBy.split(':').at(-1) ?? held.data.heldBy, executionArn: held.data.heldBy } } : {}),
  };
}

interface ConsolidationRow {
  readonly empresa_id: string;
  readonly cnpj: string;
  readonly status: BillingCompanyOutcome['status'];
  readonly total_centavos: number;
  readonly contract_id: number | null;
  readonly invoice_id: string | null;
  readonly nfse_number: string | null;
  readonly error_code: string | null;
  readonly error_message: string | null;
  readonly execution_arn: string | null;
}

async function companiesOf(deps: BillingRunsDeps, competencia: string): Promise<BillingCompanyOutcome[]> {
  const result = await deps.rds.send(
    new ExecuteStatementCommand({
      resourceArn: deps.db.clusterArn,
      secretArn: deps.db.secretArn,
      database: deps.db.name,
      sql: `SELECT empresa_id, cnpj, status, total_centavos, contract_id, invoice_id, nfse_number, error_code, error_message, execution_arn FROM ${deps.db.schema}.consolidations WHERE competencia = :competencia ORDER BY length(empresa_id), empresa_id`,
      parameters: [{ name: 'competencia', value: { stringValue: competencia } }],
      formatRecordsAs: 'JSON',
    }),
  );
  const rows = JSON.parse(result.formattedRecords ?? '[]') as ConsolidationRow[];
  return rows.map((row) => ({
    empresaId: row.empresa_id,
    cnpj: row.cnpj,
    status: row.status,
    totalCentavos: Number(row.total_centavos),
    ...(row.contract_id !== null ? { contractId: Number(row.contract_id) } : {}),
    ...(row.invoice_id !== null ? { invoiceId: row.invoice_id } : {}),
    ...(row.nfse_number !== null ? { nfseNumber: row.nfse_number } : {}),
    ...(row.error_code !== null ? { error: { code: row.error_code, message: row.error_message ?? '' } } : {}),
    ...(row.execution_arn !== null ? { executionArn: row.execution_arn } : {}),
  }));
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

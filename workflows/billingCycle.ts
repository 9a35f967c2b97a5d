import { BILLING_ERRORS } from '../contracts/billingErrors';
import type { BillingErpEvent, BillingFailureMessage, BillingMonthHeld, BillingOutcome, BillingSummary, BillingUsageEvent, PrepareInvoiceEvent } from '../contracts/billingCycle';
import { defineBranch, defineWorkflow } from './asl/defineWorkflow';
import { jsonataObject } from './asl/jsonataObject';
import { placeholder } from './asl/placeholders';
import type { Catcher, ChoiceState, Jsonata, StateMachineDefinition, WaitState } from './asl/types';
import { CLAIM_MONTH_SQL, consolidationParameters, LOAD_RECORDED_SQL, RECORD_CONSOLIDATION_SQL, RELEASE_MONTH_PARAMETERS, RELEASE_MONTH_SQL, STORE_USAGE_PARAMETERS, STORE_USAGE_SQL } from './steps/billingSql';
import { emitInvoiceAndWait } from './steps/emitInvoiceAndWait';
import { executeSql } from './steps/executeSql';
import { invokeFunction } from './steps/invokeFunction';
import { CAPTURE_BILLING_ERROR } from './steps/captureBillingError';
import { INFRASTRUCTURE_RETRY, linearRetry } from './steps/retryPolicies';
import { catchRedundant, ERP_WAIT_SECONDS, MAX_REDUNDANT_WAITS, TOO_MANY_REDUNDANT_WAITS } from './steps/waitForErp';

/** Options of {@link billingCycleWorkflow}. */
export interface BillingCycleWorkflowOptions {
  /** Companies billed at once (each one ERP calls and an emission). @default 10 */
  readonly maxConcurrency?: number;
  /**
   * Companies whose iteration may fail uncaught (Aurora, SQS past their retries) before the run
   * fails, to be redriven. A company's own failures (ERP, emission) are caught and recorded, so
   * they never count. @default 10
   */
  readonly toleratedFailurePercentage?: number;
}

/** The company's failures that end its month here (recorded, then handed to ops). */
function catchCompanyFailure<const Next extends string>(errors: readonly string[], next: Next): Catcher<Next> {
  return { ErrorEquals: errors, Next: next, Assign: { error: CAPTURE_BILLING_ERROR } };
}

/**
 * A Lambda that talks to the ERP fails its company with these once retries are spent (TaskFailed:
 * the function crashed); `Erp.Redundant` is caught before them, into a wait.
 */
const ERP_FAILURES = [BILLING_ERRORS.ErpRejected, BILLING_ERRORS.ErpTransient, 'States.TaskFailed', 'States.Timeout'];

/** The Choice and Wait that wait out a redundant refusal, then call `retry` again (or fail the company past the bound). */
function waitOutRedundant<const Retry extends string, const Wait extends string>(retry: Retry, wait: Wait): { choice: ChoiceState<Wait | 'RecordFailed'>; wait: WaitState<Retry> } {
  return {
    choice: {
      Type: 'Choice',
      Comment: `The ERP refused the call as redundant and wrote nothing: wait the seconds it named (at most ${MAX_REDUNDANT_WAITS} times), then call again.`,
      Choices: [{ Condition: TOO_MANY_REDUNDANT_WAITS, Next: 'RecordFailed' }],
      Default: wait,
    },
    wait: { Type: 'Wait', Comment: 'As long as the ERP asked.', Seconds: ERP_WAIT_SECONDS, Next: retry },
  };
}

/** A JSONata expression with no value: JSONata leaves out the key it is given to. */
const ABSENT = '[][0]';

/** How a company's month ended, from what the processor knows. */
function outcome(kind: BillingOutcome['outcome'], extra: { invoiceId?: string; nfseNumber?: string; contractId?: string; error?: string } = {}): Jsonata {
  return `{% ${jsonataObject<BillingOutcome>({
    empresaId: '$company.empresaId',
    cnpj: '$company.cnpj',
    outcome: `"${kind}"`,
    totalCentavos: '$total',
    invoiceId: extra.invoiceId ?? ABSENT,
    nfseNumber: extra.nfseNumber ?? ABSENT,
    contractId: extra.contractId ?? ABSENT,
    error: extra.error ?? ABSENT,
  })} %}`;
}

/** An outcome read back from Aurora: its status column is the outcome (invoiced, skipped or failed, as IsClosed let through). */
type RecordedOutcome = Omit<BillingOutcome, 'outcome'> & { readonly outcome: string };

/** One company's month: consolidate, store, contract, invoice, record. Its failures end here. */
function billCompany(): ReturnType<typeof defineBranch> {
  const clientRedundant = waitOutRedundant('EnsureErpClient', 'WaitForErpClient');
  const contractRedundant = waitOutRedundant('CreateContract', 'WaitForErpContract');
  return defineBranch({
    StartAt: 'IsClosed',
    States: {
      IsClosed: {
        Type: 'Choice',
        Comment: 'Invoiced already, or (unless ops reprocess it) skipped or failed: what was recorded stands.',
        Choices: [
          { Condition: '{% $states.input.recorded.status = "invoiced" %}', Next: 'AlreadyClosed' },
          { Condition: '{% $not($states.input.reprocess) and $states.input.recorded.status in ["skipped", "failed"] %}', Next: 'AlreadyClosed' },
        ],
        Default: 'Consolidate',
      },
      AlreadyClosed: {
        Type: 'Pass',
        Comment: 'The month this run found recorded for the company.',
        Output: `{% (
  $r := $states.input.recorded;
  ${jsonataObject<RecordedOutcome>({
    empresaId: '$states.input.company.empresaId',
    cnpj: '$states.input.company.cnpj',
    outcome: '$r.status',
    totalCentavos: '$r.total_centavos',
    invoiceId: '$r[invoice_id].invoice_id',
    nfseNumber: '$r[nfse_number].nfse_number',
    contractId: '$r[contract_id].contract_id',
    error: '$r[error_code].{"code": error_code, "message": error_message}',
  })}
) %}`,
        End: true,
      },
      Consolidate: {
        Type: 'Pass',
        Comment: 'Products, quantities and the total, in integer centavos.',
        Assign: {
          company: '{% $states.input.company %}',
          competencia: '{% $states.input.competencia %}',
          total: '{% $states.input.company.cobranca.centavos + $states.input.company.pixpay.centavos %}',
          contractId: null,
          prepared: null,
          redundantWaits: 0,
        },
        Next: 'HasUsage',
      },
      HasUsage: {
        Type: 'Choice',
        Comment: 'Nothing used, nothing billed.',
        Choices: [{ Condition: '{% $total = 0 %}', Next: 'RecordSkipped' }],
        Default: 'StoreUsage',
      },
      RecordSkipped: executeSql({ comment: 'Record the month as skipped (zero usage).', sql: RECORD_CONSOLIDATION_SQL, parameters: consolidationParameters({ status: 'skipped' }), next: 'Skipped' }),
      Skipped: { Type: 'Succeed', Output: outcome('skipped') },
      StoreUsage: executeSql({ comment: 'Store the usage per product (billing.usage).', sql: STORE_USAGE_SQL, parameters: STORE_USAGE_PARAMETERS, next: 'StoreConsolidation' }),
      StoreConsolidation: executeSql({ comment: 'Store the consolidation (billing.consolidations).', sql: RECORD_CONSOLIDATION_SQL, parameters: consolidationParameters({ status: 'consolidated' }), next: 'EnsureErpClient' }),
      EnsureErpClient: invokeFunction({
        comment: 'The company as a client of the ERP (upsert by CNPJ).',
        functionArn: 'BillingErpFunctionArn',
        payload: `{% ${jsonataObject<BillingErpEvent>({ action: '"ensureClient"', company: { empresaId: '$company.empresaId', cnpj: '$company.cnpj', razaoSocial: '$company.razaoSocial', email: '$company.email' } })} %}`,
        retry: [linearRetry([BILLING_ERRORS.ErpTransient])],
        catchers: [catchRedundant('ClientRedundant'), catchCompanyFailure(ERP_FAILURES, 'RecordFailed')],
        assign: { codigoClienteOmie: '{% $states.result.Payload.codigoClienteOmie %}' },
        next: 'CreateContract',
      }),
      ClientRedundant: clientRedundant.choice,
      WaitForErpClient: clientRedundant.wait,
      CreateContract: invokeFunction({
        comment: 'The month’s contract in the ERP; codigo_integracao = competência + company, so a re-run finds it.',
        functionArn: 'BillingErpFunctionArn',
        payload: `{% ${jsonataObject<BillingErpEvent>({ action: '"createContract"', competencia: '$competencia', company: '$company', codigoClienteOmie: '$codigoClienteOmie' })} %}`,
        retry: [linearRetry([BILLING_ERRORS.ErpTransient])],
        catchers: [catchRedundant('ContractRedundant'), catchCompanyFailure(ERP_FAILURES, 'RecordFailed')],
        assign: { contractId: '{% $states.result.Payload.nCodCtr %}' },
        next: 'PrepareInvoice',
      }),
      ContractRedundant: contractRedundant.choice,
      WaitForErpContract: contractRedundant.wait,
      PrepareInvoice: invokeFunction({
        comment: 'The contract’s invoice, its id derived from competência + company: written once, found by a re-run.',
        functionArn: 'BillingInvoiceFunctionArn',
        payload: `{% ${jsonataObject<PrepareInvoiceEvent>({ competencia: '$competencia', company: '$company', contractId: '$contractId' })} %}`,
        catchers: [catchCompanyFailure(['States.TaskFailed', 'States.Timeout'], 'RecordFailed')],
        assign: { prepared: '{% $states.result.Payload %}' },
        next: 'IsIssued',
      }),
      IsIssued: {
        Type: 'Choice',
        Comment: 'An invoice a run already issued is not emitted again.',
        Choices: [{ Condition: '{% $prepared.status in ["ISSUED", "CANCELLING", "CANCELLED", "SUBSTITUTING", "SUBSTITUTED"] %}', Next: 'RecordInvoiced', Assign: { nfseNumber: '{% $prepared.nfseNumber %}' } }],
        Default: 'EmitInvoice',
      },
      EmitInvoice: emitInvoiceAndWait({ catchers: [catchCompanyFailure(['States.TaskFailed', 'StepFunctions.ExecutionAlreadyExistsException'], 'RecordFailed')], next: 'RecordInvoiced' }),
      RecordInvoiced: executeSql({
        comment: 'Record the month as invoiced, with its contract and invoice.',
        sql: RECORD_CONSOLIDATION_SQL,
        parameters: consolidationParameters({ status: 'invoiced', contractId: '$contractId', invoiceId: '$prepared.invoice.invoiceId', nfseNumber: '$nfseNumber' }),
        next: 'Invoiced',
      }),
      Invoiced: { Type: 'Succeed', Output: outcome('invoiced', { invoiceId: '$prepared.invoice.invoiceId', nfseNumber: '$nfseNumber', contractId: '$contractId' }) },
      RecordFailed: executeSql({
        comment: 'Record why the company’s month failed.',
        sql: RECORD_CONSOLIDATION_SQL,
        parameters: consolidationParameters({ status: 'failed', contractId: '$contractId', invoiceId: '$prepared.invoice.invoiceId', errorCode: '$error.code', errorMessage: '$error.message' }),
        next: 'RouteFailure',
      }),
      RouteFailure: {
        Type: 'Task',
        Comment: 'Hand the company’s month to ops (BillingFailuresQueue): reprocess it from there.',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Arguments: {
          QueueUrl: placeholder('BillingFailuresQueueUrl'),
          MessageBody: `{% $string(${jsonataObject<BillingFailureMessage>({
            competencia: '$competencia',
            empresaId: '$company.empresaId',
            cnpj: '$company.cnpj',
            error: '$error',
            executionArn: '$states.context.Execution.Id',
            failedAt: '$now()',
          })}) %}`,
        },
        Output: '{% $states.input %}',
        Retry: [INFRASTRUCTURE_RETRY],
        Next: 'Failed',
      },
      Failed: { Type: 'Succeed', Output: outcome('failed', { invoiceId: '$prepared.invoice.invoiceId', contractId: '$contractId', error: '$error' }) },
    },
  });
}

/**
 * BillingCycleWorkflow: a month of usage billed. The usage platform's volumes per company, the
 * month claimed (a run that finds another one billing it ends at once, as `MonthHeld`), then
 * per company (a Map; one company's failure never stops the others) consolidation, Aurora, the
 * ERP contract and the NFS-e through EmissionWorkflow; companies that fail past their retries go
 * to BillingFailuresQueue. Re-running a month finds everything it made (contract by
 * codigo_integracao, invoice by its derived id, rows by competência + company) and makes nothing new.
 */
export function billingCycleWorkflow(overrides: BillingCycleWorkflowOptions = {}): StateMachineDefinition {
  const options: Required<BillingCycleWorkflowOptions> = {
    maxConcurrency: overrides.maxConcurrency ?? 10,
    toleratedFailurePercentage: overrides.toleratedFailurePercentage ?? 10,
  };
  return defineWorkflow({
    Comment: 'Bills a month of usage: volumes → per company consolidation, contract, NFS-e → summary.',
    QueryLanguage: 'JSONata',
    StartAt: 'FetchVolumes',
    States: {
      FetchVolumes: invokeFunction({
        comment: 'Every company’s usage of the month from the usage platform (competência "auto": the month before, in São Paulo).',
        functionArn: 'BillingUsageFunctionArn',
        payload: `{% ${jsonataObject<BillingUsageEvent>({ action: '"fetchVolumes"', competencia: '$states.input.competencia', empresaIds: '$states.input.empresaIds', startedAt: '($exists($states.input.scheduledAt) ? $states.input.scheduledAt : $states.context.Execution.StartTime)' })} %}`,
        retry: [linearRetry([BILLING_ERRORS.UsageTransient])],
        assign: { competencia: '{% $states.result.Payload.competencia %}', companies: '{% $states.result.Payload.companies %}', reprocess: '{% $exists($states.input.empresaIds) %}', staleHolder: null },
        next: 'ClaimMonth',
      }),
      ClaimMonth: executeSql({
        comment: 'Hold the month (billing.runs) so no other run, manual or scheduled, bills it at the same time.',
        sql: CLAIM_MONTH_SQL,
        parameters: { competencia: { text: '$competencia' }, execution_arn: { text: '$states.context.Execution.Id' }, stale_holder: { text: '$staleHolder' } },
        formatRecordsAs: 'JSON',
        // No row when a claim racing ours committed after this statement's snapshot: JSONata's undefined would fail the state, so an empty holder.
        assign: { claim: '{% ($row := $parse($states.result.FormattedRecords)[0]; $exists($row) ? $row : {"claimed": false, "execution_arn": null}) %}' },
        next: 'IsMonthClaimed',
      }),
      IsMonthClaimed: {
        Type: 'Choice',
        Comment: 'This run holds the month, another one does, or (a claim racing ours) the holder was not visible yet.',
        Choices: [
          { Condition: '{% $claim.claimed = true %}', Next: 'LoadRecorded' },
          { Condition: '{% $claim.execution_arn = null %}', Next: 'ClaimMonth' },
        ],
        Default: 'DescribeHolder',
      },
      DescribeHolder: {
        Type: 'Task',
        Comment: 'Whether the run holding the month still runs (a failed one, never released, is waiting for a redrive).',
        Resource: 'arn:aws:states:::aws-sdk:sfn:describeExecution',
        Arguments: { ExecutionArn: '{% $claim.execution_arn %}' },
        Assign: { holderRunning: '{% $states.result.Status = "RUNNING" %}' },
        Output: '{% $states.input %}',
        // An execution Step Functions no longer keeps (90 days after it closed) holds nothing: not retried.
        Retry: [{ ErrorEquals: ['Sfn.ExecutionDoesNotExistException'], MaxAttempts: 0 }, INFRASTRUCTURE_RETRY],
        Catch: [{ ErrorEquals: ['Sfn.ExecutionDoesNotExistException'], Next: 'TakeOverMonth', Output: '{% $states.input %}' }],
        Next: 'IsHolderRunning',
      },
      IsHolderRunning: {
        Type: 'Choice',
        Choices: [{ Condition: '{% $holderRunning %}', Next: 'MonthHeld' }],
        Default: 'TakeOverMonth',
      },
      TakeOverMonth: {
        Type: 'Pass',
        Comment: 'The holder ended without releasing the month: claim it from that holder (and only from it).',
        Assign: { staleHolder: '{% $claim.execution_arn %}' },
        Next: 'ClaimMonth',
      },
      MonthHeld: {
        Type: 'Succeed',
        Comment: 'Another run is billing the month: this one does nothing (a scheduled run meeting a manual one, or the reverse).',
        Output: `{% ${jsonataObject<BillingMonthHeld>({ competencia: '$competencia', heldBy: '$claim.execution_arn' })} %}`,
      },
      LoadRecorded: executeSql({
        comment: 'What earlier runs recorded for this month (billing.consolidations).',
        sql: LOAD_RECORDED_SQL,
        parameters: { competencia: { text: '$competencia' } },
        formatRecordsAs: 'JSON',
        assign: { recorded: '{% $merge([{}, $parse($states.result.FormattedRecords).{empresa_id: $}]) %}' },
        next: 'IsMonthClosed',
      }),
      IsMonthClosed: {
        Type: 'Choice',
        Comment: 'The daily run bills a month once: when every company is invoiced, skipped or failed (and recorded), it has nothing to do.',
        Choices: [
          {
            Condition: '{% $not($reprocess) and $count($companies) > 0 and $count($companies[$lookup($recorded, empresaId).status in ["invoiced", "skipped", "failed"]]) = $count($companies) %}',
            Next: 'ReleaseClosedMonth',
          },
        ],
        Default: 'BillCompanies',
      },
      ReleaseClosedMonth: executeSql({ comment: 'Free the month for the next run.', sql: RELEASE_MONTH_SQL, parameters: RELEASE_MONTH_PARAMETERS, next: 'MonthClosed' }),
      MonthClosed: {
        Type: 'Pass',
        Comment: 'Nothing to do: the month as recorded.',
        Output: `{% (
  $rows := $companies.$lookup($recorded, empresaId);
  ${jsonataObject<BillingSummary>({
    competencia: '$competencia',
    companies: '$count($rows)',
    invoiced: '$count($rows[status = "invoiced"])',
    skipped: '$count($rows[status = "skipped"])',
    failed: '[$rows[status = "failed"].{"empresa": empresa_id, "error": {"code": error_code, "message": error_message}}]',
  })}
) %}`,
        End: true,
      },
      BillCompanies: {
        Type: 'Map',
        Comment: 'One company at a time per slot; a company’s failure is recorded and routed inside its iteration.',
        Items: '{% [$map($companies, function($c) { {"company": $c, "competencia": $competencia, "recorded": $lookup($recorded, $c.empresaId), "reprocess": $reprocess} })] %}',
        MaxConcurrency: options.maxConcurrency,
        ToleratedFailurePercentage: options.toleratedFailurePercentage,
        ItemProcessor: billCompany(),
        Assign: { results: '{% $states.result %}' },
        Next: 'ReleaseMonth',
      },
      ReleaseMonth: executeSql({ comment: 'Free the month for the next run.', sql: RELEASE_MONTH_SQL, parameters: RELEASE_MONTH_PARAMETERS, next: 'Summarize' }),
      Summarize: {
        Type: 'Pass',
        Comment: 'What the run did, company by company.',
        Output: `{% ${jsonataObject<BillingSummary>({
          competencia: '$competencia',
          companies: '$count($results)',
          invoiced: '$count($results[outcome = "invoiced"])',
          skipped: '$count($results[outcome = "skipped"])',
          failed: '[$results[outcome = "failed"].{"empresa": empresaId, "error": error}]',
        })} %}`,
        End: true,
      },
    },
  });
}

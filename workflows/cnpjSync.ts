import { BILLING_ERRORS } from '../contracts/billingErrors';
import type { BillingErpEvent, BillingUsageEvent, CnpjSyncOutcome, CnpjSyncSummary } from '../contracts/billingCycle';
import { defineBranch, defineWorkflow } from './asl/defineWorkflow';
import { jsonataObject } from './asl/jsonataObject';
import type { StateMachineDefinition } from './asl/types';
import { CAPTURE_BILLING_ERROR } from './steps/captureBillingError';
import { invokeFunction } from './steps/invokeFunction';
import { linearRetry } from './steps/retryPolicies';

/** A synced company's outcome, chosen by an expression (created or updated). */
type SyncedOutcome = Omit<CnpjSyncOutcome, 'outcome'> & { readonly outcome: string };

/** One client company: created or updated in the ERP by its CNPJ, or failed with why. */
function syncClient(): ReturnType<typeof defineBranch> {
  return defineBranch({
    StartAt: 'UpsertClient',
    States: {
      UpsertClient: invokeFunction({
        comment: 'Create the company as a client of the ERP, or update the one with its CNPJ.',
        functionArn: 'BillingErpFunctionArn',
        payload: `{% ${jsonataObject<BillingErpEvent>({
          action: '"ensureClient"',
          company: { empresaId: '$string($states.input.idEmpresa)', cnpj: '$states.input.cnpj', razaoSocial: '$states.input.razaoSocial', email: '$states.input.email' },
        })} %}`,
        retry: [linearRetry([BILLING_ERRORS.ErpTransient])],
        catchers: [{ ErrorEquals: [BILLING_ERRORS.ErpRejected, BILLING_ERRORS.ErpTransient, BILLING_ERRORS.ErpRedundant, 'States.TaskFailed', 'States.Timeout'], Next: 'ClientFailed', Assign: { error: CAPTURE_BILLING_ERROR }, Output: '{% $states.input %}' }],
        output: `{% ${jsonataObject<SyncedOutcome>({ empresa: '$string($states.input.idEmpresa)', cnpj: '$states.input.cnpj', outcome: '$states.result.Payload.created ? "created" : "updated"', error: '[][0]' })} %}`,
        next: 'ClientSynced',
      }),
      ClientSynced: { Type: 'Succeed' },
      ClientFailed: {
        Type: 'Pass',
        Comment: 'Reported, not retried: the next weekly run tries again.',
        Output: `{% ${jsonataObject<CnpjSyncOutcome>({ empresa: '$string($states.input.idEmpresa)', cnpj: '$states.input.cnpj', outcome: '"failed"', error: '$error' })} %}`,
        End: true,
      },
    },
  });
}

/**
 * CnpjSyncWorkflow (weekly): pages through the usage platform's client companies and upserts
 * each as a client of the ERP by CNPJ, one at a time (Omie takes no concurrent writes), then
 * reports how many it created and updated and which failed.
 */
export function cnpjSyncWorkflow(): StateMachineDefinition {
  return defineWorkflow({
    Comment: 'Syncs the usage platform’s client companies into the ERP by CNPJ.',
    QueryLanguage: 'JSONata',
    StartAt: 'Start',
    States: {
      Start: { Type: 'Pass', Assign: { page: 1, created: 0, updated: 0, failed: [] }, Next: 'FetchPage' },
      FetchPage: invokeFunction({
        comment: 'One page of the usage platform’s client companies.',
        functionArn: 'BillingUsageFunctionArn',
        payload: `{% ${jsonataObject<BillingUsageEvent>({ action: '"listCompanies"', page: '$page' })} %}`,
        retry: [linearRetry([BILLING_ERRORS.UsageTransient])],
        assign: { items: '{% $states.result.Payload.itens %}', totalPages: '{% $states.result.Payload.totalPaginas %}' },
        next: 'SyncClients',
      }),
      SyncClients: {
        Type: 'Map',
        Comment: 'Each company of the page, one at a time: Omie refuses concurrent writes.',
        Items: '{% [$items] %}',
        MaxConcurrency: 1,
        ItemProcessor: syncClient(),
        Assign: {
          created: '{% $created + $count($states.result[outcome = "created"]) %}',
          updated: '{% $updated + $count($states.result[outcome = "updated"]) %}',
          failed: '{% $append($failed, [$states.result[outcome = "failed"].{"empresa": empresa, "cnpj": cnpj, "error": error}]) %}',
        },
        Next: 'MorePages',
      },
      MorePages: {
        Type: 'Choice',
        Choices: [{ Condition: '{% $page < $totalPages %}', Next: 'NextPage' }],
        Default: 'Report',
      },
      NextPage: { Type: 'Pass', Assign: { page: '{% $page + 1 %}' }, Next: 'FetchPage' },
      Report: {
        Type: 'Succeed',
        Output: `{% ${jsonataObject<CnpjSyncSummary>({ created: '$created', updated: '$updated', failed: '$failed' })} %}`,
      },
    },
  });
}

import type { BillingRunDetail, ListBillingRunsResponse, StartedBillingRun } from './billingRuns';
import { BODY_ERROR_EXAMPLES, errorExample, GATEWAY_ERROR_EXAMPLES, type RouteExamples } from './routeExamples';

const runId = 'manual-2025-12-1';
const executionArn = `arn:aws:states:sa-east-1:123456789012:execution:nfse-prod-BillingCycleWorkflow:${runId}`;
const running = `arn:aws:states:sa-east-1:123456789012:execution:nfse-prod-BillingCycleWorkflow:scheduled-2025-12-m4x7a0b9`;
/** A scheduled run: EventBridge Scheduler starts it unnamed, so Step Functions names it. */
const scheduledRunId = '3f6c2b1e-8a4d-4f0e-9b7a-2d5c1e8f4a60';
const scheduled = `arn:aws:states:sa-east-1:123456789012:execution:nfse-prod-BillingCycleWorkflow:${scheduledRunId}`;

export const START_BILLING_RUN_EXAMPLES = {
  request: { body: { competencia: '2025-12', empresaIds: ['3'] } },
  responses: {
    202: { summary: 'The run started: follow it with GET /billing/runs/{runId}', body: { runId, executionArn, competencia: '2025-12' } satisfies StartedBillingRun },
    400: errorExample('Not a month (a future one, or companies the usage platform does not have: the same field named)', {
      message: 'Invalid request: competencia must be a month YYYY-MM (01 to 12)',
      code: 'ValidationFailed',
      errors: [{ field: 'competencia', message: 'must be a month YYYY-MM (01 to 12)' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    409: errorExample('A run of the month is running already: executionArn names it', { message: `A billing run of 2025-12 is running: ${running}`, code: 'RunInProgress', executionArn: running }),
    ...BODY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const LIST_BILLING_RUNS_EXAMPLES = {
  request: { query: { limit: '20' } },
  responses: {
    200: {
      summary: 'The runs, newest first; nextToken asks for the next page. A run that found its month held by another run did nothing: heldBy names that run',
      body: {
        items: [
          {
            runId: scheduledRunId,
            executionArn: scheduled,
            competencia: '2025-12',
            trigger: 'scheduled',
            status: 'SUCCEEDED',
            startDate: '2026-02-01T05:00:04.310Z',
            stopDate: '2026-02-01T05:00:04.980Z',
            heldBy: { runId, executionArn },
          },
          {
            runId,
            executionArn,
            competencia: '2025-12',
            trigger: 'manual',
            status: 'SUCCEEDED',
            startDate: '2026-02-01T05:00:01.120Z',
            stopDate: '2026-02-01T05:00:09.870Z',
            summary: { competencia: '2025-12', companies: 1, invoiced: 1, skipped: 0, failed: [] },
          },
        ],
        nextToken: 'ImV5SnVaWGgwVkc5clpXNGlPaUl5SW4wPSI.c2lnbmF0dXJl',
      } satisfies ListBillingRunsResponse,
    },
    400: errorExample('A parameter breaks the contract', { message: 'Invalid request: limit must be at most 100', code: 'ValidationFailed', errors: [{ field: 'limit', message: 'must be at most 100' }] }),
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const GET_BILLING_RUN_EXAMPLES = {
  request: { path: { id: runId } },
  responses: {
    200: {
      summary: 'The run and each company of its month, as recorded now',
      body: {
        runId,
        executionArn,
        competencia: '2025-12',
        trigger: 'manual',
        status: 'SUCCEEDED',
        startDate: '2026-02-01T05:00:01.120Z',
        stopDate: '2026-02-01T05:00:09.870Z',
        summary: { competencia: '2025-12', companies: 1, invoiced: 1, skipped: 0, failed: [] },
        companies: [
          { empresaId: '3', cnpj: '10000003000160', status: 'invoiced', totalCentavos: 15300, contractId: 4000000007, invoiceId: '01KGB7ZK00A8W3Q1X9D2M5R7TB', nfseNumber: '202600000000017', executionArn },
          { empresaId: '17', cnpj: '10000017000166', status: 'failed', totalCentavos: 9920, error: { code: 'Erp.Rejected', message: 'ERP IncluirContrato (SOAP-ENV:Client-120): ERROR: O cliente [4000000021] está bloqueado para faturamento!' }, executionArn },
        ],
      } satisfies BillingRunDetail,
    },
    400: errorExample('Not a run id', { message: 'Invalid request: id must be a billing run id (its execution’s name)', code: 'ValidationFailed', errors: [{ field: 'id', message: 'must be a billing run id (its execution’s name)' }] }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample('No such run', { message: 'Billing run manual-2099-01-zzzz not found', code: 'NotFound' }),
  },
} as const satisfies RouteExamples;

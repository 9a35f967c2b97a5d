import type { z } from 'zod';
import { INVOICE_EXAMPLE_IDS } from './invoiceExamples';
import type { CorrectedInvoice, CorrectInvoiceRequest, DismissFailureResponse, ExecutionDetail, FailedExecutionsResponse, FailuresResponse, RedriveExecutionsRequest, RedriveExecutionsResponse, ListExecutionsResponse, ReprocessFailuresRequestSchema, ReprocessFailuresResponse, StartedExecution } from './ops';
import { BODY_ERROR_EXAMPLES, errorExample, GATEWAY_ERROR_EXAMPLES, type RouteExamples } from './routeExamples';

const { invoiceId, executionArn, unknownInvoiceId } = INVOICE_EXAMPLE_IDS;
const stateMachineArn = 'arn:aws:states:sa-east-1:123456789012:stateMachine:nfse-prod-EmissionWorkflow';
const unknownExecutionArn = `arn:aws:states:sa-east-1:123456789012:execution:nfse-prod-EmissionWorkflow:${unknownInvoiceId}`;

const badArn = errorExample('The path is neither an execution ARN nor an execution name', {
  message: 'Invalid request: arn must be an execution ARN (arn:aws:states:{region}:{account}:execution:{stateMachine}:{name}) or the name the list prints ({invoiceId}, {invoiceId}-r{n} or {invoiceId}-cancel-{n})',
  code: 'ValidationFailed',
  errors: [{ field: 'arn', message: 'must be an execution ARN (arn:aws:states:{region}:{account}:execution:{stateMachine}:{name}) or the name the list prints ({invoiceId}, {invoiceId}-r{n} or {invoiceId}-cancel-{n})' }],
});
const unknownExecution = errorExample("No such execution, or one of another tenant's invoice", { message: `Execution ${unknownExecutionArn} not found`, code: 'NotFound' });
const arnPath = { arn: executionArn };

export const LIST_EXECUTIONS_EXAMPLES = {
  request: { query: { workflow: 'emission', status: 'SUCCEEDED', limit: '20' } },
  responses: {
    200: {
      summary: 'A page of executions, newest first',
      body: {
        items: [{ executionArn, name: invoiceId, status: 'SUCCEEDED', startDate: '2026-11-23T14:05:12.690Z', stopDate: '2026-11-23T14:05:14.105Z' }],
        nextToken: 'eyJ3IjoiZW1pc3Npb24ifQ.c2lnbmF0dXJl',
      } satisfies ListExecutionsResponse,
    },
    400: errorExample('A parameter breaks the contract', {
      message: 'Invalid request: workflow must be one of emission, cancellation, substitution, billingCycle, cnpjSync, orderSaga',
      code: 'ValidationFailed',
      errors: [{ field: 'workflow', message: 'must be one of emission, cancellation, substitution, billingCycle, cnpjSync, orderSaga' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const GET_EXECUTION_EXAMPLES = {
  request: { path: arnPath },
  responses: {
    200: {
      summary: 'The execution, the ASL it ran and its history (shortened here)',
      body: {
        executionArn,
        name: invoiceId,
        status: 'SUCCEEDED',
        startDate: '2026-11-23T14:05:12.690Z',
        stopDate: '2026-11-23T14:05:14.105Z',
        stateMachineArn,
        workflow: 'emission',
        definition: '{"QueryLanguage":"JSONata","StartAt":"MarkProcessing","States":{"MarkProcessing":{"Type":"Task","End":true}}}',
        input: `{"invoiceId":"${invoiceId}"}`,
        output: `{"invoiceId":"${invoiceId}","status":"ISSUED"}`,
        remedy: 'none',
        timeline: [
          { id: 1, timestamp: '2026-11-23T14:05:12.690Z', type: 'ExecutionStarted', input: `{"invoiceId":"${invoiceId}"}` },
          { id: 2, previousEventId: 1, timestamp: '2026-11-23T14:05:12.701Z', type: 'TaskStateEntered', state: 'MarkProcessing' },
          { id: 3, previousEventId: 2, timestamp: '2026-11-23T14:05:12.702Z', type: 'TaskScheduled', resource: 'dynamodb:updateItem' },
        ],
      } satisfies ExecutionDetail,
    },
    400: badArn,
    ...GATEWAY_ERROR_EXAMPLES,
    404: unknownExecution,
  },
} as const satisfies RouteExamples;

export const REDRIVE_EXECUTION_EXAMPLES = {
  request: { path: arnPath },
  responses: {
    202: { summary: 'The execution runs again from the state where it failed', body: { executionArn } satisfies StartedExecution },
    400: badArn,
    ...GATEWAY_ERROR_EXAMPLES,
    404: unknownExecution,
    409: errorExample('Nothing to redrive (or the invoice failed on purpose: reprocess it instead)', { message: `Execution ${invoiceId} is SUCCEEDED: nothing to redrive`, code: 'NotRedrivable' }),
  },
} as const satisfies RouteExamples;

export const STOP_EXECUTION_EXAMPLES = {
  request: { path: arnPath },
  responses: {
    202: { summary: 'Stopped', body: { executionArn } satisfies StartedExecution },
    400: badArn,
    ...GATEWAY_ERROR_EXAMPLES,
    404: unknownExecution,
    409: errorExample('Only a running execution can be stopped', { message: `Execution ${invoiceId} is SUCCEEDED: only a running execution can be stopped`, code: 'NotRunning' }),
  },
} as const satisfies RouteExamples;

export const REPROCESS_INVOICE_EXAMPLES = {
  request: { path: { id: invoiceId } },
  responses: {
    202: { summary: 'A new emission with the same RPS', body: { executionArn: `${executionArn}-r1`, invoiceId } satisfies StartedExecution },
    400: errorExample('The id is not a ULID', { message: 'Invalid request: id must be a ULID', code: 'ValidationFailed', errors: [{ field: 'id', message: 'must be a ULID' }] }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample('No such invoice', { message: `Invoice ${unknownInvoiceId} not found`, code: 'NotFound' }),
    409: errorExample('Only a FAILED invoice can be reprocessed', { message: `Invoice ${invoiceId} is ISSUED: only a FAILED invoice can be reprocessed`, code: 'InvoiceNotFailed' }),
  },
} as const satisfies RouteExamples;

export const LIST_FAILURES_EXAMPLES = {
  responses: {
    200: {
      summary: 'Invoices waiting on the failures queue (the first 100)',
      body: { items: [{ invoiceId, workflow: 'emission', executionArn, error: { code: 'E160', message: 'Inscrição municipal do prestador não encontrada', kind: 'Provider.Rejected' }, failedAt: '2026-11-23T14:05:13.902Z', state: 'open', invoiceStatus: 'FAILED', actions: ['reprocess', 'correct', 'dismiss'] }] } satisfies FailuresResponse,
    },
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const REPROCESS_FAILURES_EXAMPLES = {
  request: { body: { invoiceIds: [invoiceId] } satisfies z.input<typeof ReprocessFailuresRequestSchema> },
  responses: {
    200: {
      summary: 'What started, and what was skipped with the reason',
      body: { started: [{ invoiceId, executionArn: `${executionArn}-r1` }], skipped: [] } satisfies ReprocessFailuresResponse,
    },
    400: errorExample('Neither `{"all": true}` nor `{"invoiceIds": [...]}` (1-500 ids)', {
      message: 'Invalid request: invoiceIds must be an array, got a string',
      code: 'ValidationFailed',
      errors: [{ field: 'invoiceIds', message: 'must be an array, got a string' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    ...BODY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const CORRECT_INVOICE_EXAMPLES = {
  request: {
    path: { id: invoiceId },
    body: { reason: 'A prefeitura recusou o código de serviço', changes: { service: { code: '01.07', description: 'Suporte técnico em informática', issRate: '0.02', issWithheld: false } } } satisfies CorrectInvoiceRequest,
  },
  responses: {
    202: {
      summary: 'Re-emitted under a new RPS; the old one is kept as replaced',
      body: { invoiceId, executionArn: `${executionArn}-r1`, rps: { serie: 'A', numero: 43 }, replacedRps: { serie: 'A', numero: 42 } } satisfies CorrectedInvoice,
    },
    400: errorExample('A field breaks the contract', {
      message: 'Invalid request: reason must not be empty',
      code: 'ValidationFailed',
      errors: [{ field: 'reason', message: 'must not be empty' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample('No such invoice', { message: `Invoice ${unknownInvoiceId} not found`, code: 'NotFound' }),
    409: errorExample('Only an invoice FAILED with a permanent error can be corrected', { message: `Invoice ${invoiceId} is ISSUED: only a FAILED invoice can be corrected`, code: 'InvoiceNotFailed' }),
    ...BODY_ERROR_EXAMPLES,
    422: errorExample('The corrected invoice names a municipality the registry does not have', {
      message: 'Municipality 1234567 is not supported: GET /municipalities lists the supported ones',
      code: 'MunicipalityNotSupported',
      errors: [{ field: 'municipalityCode', message: 'is not a supported municipality (GET /municipalities)' }],
    }),
  },
} as const satisfies RouteExamples;

export const DISMISS_FAILURE_EXAMPLES = {
  request: { path: { id: invoiceId }, body: { reason: 'Emitida manualmente no portal da prefeitura' } },
  responses: {
    200: { summary: "Taken off the queue; the reason is in the invoice's timeline", body: { invoiceId, dismissed: 1 } satisfies DismissFailureResponse },
    400: errorExample('A field breaks the contract', {
      message: 'Invalid request: reason must not be empty',
      code: 'ValidationFailed',
      errors: [{ field: 'reason', message: 'must not be empty' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: errorExample('Nothing of that invoice waits on the failures queue', { message: `Invoice ${unknownInvoiceId} has no entry on the failures queue`, code: 'NotFound' }),
    ...BODY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const LIST_FAILED_EXECUTIONS_EXAMPLES = {
  responses: {
    200: {
      summary: 'Executions that failed at an infrastructure state, newest first: redrive them',
      body: {
        items: [{ executionArn, name: invoiceId, status: 'FAILED', startDate: '2026-11-23T14:05:12.690Z', stopDate: '2026-11-23T14:05:44.105Z', workflow: 'emission', failedState: 'ReportInvoice', error: 'RDSData.ServiceUnavailableError', remedy: 'redrive', invoiceId }],
      } satisfies FailedExecutionsResponse,
    },
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const REDRIVE_FAILED_EXECUTIONS_EXAMPLES = {
  request: { body: { executions: [invoiceId] } satisfies RedriveExecutionsRequest },
  responses: {
    200: { summary: 'What was redriven, and what was skipped with the reason', body: { redriven: [{ invoiceId, executionArn }], skipped: [] } satisfies RedriveExecutionsResponse },
    400: errorExample('Neither `{"all": true}` nor `{"executions": [...]}` (1-100)', {
      message: 'Invalid request: executions must have at least 1 item',
      code: 'ValidationFailed',
      errors: [{ field: 'executions', message: 'must have at least 1 item' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    ...BODY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

import type { z } from 'zod';
import type { CancelInvoiceResponse, EmitInvoiceResponse, InvoiceView, PingResponse, SubstituteInvoiceResponse } from './apiResponses';
import type { CancelInvoiceRequestSchema } from './cancelInvoiceRequest';
import type { EmitInvoiceRequestSchema } from './emitInvoiceRequest';
import type { SubstituteInvoiceRequestSchema } from './substituteInvoiceRequest';
import type { InvoiceHistory } from './invoiceHistory';
import type { ListInvoicesResponse, RevenueReport } from './listInvoices';
import { BODY_ERROR_EXAMPLES, errorExample, GATEWAY_ERROR_EXAMPLES, type RouteExamples } from './routeExamples';
import type { CallerView } from './tenantGrant';

/** The company of every example: a valid numeric CNPJ (the local stack's dev tenant). */
export const EXAMPLE_CNPJ = '11222333000181';
export const EXAMPLE_INVOICE_ID = '01JQ8Z6T3XK4M9V2B7C5D1E0FA';
const EXAMPLE_EXECUTION_ARN = `arn:aws:states:sa-east-1:123456789012:execution:nfse-prod-EmissionWorkflow:${EXAMPLE_INVOICE_ID}`;
const CANCELLATION_ARN = `arn:aws:states:sa-east-1:123456789012:execution:nfse-prod-CancellationWorkflow:${EXAMPLE_INVOICE_ID}-cancel-1`;
/** A ULID no invoice has: what a 404 example asks for. */
const UNKNOWN_INVOICE_ID = '01JQ8Z6T3XK4M9V2B7C5D1E0ZZ';

const emitBody = {
  companyCnpj: EXAMPLE_CNPJ,
  municipalityCode: '3550308',
  total: '150.00',
  service: { code: '01.07', description: 'Suporte técnico em informática', issRate: '2.00', issWithheld: false },
  tomador: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' },
  competence: '2026-11-23',
  rpsSeries: '1',
} satisfies z.input<typeof EmitInvoiceRequestSchema>;

const issuedInvoice = {
  invoiceId: EXAMPLE_INVOICE_ID,
  companyCnpj: EXAMPLE_CNPJ,
  municipalityCode: '3550308',
  total: '150.00',
  status: 'ISSUED',
  service: { code: '01.07', description: 'Suporte técnico em informática', issRate: '2.00', issWithheld: false },
  tomador: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' },
  competence: '2026-11-23',
  rps: { serie: '1', numero: 42 },
  createdAt: '2026-11-23T14:05:12.481Z',
  updatedAt: '2026-11-23T14:05:13.902Z',
  processedAt: '2026-11-23T14:05:13.902Z',
  xmlKey: `xml/${EXAMPLE_INVOICE_ID}.xml`,
  nfseXmlKey: `nfse/${EXAMPLE_INVOICE_ID}.xml`,
  nfseNumber: '202600000042',
  verificationCode: 'A1B2C3D4E',
  executionArn: EXAMPLE_EXECUTION_ARN,
  xmlUrl: `https://nfse-prod-docs.s3.sa-east-1.amazonaws.com/xml/${EXAMPLE_INVOICE_ID}.xml?X-Amz-Expires=300&X-Amz-Signature=0f3a`,
  nfseXmlUrl: `https://nfse-prod-docs.s3.sa-east-1.amazonaws.com/nfse/${EXAMPLE_INVOICE_ID}.xml?X-Amz-Expires=300&X-Amz-Signature=9c1d`,
} satisfies InvoiceView;

const badId = errorExample('The id is not a ULID', { message: 'Invalid request: id must be a ULID', code: 'ValidationFailed', errors: [{ field: 'id', message: 'must be a ULID' }] });
const unknownInvoice = errorExample("No such invoice, or another tenant's", { message: `Invoice ${UNKNOWN_INVOICE_ID} not found`, code: 'NotFound' });

export const PING_EXAMPLES = {
  responses: { 200: { summary: 'The API is up', body: { status: 'ok', time: '2026-11-23T14:05:12.481Z' } satisfies PingResponse } },
} as const satisfies RouteExamples;

export const EMIT_INVOICE_EXAMPLES = {
  request: { headers: { 'Idempotency-Key': 'order-2026-11-0042' }, body: emitBody },
  responses: {
    201: {
      summary: 'Accepted: the emission workflow is under way',
      body: { invoiceId: EXAMPLE_INVOICE_ID, status: 'EMITTED', xmlKey: `xml/${EXAMPLE_INVOICE_ID}.xml` } satisfies EmitInvoiceResponse,
      headers: { Location: `/invoices/${EXAMPLE_INVOICE_ID}` },
    },
    400: errorExample('A field breaks the contract: each one is named', {
      message: 'Invalid request: total must be a decimal string with at most 2 decimals, e.g. "100.00"',
      code: 'ValidationFailed',
      errors: [{ field: 'total', message: 'must be a decimal string with at most 2 decimals, e.g. "100.00"' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    409: errorExample('The Idempotency-Key was used before with another body', { message: 'This Idempotency-Key was already used with a different request body', code: 'IdempotencyKeyReused' }),
    ...BODY_ERROR_EXAMPLES,
    422: errorExample('The company has no record yet', {
      message: `Company ${EXAMPLE_CNPJ} has no record: register it with PUT /companies/${EXAMPLE_CNPJ} before emitting its invoices`,
      code: 'CompanyNotRegistered',
      errors: [{ field: 'companyCnpj', message: `has no company record (PUT /companies/${EXAMPLE_CNPJ})` }],
    }),
  },
} as const satisfies RouteExamples;

export const LIST_INVOICES_EXAMPLES = {
  request: { query: { companyCnpj: EXAMPLE_CNPJ, status: 'ISSUED', limit: '20' } },
  responses: {
    200: {
      summary: 'A page of invoices, newest first; nextToken asks for the next page',
      body: {
        items: [{ invoiceId: EXAMPLE_INVOICE_ID, companyCnpj: EXAMPLE_CNPJ, municipalityCode: '3550308', total: '150.00', status: 'ISSUED', createdAt: '2026-11-23T14:05:12.481Z', processedAt: '2026-11-23T14:05:13.902Z', nfseNumber: '202600000042' }],
        nextToken: 'eyJrIjoiMjAyNi0xMS0yM1QxNDowNToxMi40ODFaIn0.c2lnbmF0dXJl',
      } satisfies ListInvoicesResponse,
    },
    400: errorExample('A parameter breaks the contract', {
      message: 'Invalid request: limit must be at most 200',
      code: 'ValidationFailed',
      errors: [{ field: 'limit', message: 'must be at most 200' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const GET_INVOICE_EXAMPLES = {
  request: { path: { id: EXAMPLE_INVOICE_ID }, query: { include: 'xmlUrl' } },
  responses: {
    200: { summary: 'An issued invoice, with presigned links to its XML documents', body: issuedInvoice },
    400: badId,
    ...GATEWAY_ERROR_EXAMPLES,
    404: unknownInvoice,
  },
} as const satisfies RouteExamples;

export const GET_INVOICE_HISTORY_EXAMPLES = {
  request: { path: { id: EXAMPLE_INVOICE_ID }, query: { limit: '10' } },
  responses: {
    200: {
      summary: 'Its statuses and the executions that set them',
      body: {
        invoiceId: EXAMPLE_INVOICE_ID,
        statuses: [
          { status: 'EMITTED', at: '2026-11-23T14:05:12.481Z' },
          { status: 'PROCESSING', at: '2026-11-23T14:05:12.733Z', executionName: EXAMPLE_INVOICE_ID, state: 'MarkProcessing' },
          { status: 'ISSUED', at: '2026-11-23T14:05:13.902Z', executionName: EXAMPLE_INVOICE_ID, state: 'MarkIssued' },
        ],
        executions: [{ executionArn: EXAMPLE_EXECUTION_ARN, name: EXAMPLE_INVOICE_ID, status: 'SUCCEEDED', startDate: '2026-11-23T14:05:12.690Z', stopDate: '2026-11-23T14:05:14.105Z', workflow: 'emission' }],
        actions: [],
      } satisfies InvoiceHistory,
    },
    400: badId,
    ...GATEWAY_ERROR_EXAMPLES,
    404: unknownInvoice,
  },
} as const satisfies RouteExamples;

export const CANCEL_INVOICE_EXAMPLES = {
  request: {
    path: { id: EXAMPLE_INVOICE_ID },
    headers: { 'Idempotency-Key': 'cancel-2026-11-0042' },
    body: { reasonCode: 1, reason: 'Erro na emissão: valor incorreto' } satisfies z.input<typeof CancelInvoiceRequestSchema>,
  },
  responses: {
    202: { summary: 'The cancellation workflow is under way', body: { invoiceId: EXAMPLE_INVOICE_ID, status: 'CANCELLING', executionArn: CANCELLATION_ARN } satisfies CancelInvoiceResponse },
    400: errorExample("A reason code the invoice's municipality does not take (each city lists its codes: GET /municipalities)", {
      message: 'Invalid request: reasonCode must be one of 1, 2, 3, 4, 5 for São Paulo (3550308)',
      code: 'ValidationFailed',
      errors: [{ field: 'reasonCode', message: 'must be one of 1, 2, 3, 4, 5 for São Paulo (3550308)' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: unknownInvoice,
    409: errorExample('Only an ISSUED invoice can be cancelled', { message: `Invoice ${EXAMPLE_INVOICE_ID} is CANCELLED: only an ISSUED invoice can be cancelled`, code: 'InvoiceNotIssued' }),
    ...BODY_ERROR_EXAMPLES,
    422: errorExample("The invoice's municipality has left the registry since it was issued", {
      message: 'Municipality 3550308 is not supported: GET /municipalities lists the supported ones',
      code: 'MunicipalityNotSupported',
      errors: [{ field: 'municipalityCode', message: 'is not a supported municipality (GET /municipalities)' }],
    }),
  },
} as const satisfies RouteExamples;

/** The invoice a substitution example creates. */
const SUBSTITUTE_INVOICE_ID = '01JQ8Z9K2M4N6P8R0S2T4V6W8X';

export const SUBSTITUTE_INVOICE_EXAMPLES = {
  request: {
    path: { id: EXAMPLE_INVOICE_ID },
    headers: { 'Idempotency-Key': 'substitute-2026-11-0042' },
    body: {
      total: '120.00',
      service: { code: '01.07', description: 'Suporte técnico em informática', issRate: '2.00', issWithheld: false },
      tomador: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' },
      competence: '2026-11-23',
      rpsSeries: '1',
      reasonCode: 1,
      reason: 'Valor do serviço corrigido',
    } satisfies z.input<typeof SubstituteInvoiceRequestSchema>,
  },
  responses: {
    202: {
      summary: 'The new invoice is on its way to replace the old one (SubstitutionWorkflow)',
      body: {
        invoiceId: SUBSTITUTE_INVOICE_ID,
        status: 'EMITTED',
        substitutes: EXAMPLE_INVOICE_ID,
        xmlKey: `xml/${SUBSTITUTE_INVOICE_ID}.xml`,
        executionArn: `arn:aws:states:sa-east-1:123456789012:execution:nfse-prod-SubstitutionWorkflow:${SUBSTITUTE_INVOICE_ID}-subst`,
      } satisfies SubstituteInvoiceResponse,
    },
    400: errorExample("A reason code the invoice's municipality does not take (each city lists its codes: GET /municipalities)", {
      message: 'Invalid request: reasonCode must be one of 1, 2, 3, 4, 5 for São Paulo (3550308)',
      code: 'ValidationFailed',
      errors: [{ field: 'reasonCode', message: 'must be one of 1, 2, 3, 4, 5 for São Paulo (3550308)' }],
    }),
    ...GATEWAY_ERROR_EXAMPLES,
    404: unknownInvoice,
    409: errorExample('Only an ISSUED invoice can be substituted', { message: `Invoice ${EXAMPLE_INVOICE_ID} is CANCELLED: only an ISSUED invoice can be substituted`, code: 'InvoiceNotIssued' }),
    ...BODY_ERROR_EXAMPLES,
    422: errorExample("The invoice's municipality does not substitute NFS-e (its registry entry: GET /municipalities/{code})", {
      message: 'Belo Horizonte (3106200) does not substitute NFS-e: cancel the invoice and emit a new one instead (GET /municipalities/3106200 says what the city supports)',
      code: 'SubstitutionNotSupported',
      errors: [{ field: 'municipalityCode', message: 'municipality 3106200 does not substitute NFS-e (GET /municipalities/3106200)' }],
    }),
  },
} as const satisfies RouteExamples;

export const REVENUE_REPORT_EXAMPLES = {
  request: { query: { month: '2026-11', companyCnpj: EXAMPLE_CNPJ } },
  responses: {
    200: {
      summary: "A month's revenue of ISSUED invoices by municipality",
      body: {
        month: '2026-11',
        companyCnpj: EXAMPLE_CNPJ,
        rows: [
          { municipalityCode: '3304557', invoices: 3, revenue: '1200.00' },
          { municipalityCode: '3550308', invoices: 12, revenue: '4850.50' },
        ],
        total: '6050.50',
      } satisfies RevenueReport,
    },
    400: errorExample('The month is not YYYY-MM', { message: 'Invalid request: month must be a month YYYY-MM', code: 'ValidationFailed', errors: [{ field: 'month', message: 'must be a month YYYY-MM' }] }),
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

export const CALLER_EXAMPLES = {
  responses: {
    200: { summary: "A client of one company (a machine client's principal is its client_id)", body: { principal: '5r8kq2n1c4v7b0m3x6z9', role: 'client', cnpjs: [EXAMPLE_CNPJ], allCompanies: false } satisfies CallerView },
    ...GATEWAY_ERROR_EXAMPLES,
  },
} as const satisfies RouteExamples;

/** Shared by the ops examples. */
export const INVOICE_EXAMPLE_IDS = { invoiceId: EXAMPLE_INVOICE_ID, executionArn: EXAMPLE_EXECUTION_ARN, unknownInvoiceId: UNKNOWN_INVOICE_ID } as const;

import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { apiRoutes, API_HANDLERS, type ApiHandlerName } from '../../contracts/apiRoutes';
import type { TenantGrant } from '../../contracts/tenantGrant';
import { handler as apikeys } from '../../tasks/apikeys/handler';
import { handler as cancel } from '../../tasks/cancel/handler';
import { handler as companies } from '../../tasks/companies/handler';
import { handler as emit } from '../../tasks/emit/handler';
import { handler as get } from '../../tasks/get/handler';
import { handler as list } from '../../tasks/list/handler';
import { handler as municipalities } from '../../tasks/municipalities/handler';
import { handler as billing } from '../../tasks/billing/runsHandler';
import { handler as ops } from '../../tasks/ops/handler';
import { handler as ping } from '../../tasks/ping/handler';
import { handler as report } from '../../tasks/report/handler';
import { handler as webhooks } from '../../tasks/webhooks/handler';
import { handler as orders } from '../../tasks/orders/handler';
import { apiEvent, CNPJ } from './fixtures';

type Handler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
const HANDLERS: Record<ApiHandlerName, Handler> = { ping, emit, get, cancel, list, report, ops, companies, municipalities, billing, apikeys, webhooks, orders };
const INVOICE_ID = '01JDQ7Z8X9Y0ABCDEFGHJKMNPQ';
const EXECUTION_ARN = `arn:aws:states:us-east-1:000000000000:execution:nfse-EmissionWorkflow:${INVOICE_ID}`;

/** The event API Gateway hands a handler for a route: its resource, and a path with the parameters filled in. */
function eventFor(method: string, resource: string, extra: Partial<APIGatewayProxyEvent> & { claims?: Record<string, string> } = {}): APIGatewayProxyEvent {
  const pathParameters = resource.includes('{id}') ? { id: INVOICE_ID } : resource.includes('{arn}') ? { arn: EXECUTION_ARN } : resource.includes('{cnpj}') ? { cnpj: CNPJ } : null;
  const path = resource.replace('{id}', INVOICE_ID).replace('{arn}', encodeURIComponent(EXECUTION_ARN)).replace('{cnpj}', CNPJ);
  return apiEvent({ httpMethod: method, resource, path, pathParameters, ...extra });
}

let jti = 0;
/** Claims of a fresh token (the grant cache keys by token), for a principal whose grant the table mock returns. */
function claimsOf(principal: string): Record<string, string> {
  jti += 1;
  return { sub: principal, jti: `token-${jti}`, token_use: 'access' };
}

const body = (result: APIGatewayProxyResult): Record<string, unknown> => JSON.parse(result.body) as Record<string, unknown>;

describe('the API handlers, dispatching on the route table', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  const grants = new Map<string, TenantGrant>();

  beforeAll(() => {
    process.env.TENANTS_TABLE = 'tenants';
    process.env.INVOICES_TABLE = 'invoices';
    // Whose executions are no invoice's: the ops function reads them to decide who may read an execution.
    process.env.BILLING_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:nfse-test-BillingCycleWorkflow';
    process.env.CNPJ_SYNC_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:nfse-test-CnpjSyncWorkflow';
    process.env.ORDER_SAGA_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:nfse-test-OrderSagaWorkflow';
  });

  beforeEach(() => {
    ddb.reset();
    ddb.on(GetCommand, { TableName: 'tenants' }).callsFake((input: { Key: { principal: string } }) => ({ Item: grants.get(input.Key.principal) }));
    ddb.on(GetCommand, { TableName: 'invoices' }).resolves({});
    grants.set('viewer-1', { principal: 'viewer-1', cnpjs: [CNPJ], role: 'viewer', updatedAt: '2026-11-01T00:00:00.000Z' });
    grants.set('client-1', { principal: 'client-1', cnpjs: [CNPJ], role: 'client', updatedAt: '2026-11-01T00:00:00.000Z' });
  });

  it.each([...API_HANDLERS])('%s serves exactly its routes of the table: 404 for every other route and an unknown one', async (name) => {
    const answers = await Promise.all(
      [...apiRoutes().map((route) => ({ method: route.method, resource: route.path, own: route.handler === name, isPublic: route.auth.kind === 'public' })), { method: 'GET', resource: '/nope', own: false, isPublic: false }].map(
        async (route) => ({ route, result: await HANDLERS[name](eventFor(route.method, route.resource)) }),
      ),
    );

    for (const { route, result } of answers) {
      // Without claims a route of its own is refused at the caller (401); ping needs none.
      const expected = !route.own ? { status: 404, code: 'NotFound', message: `No route for ${route.method} ${route.resource.replace('{id}', INVOICE_ID).replace('{arn}', encodeURIComponent(EXECUTION_ARN)).replace('{cnpj}', CNPJ)}` } : route.isPublic ? { status: 200 } : { status: 401, code: 'Unauthorized' };
      expect({ route: `${route.method} ${route.resource}`, status: result.statusCode, ...(expected.status !== 200 ? { code: body(result).code } : {}), ...('message' in expected ? { message: body(result).message } : {}) }).toEqual({ route: `${route.method} ${route.resource}`, ...expected });
    }
  });

  it("refuses a role the route's auth does not name, with 403 naming the action", async () => {
    const result = await emit(eventFor('POST', '/invoices', { claims: claimsOf('viewer-1'), headers: { 'content-type': 'application/json' }, body: '{}' }));

    expect(result.statusCode).toBe(403);
    expect(body(result)).toMatchObject({ code: 'Forbidden', message: "Role 'viewer' may not emit invoices" });
  });

  it('checks the role before the body: a refused caller learns nothing of the contract', async () => {
    const result = await cancel(eventFor('POST', '/invoices/{id}/cancel', { claims: claimsOf('viewer-1'), headers: { 'content-type': 'text/plain' }, body: 'x' }));

    expect(result.statusCode).toBe(403);
    expect(body(result).message).toBe("Role 'viewer' may not cancel invoices");
  });

  it('answers 400 naming a path parameter that breaks its contract', async () => {
    const badId = await get(eventFor('GET', '/invoices/{id}', { claims: claimsOf('client-1'), pathParameters: { id: 'not-a-ulid' } }));
    const badArn = await ops(eventFor('GET', '/executions/{arn}', { claims: claimsOf('viewer-1'), pathParameters: { arn: 'arn:aws:sqs:us-east-1:000000000000:queue' } }));

    expect(badId.statusCode).toBe(400);
    expect(body(badId)).toMatchObject({ code: 'ValidationFailed', errors: [{ field: 'id', message: 'must be a ULID' }] });
    expect(badArn.statusCode).toBe(400);
    expect(body(badArn).errors).toEqual([
      { field: 'arn', message: 'must be an execution ARN (arn:aws:states:{region}:{account}:execution:{stateMachine}:{name}) or the name the list prints ({invoiceId}, {invoiceId}-r{n} or {invoiceId}-cancel-{n})' },
    ]);
  });

  it('takes a percent-encoded execution ARN as the ARN it encodes', async () => {
    const result = await ops(eventFor('GET', '/executions/{arn}', { claims: claimsOf('viewer-1'), pathParameters: { arn: encodeURIComponent(EXECUTION_ARN) } }));

    // The viewer's access check read the invoice named in the ARN (absent here): the same 404 as an unknown execution.
    expect(result.statusCode).toBe(404);
    expect(body(result).message).toBe(`Execution ${EXECUTION_ARN} not found`);
    expect(ddb.commandCalls(GetCommand, { TableName: 'invoices' })[0]?.args[0].input.Key).toEqual({ invoiceId: INVOICE_ID });
  });

  it('answers 400 naming a query parameter the contract does not know', async () => {
    const result = await get(eventFor('GET', '/invoices/{id}', { claims: claimsOf('client-1'), queryStringParameters: { include: 'pdf' } }));

    expect(result.statusCode).toBe(400);
    expect(body(result).errors).toEqual([{ field: 'include', message: 'must be xmlUrl, pdfUrl or both, comma-separated' }]);
  });
});

import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { EmitInvoiceRequest } from '../../contracts/emitInvoiceRequest';
import type { Caller } from '../../tasks/shared/caller';

export const CNPJ = '12ABC34501DE35';
export const OTHER_CNPJ = '11222333000181';

export const clientCaller: Caller = { principal: 'user-1', grant: { principal: 'user-1', cnpjs: [CNPJ], role: 'client', updatedAt: '2026-11-01T00:00:00.000Z' } };
export const viewerCaller: Caller = { principal: 'viewer-1', grant: { principal: 'viewer-1', cnpjs: [CNPJ], role: 'viewer', updatedAt: '2026-11-01T00:00:00.000Z' } };

export const emitRequest: EmitInvoiceRequest = {
  companyCnpj: CNPJ,
  municipalityCode: '3550308',
  total: '100.00',
  service: { code: '01.07', description: 'Suporte técnico', issRate: '2.00', issWithheld: false },
  tomador: { document: '52998224725', name: 'Maria Silva' },
  rpsSeries: '1',
};

/** An API Gateway proxy event as the Cognito authorizer hands it over. */
export function apiEvent(overrides: Partial<APIGatewayProxyEvent> & { claims?: Record<string, string> } = {}): APIGatewayProxyEvent {
  const { claims, ...rest } = overrides;
  return {
    body: null,
    headers: {},
    multiValueHeaders: {},
    httpMethod: 'GET',
    isBase64Encoded: false,
    path: '/',
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    resource: '/',
    requestContext: { requestId: 'req-1', authorizer: claims !== undefined ? { claims } : undefined } as APIGatewayProxyEvent['requestContext'],
    ...rest,
  };
}

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { validate } from '@readme/openapi-parser';
import type { z } from 'zod';
import { apiRoutes } from '../../contracts/apiRoutes';
import { fullScope } from '../../contracts/apiScopes';
import { version } from '../../package.json';
import { buildOpenApiDocument } from '../../openapi/buildOpenApiDocument';
import { documentText, OPENAPI_FILES } from '../../openapi/openapiFiles';
import { documentValidator, type DocumentSchema } from './documentValidator';

const ROOT = path.resolve(__dirname, '../..');
const document = buildOpenApiDocument({ version });

type Operation = {
  operationId: string;
  tags: string[];
  parameters?: Array<{ name: string; in: string; required: boolean; schema: DocumentSchema; example?: unknown }>;
  requestBody?: { content: { 'application/json': { schema: DocumentSchema; example?: unknown } } };
  responses: Record<string, { headers?: Record<string, { schema: DocumentSchema; example?: unknown }>; content: { 'application/json': { schema: DocumentSchema; example: unknown } } }>;
  security: Array<Record<string, string[]>>;
};
const paths = document.paths as Record<string, Record<string, Operation>>;


describe('openapi.json', () => {
  it('is what `npm run openapi` writes from the route table today', () => {
    expect(fs.readFileSync(path.join(ROOT, OPENAPI_FILES.document), 'utf8')).toBe(documentText(document));
  });

  it('has the TypeScript client generated from it, up to date', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'openapi/export.ts', '--check'], { cwd: ROOT });

    expect(stdout).toBe(`up to date: ${OPENAPI_FILES.document}, ${OPENAPI_FILES.clientSchema}\n`);
  }, 60_000);

  it('is valid OpenAPI 3.1', async () => {
    const result = await validate(structuredClone(document) as unknown as Parameters<typeof validate>[0]);

    expect(result).toMatchObject({ valid: true });
    expect(document.openapi).toBe('3.1.0');
  });

  it('has one operation per route, named by its id, tagged, with the route table’s scopes (any one) and the API key', () => {
    const operations = Object.entries(paths).flatMap(([pathName, methods]) => Object.entries(methods).map(([method, operation]) => ({ pathName, method, operation })));

    expect(operations.map(({ operation }) => operation.operationId).sort()).toEqual(apiRoutes().map((route) => route.id).sort());
    for (const route of apiRoutes()) {
      const operation = paths[route.path]?.[route.method.toLowerCase()];
      const security = route.auth.kind === 'public' ? [] : route.auth.scopes.map((scope) => ({ cognito: [fullScope(scope)], apiKey: [] }));
      expect({ id: route.id, tags: operation?.tags, security: operation?.security, statuses: Object.keys(operation?.responses ?? {}) }).toEqual({
        id: route.id,
        tags: [route.tag],
        security,
        statuses: Object.keys(route.responses),
      });
    }
  });

  it('documents Idempotency-Key on emit and cancel, If-Match and ETag on the company writes, and the pages of every list', () => {
    const headerParameters = (pathName: string, method: string): string[] => (paths[pathName]?.[method]?.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    const queryParameters = (pathName: string): string[] => (paths[pathName]?.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);

    expect(headerParameters('/invoices', 'post')).toEqual(['Idempotency-Key']);
    expect(headerParameters('/invoices/{id}/cancel', 'post')).toEqual(['Idempotency-Key']);
    expect(headerParameters('/companies/{cnpj}', 'put')).toEqual(['If-Match']);
    expect(headerParameters('/companies/{cnpj}', 'patch')).toEqual(['If-Match']);
    expect(Object.keys(paths['/companies/{cnpj}']?.get?.responses['200']?.headers ?? {})).toEqual(['ETag']);
    expect(Object.keys(paths['/companies/{cnpj}']?.put?.responses['201']?.headers ?? {})).toEqual(['ETag', 'Location']);
    for (const list of ['/invoices', '/companies', '/executions', '/invoices/{id}/history']) expect(queryParameters(list)).toEqual(expect.arrayContaining(['limit', 'nextToken']));
    expect(paths['/invoices']?.get?.parameters?.find((p) => p.name === 'nextToken')).toMatchObject({ required: false, description: expect.stringContaining('nextToken') });
  });

  it('gives every error answer the error body, with its field messages', () => {
    for (const route of apiRoutes()) {
      for (const [status, answer] of Object.entries(paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {})) {
        if (Number(status) >= 400) expect({ route: route.id, status, schema: answer.content['application/json'].schema }).toEqual({ route: route.id, status, schema: { $ref: '#/components/schemas/ErrorBody' } });
      }
    }
    expect((document.components as { schemas: Record<string, { required: string[]; properties: Record<string, unknown> }> }).schemas.ErrorBody).toMatchObject({
      required: ['message'],
      properties: { errors: { type: 'array', items: { required: ['field', 'message'] } } },
    });
  });

  it('has examples that pass their contracts (zod) and the schemas the document gives them', () => {
    const check = documentValidator(document);
    const failures: string[] = [];
    /** Checks a value with the contract and with the document's schema, where each is given. */
    const expectValid = (where: string, zodSchema: z.ZodType | undefined, jsonSchema: DocumentSchema | undefined, value: unknown): void => {
      const parsed = zodSchema?.safeParse(value);
      if (parsed !== undefined && !parsed.success) failures.push(`${where} (zod): ${parsed.error.message}`);
      if (jsonSchema !== undefined) failures.push(...check(jsonSchema, value).map((error) => `${where} (document): ${error}`));
    };
    for (const route of apiRoutes()) {
      const operation = paths[route.path]?.[route.method.toLowerCase()];
      const { request } = route.examples;
      if (route.request.body !== undefined) {
        expect({ route: route.id, body: request?.body !== undefined }).toEqual({ route: route.id, body: true });
        expectValid(`${route.id} request body`, route.request.body.schema, operation?.requestBody?.content['application/json'].schema ?? {}, request?.body);
      }
      for (const [where, schema, values] of [['path', route.request.path, request?.path], ['query', route.request.query, request?.query], ['header', route.request.headers, request?.headers]] as const) {
        if (schema !== undefined) expectValid(`${route.id} ${where} parameters`, schema, undefined, values ?? {});
        for (const parameter of operation?.parameters?.filter((p) => p.in === where && p.example !== undefined) ?? []) expectValid(`${route.id} ${where} ${parameter.name}`, undefined, parameter.schema, parameter.example);
      }
      for (const [status, schema] of Object.entries(route.responses)) {
        const answer = operation?.responses[status];
        expectValid(`${route.id} ${status}`, schema, answer?.content['application/json'].schema ?? {}, answer?.content['application/json'].example);
        for (const [name, header] of Object.entries(answer?.headers ?? {})) {
          expect({ route: route.id, status, header: name, example: header.example !== undefined }).toEqual({ route: route.id, status, header: name, example: true });
          expectValid(`${route.id} ${status} ${name}`, undefined, header.schema, header.example);
        }
      }
    }

    expect(failures).toEqual([]);
  });
});

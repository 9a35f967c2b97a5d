import type { z } from 'zod';
import { API_TAGS, apiRoutes } from '../contracts/apiRoutes';
import { API_SCOPES, fullScope } from '../contracts/apiScopes';
import { responseComponentNames } from './componentNames';
import { jsonSchemaOf, type JsonSchema } from './jsonSchemaOf';
import { operationOf, SECURITY_SCHEMES, type ComponentRefs } from './operationOf';

/** Options of {@link buildOpenApiDocument}. */
export interface OpenApiDocumentOptions {
  /** `info.version`. @default the repository's package.json version */
  readonly version?: string;
  /**
   * The Cognito Hosted UI of the stage the OAuth flows point at (`https://{prefix}.auth.{region}.amazoncognito.com`).
   * @default the CDK app's defaults for stage `prod`: `https://nfse-flow-prod.auth.sa-east-1.amazoncognito.com`
   */
  readonly hostedUi?: string;
}

/** What each scope lets a client do (`nfse/{scope}` in an access token). */
const SCOPE_TEXT: Readonly<Record<string, string>> = {
  [fullScope(API_SCOPES.read)]: 'Read invoices, reports, executions and companies',
  [fullScope(API_SCOPES.write)]: 'Emit and cancel invoices (and read)',
  [fullScope(API_SCOPES.admin)]: "Manage a tenant's companies and their certificates (console users only)",
  [fullScope(API_SCOPES.ops)]: 'Platform operations: redrive, stop, reprocess (console users only)',
};

const DESCRIPTION = `Emit, read and cancel Brazilian service invoices (NFS-e) through nfse-flow.

Every call but \`GET /ping\` needs an **access token** from the stage's Cognito user pool
(\`Authorization: Bearer …\`) carrying one of the operation's scopes, and the **API key**
(\`x-api-key\`). Machine clients use the client-credentials flow (scopes \`nfse/invoices.read\`
and \`nfse/invoices.write\`); people sign in through the Hosted UI (authorization code with PKCE).
What a caller may do beyond the scopes comes from its grant (role and CNPJs), never from the token.

Errors share one body, \`{message, code, errors: [{field, message}], requestId}\`: a 400 names each
bad field. Lists page with \`limit\` and \`nextToken\`: pass the \`nextToken\` of an answer to get the
next page, with the same filters; a token altered or taken from another listing is a 400.
\`POST /invoices\` and \`POST /invoices/{id}/cancel\` take an optional \`Idempotency-Key\` (24 h):
the same key and body get the same answer, another body a 409. Company writes take
\`If-Match\` with the \`ETag\` of the version they change (412 when it moved on).`;

/**
 * The REST API as an OpenAPI 3.1 document, from the route table (`contracts/apiRoutes.ts`) and
 * its zod contracts: every route with its parameters, body, answers (errors too), examples and
 * security. `npm run openapi` writes it to `openapi.json`.
 * https://spec.openapis.org/oas/v3.1.0
 */
export function buildOpenApiDocument(options: OpenApiDocumentOptions = {}): Record<string, unknown> {
  const hostedUi = options.hostedUi ?? 'https://nfse-flow-prod.auth.sa-east-1.amazoncognito.com';
  const schemas = new Map<string, { readonly contract: z.ZodType; readonly json: JsonSchema }>();
  const names = responseComponentNames();
  /** Registers a component once and points at it; one name never stands for two contracts. */
  const register = (name: string, contract: z.ZodType, io: 'input' | 'output'): { readonly $ref: string } => {
    const known = schemas.get(name);
    if (known !== undefined && known.contract !== contract) throw new Error(`two contracts would be the component ${name}`);
    if (known === undefined) schemas.set(name, { contract, json: jsonSchemaOf(contract, io) });
    return { $ref: `#/components/schemas/${name}` };
  };
  const refs: ComponentRefs = {
    responseRef: (schema) => {
      const name = names.get(schema);
      if (name === undefined) throw new Error('an answer contract of the route table is not exported from a contract module componentNames.ts reads');
      return register(name, schema, 'output');
    },
    requestRef: (name, schema) => register(name, schema, 'input'),
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes()) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route.id, route, refs) };
  }
  const used = new Set(apiRoutes().map((route) => route.tag));
  return {
    openapi: '3.1.0',
    info: {
      title: 'nfse-flow API',
      version: options.version ?? '0.1.0',
      description: DESCRIPTION,
    },
    servers: [
      { url: 'http://127.0.0.1:3000', description: 'The local stack (`npm start`)' },
      // The stage's CloudFront distribution: its execute-api host refuses what did not come through it.
      {
        url: 'https://{host}',
        description: "A deployed stage: the Api stack's ApiUrl output (the API's CloudFront distribution, or its apiDomainName)",
        variables: { host: { default: 'd111111abcdef8.cloudfront.net' } },
      },
    ],
    tags: Object.entries(API_TAGS)
      .filter(([name]) => used.has(name as keyof typeof API_TAGS))
      .map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: Object.fromEntries([...schemas.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, { json }]) => [name, json])),
      securitySchemes: {
        [SECURITY_SCHEMES.cognito]: {
          type: 'oauth2',
          description: `The stage's Cognito user pool. Its Hosted UI is \`https://{authDomainPrefix}.auth.{region}.amazoncognito.com\` (the Api stack's HostedUiDomain and TokenEndpoint outputs); the URLs below are a \`prod\` stage's in sa-east-1 with the CDK app's default prefix.`,
          flows: {
            clientCredentials: { tokenUrl: `${hostedUi}/oauth2/token`, scopes: pick([fullScope(API_SCOPES.read), fullScope(API_SCOPES.write)]) },
            authorizationCode: { authorizationUrl: `${hostedUi}/oauth2/authorize`, tokenUrl: `${hostedUi}/oauth2/token`, scopes: SCOPE_TEXT },
          },
        },
        [SECURITY_SCHEMES.apiKey]: { type: 'apiKey', in: 'header', name: 'x-api-key', description: "The API key of the caller's usage plan (identification and quotas; who the caller is comes from the token)" },
      },
    },
  };
}

function pick(scopes: readonly string[]): Record<string, string> {
  return Object.fromEntries(scopes.map((scope) => [scope, SCOPE_TEXT[scope] ?? scope]));
}

import SwaggerUI from 'swagger-ui-dist/swagger-ui-es-bundle.js';
import 'swagger-ui-dist/swagger-ui.css';
import type { ConsoleConfig } from '../../../contracts/consoleConfig';
import './apiReference.css';

/** The document with this console's API first among its servers, so "Try it out" calls it. */
function withOwnServer(document: Record<string, unknown>, config: ConsoleConfig | undefined): Record<string, unknown> {
  if (config === undefined) return document;
  const servers = Array.isArray(document.servers) ? (document.servers as Array<{ url?: unknown }>) : [];
  return { ...document, servers: [{ url: config.apiUrl, description: `This console's API (${config.stage})` }, ...servers.filter((server) => server.url !== config.apiUrl)] };
}

/**
 * `/docs`: the API reference, Swagger UI over `/openapi.json` — bundled here (no CDN), and rendering
 * under the console's CSP: its styles are a stylesheet of ours, and it needs no inline script or
 * eval. swagger-ui-dist's bundle carries its own React 18, apart from the console's React 19.
 */
export async function mountApiReference(root: HTMLElement): Promise<void> {
  document.title = 'nfse-flow API reference';
  root.className = 'api-reference';
  const [documentAnswer, configAnswer] = await Promise.all([fetch('/openapi.json', { cache: 'no-cache' }), fetch('/config.json', { cache: 'no-store' })]);
  if (!documentAnswer.ok) {
    root.textContent = `The API reference cannot load /openapi.json (${documentAnswer.status}).`;
    return;
  }
  const config = configAnswer.ok ? ((await configAnswer.json()) as ConsoleConfig) : undefined;
  SwaggerUI({
    domNode: root,
    spec: withOwnServer((await documentAnswer.json()) as Record<string, unknown>, config),
    deepLinking: true,
    validatorUrl: null,
    displayOperationId: true,
    defaultModelsExpandDepth: 0,
    docExpansion: 'list',
  });
}

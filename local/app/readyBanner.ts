import { DEMO_CNPJ, DEMO_INVOICE, NACIONAL_DEMO_CNPJ, NACIONAL_DEMO_INVOICE } from './demoInvoice';

/** What the banner tells about the running stack. */
export interface BannerFacts {
  readonly seconds: number;
  readonly dataDir: string | undefined;
  readonly timeScale: number;
  readonly edge: string;
  readonly services: readonly string[];
  readonly api: string;
  readonly console: string;
  /** The mock city's base URL (`…/nfse`, each city at `/{IBGE code}` under it). */
  readonly mockUrl: string;
  readonly validation: boolean;
  /** The usage platform's and the ERP's mocks (billing). */
  readonly billingMocks: { readonly usageUrl: string; readonly omieUrl: string };
  /** The mock's HTTPS listener (mutual TLS), its cities at `/{IBGE code}` under it, and the local CA its clients need. */
  readonly mockTls?: { readonly url: string; readonly caFile: string };
  /** The national system's mock (Sefin Nacional), on that same listener. */
  readonly nacionalUrl?: string;
  readonly adapters: number;
  readonly apiKey: string;
  readonly token: string;
}

/**
 * What `npm start` prints once the stack is ready: where everything is, the lines to paste (a dev
 * token, the API key, the AWS settings for SDKs and both AWS CLI versions), and where to go next.
 */
export function readyBanner(facts: BannerFacts): string {
  const mockRoot = facts.mockUrl.replace(/\/nfse$/, '');
  return [
    `nfse-flow local stack ready in ${facts.seconds.toFixed(1)} s — data ${facts.dataDir !== undefined ? `in ${facts.dataDir}` : 'in memory'}${facts.timeScale !== 1 ? `, time scale ${facts.timeScale}` : ''}`,
    `  AWS edge       ${facts.edge}   (${facts.services.join(', ')}; health: ${facts.edge}/health)`,
    `  REST API       ${facts.api}`,
    `  console        ${facts.console}/   (sign in as a tenant's viewer, admin or ops)`,
    `  mock city      ${facts.mockUrl}/{IBGE code}   (one system per city; XSD validation ${facts.validation ? 'on' : 'OFF: set NFSE_SCHEMAS_DIR to the ABRASF 2.04 XSDs'}; signatures checked)`,
    ...(facts.mockTls === undefined ? [] : [`                 ${facts.mockTls.url}/3106200   (Belo Horizonte: mutual TLS, client certificates from the local CA ${facts.mockTls.caFile})`]),
    ...(facts.nacionalUrl === undefined ? [] : [`  national mock  ${facts.nacionalUrl}   (Sefin Nacional, on the same HTTPS port and CA)`]),
    `  billing mocks  ${facts.billingMocks.usageUrl}/v1/...  ${facts.billingMocks.omieUrl}/api/v1/...   (usage platform, ERP; knobs and stats: /_mock/usage|omie/config|stats)`,
    `  adapters       ${facts.adapters} ECS task(s), cluster nfse, service adapters`,
    '',
    `A dev token (client of CNPJs ${DEMO_CNPJ} and ${NACIONAL_DEMO_CNPJ}, 12 h) and the CLI's own API key (the console has another; a tenant's admin gives each client application its own: nfse api-keys create):`,
    `  export NFSE_API_URL=${facts.api} NFSE_API_KEY=${facts.apiKey} NFSE_MOCK_URL=${mockRoot}`,
    `  export NFSE_TOKEN=${facts.token}`,
    '',
    'Emit an invoice in São Paulo (ABRASF 2.04, the mock city; the RPS signed with the dev company\'s certificate):',
    `  curl -s -X POST "$NFSE_API_URL/invoices" -H "authorization: Bearer $NFSE_TOKEN" -H "x-api-key: $NFSE_API_KEY" \\`,
    `       -H 'content-type: application/json' -d '${JSON.stringify(DEMO_INVOICE)}'`,
    'and one in Porto Alegre (NFS-e Nacional: a signed DPS over mutual TLS, the national mock):',
    `  curl -s -X POST "$NFSE_API_URL/invoices" -H "authorization: Bearer $NFSE_TOKEN" -H "x-api-key: $NFSE_API_KEY" \\`,
    `       -H 'content-type: application/json' -d '${JSON.stringify(NACIONAL_DEMO_INVOICE)}'`,
    "then follow it: npm run nfse -- get <invoiceId> --wait    (an adapter's first call to a city takes ~2 s: it builds that city's SOAP client from its WSDL)",
    `Other tokens: eval "$(npm run -s nfse -- token --cnpj <CNPJ> --role ops)"    (each one a principal of its own, kept across restarts)`,
    'Make it fail: npm run nfse -- mock fail rejection | mock fail transient5xx --count 2 | mock outage 5m    (README: "Try the failure paths")',
    '',
    // AWS_DEFAULT_REGION: AWS CLI v1 reads only that one. NFSE_ADAPTER_AUTOSCALING=off: the local cloud has no Application Auto Scaling.
    `AWS SDK / CLI: export AWS_ENDPOINT_URL=${facts.edge} AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test NFSE_ADAPTER_AUTOSCALING=off`,
    // StartSyncExecution goes to the operation's host prefix (sync-127.0.0.1), which does not resolve.
    '  (StartSyncExecution: create the SFN client with disableHostPrefix: true, or the SDK sends it to sync-<host>)',
    'Adapters (ECS tasks): npm run nfse -- adapters status | adapters scale <n>',
    'Ctrl-C stops everything.',
  ].join('\n');
}

import type { ConsoleConfig, DevTenant } from '../../contracts/consoleConfig';
import { DEMO_CNPJ } from '../app/demoInvoice';

/** The tenants the local dev sign-in offers: the demo company, another one, and one with both. */
export const DEV_TENANTS: readonly DevTenant[] = [
  { name: 'Demo Serviços Ltda', cnpjs: [DEMO_CNPJ] },
  { name: 'Outra Empresa SA', cnpjs: ['11444777000161'] },
  { name: 'Grupo Alfanumérico', cnpjs: ['12ABC34501DE35', DEMO_CNPJ] },
];

/** `/config.json` of the local console: the local API, the console's own API key (as in AWS) and the dev sign-in. */
export function localConsoleConfig(apiEndpoint: string, tenants: readonly DevTenant[] = DEV_TENANTS, apiKey?: string): ConsoleConfig {
  return { stage: 'local', apiUrl: apiEndpoint, ...(apiKey !== undefined ? { apiKey } : {}), auth: { kind: 'local', tokenUrl: `${apiEndpoint}/local/token`, tenants: [...tenants] } };
}

import path from 'node:path';
import type { Logger } from 'pino';
import { API_ROUTES } from '../apigateway/apiRoutes';
import { devAuthExtension } from '../apigateway/devAuthExtension';
import { LocalGrants } from '../apigateway/LocalGrants';
import { LocalApiGateway } from '../apigateway/LocalApiGateway';
import { LocalJwtIssuer } from '../apigateway/LocalJwtIssuer';
import { ControlPlaneApiKeys } from '../apigateway/ControlPlaneApiKeys';
import { HostAllowList } from '../guard/HostAllowList';
import { apiGuard } from './apiGuard';

/** The local issuer every process of the app shares: tokens one signs, the others verify. */
export const LOCAL_ISSUER = 'http://127.0.0.1/local-issuer';

/** Options of {@link startApi}: plain data, so they can cross into the API's own process. */
export interface ApiSettings {
  /** 0 picks a free port. */
  readonly port: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /**
   * The local cloud's edge: the dev token endpoint writes grants there, and the gateway enforces
   * the API keys and usage plans of its API Gateway control plane.
   */
  readonly endpoint: string;
  /** Where the JWT signing key lives (shared with the app's other processes). */
  readonly authDir: string;
  /** The CLI's API key, which the dev token endpoint answers with its token. */
  readonly apiKey: string;
  readonly tenantsTable: string;
  readonly consoleOrigin: string;
  /** The clock the gateway throttles by; in-process only (tests drive the buckets). @default Date.now */
  readonly throttleClock?: () => number;
}

/** The local issuer for the signing key in `authDir`. */
export function loadLocalIssuer(authDir: string): Promise<LocalJwtIssuer> {
  return LocalJwtIssuer.create(LOCAL_ISSUER, path.join(authDir, 'jwt-signing-key.json'));
}

/**
 * Starts the REST API: the gateway (JWT, the API keys and usage plans of the cloud's API Gateway, CORS) with the `tasks/` handlers
 * in its process, reading their wiring from process.env as Lambda functions do. Requests for
 * another Host or from another Origin than the console's are refused before the gateway routes.
 */
export async function startApi(settings: ApiSettings, logger: Logger): Promise<LocalApiGateway> {
  const issuer = await loadLocalIssuer(settings.authDir);
  const policy = { hosts: new HostAllowList({ listenHost: settings.host }), origins: [settings.consoleOrigin], serverName: 'The local REST API' };
  return LocalApiGateway.start({
    port: settings.port,
    host: settings.host,
    routes: API_ROUTES,
    issuer,
    apiKeys: new ControlPlaneApiKeys({ endpoint: settings.endpoint, logger }),
    ...(settings.throttleClock !== undefined ? { now: settings.throttleClock } : {}),
    corsOrigins: [settings.consoleOrigin],
    logger,
    extension: apiGuard(policy, devAuthExtension({ issuer, tenantsTable: settings.tenantsTable, apiKey: settings.apiKey, endpoint: settings.endpoint, grants: LocalGrants.in(settings.authDir) })),
  });
}

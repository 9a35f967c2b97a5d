import { apiRoutes, authorizationScopesOf, type ApiHandlerName } from '../../contracts/apiRoutes';
import { handler as apikeys } from '../../tasks/apikeys/handler';
import { handler as cancel } from '../../tasks/cancel/handler';
import { handler as companies } from '../../tasks/companies/handler';
import { handler as emit } from '../../tasks/emit/handler';
import { handler as get } from '../../tasks/get/handler';
import { handler as list } from '../../tasks/list/handler';
import { handler as municipalities } from '../../tasks/municipalities/handler';
import { handler as ops } from '../../tasks/ops/handler';
import { handler as orders } from '../../tasks/orders/handler';
import { handler as billing } from '../../tasks/billing/runsHandler';
import { handler as ping } from '../../tasks/ping/handler';
import { handler as report } from '../../tasks/report/handler';
import { handler as webhooks } from '../../tasks/webhooks/handler';
import type { ApiRoute, ProxyHandler } from './ApiRoute';

/** The handlers of `tasks/` the route table names, in-process. */
export const API_HANDLER_FUNCTIONS = { ping, emit, get, cancel, list, report, ops, companies, municipalities, billing, apikeys, webhooks, orders } as const satisfies Record<ApiHandlerName, ProxyHandler>;

/** The REST API's routes, from the route table (contracts/apiRoutes.ts), as the CDK app defines them on API Gateway. */
export const API_ROUTES: readonly ApiRoute[] = apiRoutes().map((route) => ({
  method: route.method,
  resource: route.path,
  functionName: route.handler,
  handler: API_HANDLER_FUNCTIONS[route.handler],
  auth: route.auth.kind === 'public' ? 'public' : { scopes: authorizationScopesOf(route.auth) },
}));

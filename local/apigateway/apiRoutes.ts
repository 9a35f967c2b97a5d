import { handler as cancel } from '../../tasks/cancel/handler';
import { handler as emit } from '../../tasks/emit/handler';
import { handler as get } from '../../tasks/get/handler';
import { handler as list } from '../../tasks/list/handler';
import { handler as ops } from '../../tasks/ops/handler';
import { handler as ping } from '../../tasks/ping/handler';
import { handler as report } from '../../tasks/report/handler';
import type { ApiRoute } from './ApiRoute';

/** The REST API's routes, as the CDK app defines them on API Gateway. */
export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', resource: '/ping', functionName: 'ping', handler: ping, secured: false },
  { method: 'POST', resource: '/invoices', functionName: 'emit', handler: emit },
  { method: 'GET', resource: '/invoices', functionName: 'list', handler: list },
  { method: 'GET', resource: '/me', functionName: 'list', handler: list },
  { method: 'GET', resource: '/invoices/{id}', functionName: 'get', handler: get },
  { method: 'POST', resource: '/invoices/{id}/cancel', functionName: 'cancel', handler: cancel },
  { method: 'GET', resource: '/reports/revenue', functionName: 'report', handler: report },
  { method: 'GET', resource: '/invoices/{id}/history', functionName: 'get', handler: get },
  { method: 'GET', resource: '/executions', functionName: 'ops', handler: ops },
  { method: 'GET', resource: '/executions/{arn}', functionName: 'ops', handler: ops },
  { method: 'POST', resource: '/ops/executions/{arn}/redrive', functionName: 'ops', handler: ops },
  { method: 'POST', resource: '/ops/executions/{arn}/stop', functionName: 'ops', handler: ops },
  { method: 'POST', resource: '/ops/invoices/{id}/reprocess', functionName: 'ops', handler: ops },
  { method: 'GET', resource: '/ops/failures', functionName: 'ops', handler: ops },
  { method: 'POST', resource: '/ops/failures/reprocess', functionName: 'ops', handler: ops },
];

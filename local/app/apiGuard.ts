import type { ErrorBody } from '../../contracts/apiResponses';
import type { LocalExtension } from '../apigateway/LocalApiGateway';
import { checkRequest, type RequestPolicy } from '../guard/checkRequest';

/** The dev token endpoint: it mints any role, ops included, so no web page may call it. */
const TOKEN_PATH = '/local/token';

/**
 * The REST API's Host and Origin check, run for every request before the gateway routes it: an
 * extension that answers only refusals, ahead of the gateway's own (`inner`). The gateway keeps
 * its CORS for the console's origin; the token endpoint takes no browser origin and only JSON, so
 * neither a page's fetch nor its form can mint a token (the console signs in through its own server).
 */
export function apiGuard(policy: RequestPolicy, inner?: LocalExtension): LocalExtension {
  const tokenPolicy: RequestPolicy = { ...policy, origins: [], serverName: 'The dev token endpoint' };
  return async (req, url, body) => {
    const isToken = url.pathname === TOKEN_PATH;
    const refusal = checkRequest(req.headers, req.socket.localPort ?? 0, isToken ? tokenPolicy : policy);
    if (refusal !== undefined) return { status: 403, body: { message: refusal.message, code: 'Forbidden' } satisfies ErrorBody };
    const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (isToken && req.method === 'POST' && type !== 'application/json') {
      return { status: 415, body: { message: `POST ${TOKEN_PATH} takes a JSON body (Content-Type application/json); got ${type === undefined ? 'none' : `'${type}'`}`, code: 'UnsupportedMediaType' } satisfies ErrorBody };
    }
    return inner?.(req, url, body);
  };
}

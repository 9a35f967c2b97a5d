import type { EdgeRequest, EdgeResponse, ServiceName } from './EdgeRequest';
import type { LocalService } from './LocalService';

/** Hop-by-hop headers, and those fetch computes itself. */
const NOT_FORWARDED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/**
 * A service another local cloud's edge answers: requests go there verbatim (signature, target and
 * body as sent). Lets a private cloud borrow one service of another, e.g. a test's own cloud using
 * the shared test cloud's Data API, since PGlite can start only once per process and never inside
 * jest's module sandbox.
 */
export function forwardingService(name: ServiceName, edge: string): LocalService {
  let state: 'running' | 'stopped' = 'running';
  return {
    name,
    async handle(request: EdgeRequest): Promise<EdgeResponse> {
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value === undefined || NOT_FORWARDED.has(key)) continue;
        headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const response = await fetch(new URL(request.rawUrl, edge), { method: request.method, headers, ...(hasBody ? { body: new Uint8Array(request.body) } : {}) });
      const answered: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        if (!NOT_FORWARDED.has(key) && key !== 'content-encoding') answered[key] = value;
      });
      return { status: response.status, headers: answered, body: Buffer.from(await response.arrayBuffer()) };
    },
    health: () => ({ state, detail: `answered by ${edge}` }),
    stop: async () => {
      state = 'stopped';
    },
  };
}

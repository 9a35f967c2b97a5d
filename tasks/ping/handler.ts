import { routeHandler } from '../shared/routeHandler';

/** `GET /ping`: the API is up (no AWS call). */
export const handler = routeHandler('ping', {
  ping: async () => ({ statusCode: 200, body: { status: 'ok', time: new Date().toISOString() } }),
});

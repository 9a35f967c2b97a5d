import { jsonResponse } from '../shared/apiResponse';
import { apiHandler } from '../shared/apiHandler';

/** `GET /ping`: the API is up (no AWS call). */
export const handler = apiHandler(async (event) => jsonResponse(event, 200, { status: 'ok', time: new Date().toISOString() }));

/** What the SDK's Node handler throws on abort. */
export function abortError(): Error {
  const error = new Error('Request aborted');
  error.name = 'AbortError';
  return error;
}

/** What a stopped edge's port answers: nothing. */
export function connectionRefused(endpoint: string): Error {
  return Object.assign(new Error(`connect ECONNREFUSED ${new URL(endpoint).host}`), { code: 'ECONNREFUSED' });
}

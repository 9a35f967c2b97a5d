type Env = Readonly<Record<string, string | undefined>>;

/** The local cloud's account settings: any key signs there. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;
export const LOCAL_REGION = 'us-east-1';

function isLoopback(url: string | undefined): boolean {
  if (url === undefined || url === '') return true;
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * The local cloud's AWS edge, when this command talks to the local stack and the environment
 * names no AWS of its own: no `AWS_ENDPOINT_URL`, no credentials or profile, and the API
 * (`NFSE_API_URL`, default the local one) on this machine. `npm start` listens on 4566, or on
 * `LOCAL_EDGE_PORT` as it does itself. Undefined when the environment points elsewhere.
 */
export function localEdgeEndpoint(env: Env = process.env): string | undefined {
  if ((env.AWS_ENDPOINT_URL ?? '') !== '') return undefined;
  if ((env.AWS_ACCESS_KEY_ID ?? '') !== '' || (env.AWS_PROFILE ?? '') !== '') return undefined;
  if (!isLoopback(env.NFSE_API_URL)) return undefined;
  return `http://127.0.0.1:${env.LOCAL_EDGE_PORT ?? '4566'}`;
}

/** The edge to send the local cloud's own admin calls to: `AWS_ENDPOINT_URL`, or the local default. */
export function edgeEndpoint(env: Env = process.env): string {
  return (env.AWS_ENDPOINT_URL ?? '') !== '' ? (env.AWS_ENDPOINT_URL as string) : `http://127.0.0.1:${env.LOCAL_EDGE_PORT ?? '4566'}`;
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import { RUNTIME_INVOCATION_PATH } from './remoteFunction';

/** A handler as this process holds it. */
export type RuntimeHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Lambda runtimes for handlers of this process, one per function under `/{name}`, each speaking
 * the Runtime Interface Emulator's interface: a local cloud in another process invokes them once
 * they are created as Image functions with `Code.ImageUri` = {@link url}. An unhandled error is
 * answered as the Node.js runtime reports it (`X-Amz-Function-Error: Unhandled`, `{errorType,
 * errorMessage}`).
 */
export class LambdaRuntimeServer {
  private constructor(
    private readonly server: http.Server,
    private readonly base: string,
  ) {}

  /** Serves `handlers` (by function name) on a free port of `host`. */
  public static async start(handlers: Readonly<Record<string, RuntimeHandler>>, host = '127.0.0.1'): Promise<LambdaRuntimeServer> {
    const server = http.createServer((req, res) => {
      const [, name, ...rest] = (req.url ?? '/').split('/');
      const handler = handlers[name ?? ''];
      if (req.method !== 'POST' || `/${rest.join('/')}` !== RUNTIME_INVOCATION_PATH || handler === undefined) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errorType: 'ResourceNotFound', errorMessage: `no function at ${req.url ?? ''}` }));
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const requestId = String(req.headers['lambda-runtime-aws-request-id'] ?? '');
        Promise.resolve()
          .then(() => handler(text === '' ? {} : (JSON.parse(text) as unknown), contextOf(name ?? '', requestId)))
          .then(
            (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result ?? null)),
            (error: unknown) => res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' }).end(JSON.stringify(errorPayload(error))),
          );
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new LambdaRuntimeServer(server, `http://${host}:${port}`);
  }

  /** The image URI of a function this server runs. */
  public url(name: string): string {
    return `${this.base}/${name}`;
  }

  public stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** `{errorType, errorMessage}` from whatever was thrown, read as properties (an error of another realm is not `instanceof Error` here). */
function errorPayload(error: unknown): { readonly errorType: string; readonly errorMessage: string } {
  if (typeof error === 'object' && error !== null) {
    const name: unknown = Reflect.get(error, 'name');
    const message: unknown = Reflect.get(error, 'message');
    return { errorType: typeof name === 'string' ? name : 'Error', errorMessage: typeof message === 'string' ? message : String(error) };
  }
  return { errorType: typeof error, errorMessage: String(error) };
}

function contextOf(functionName: string, awsRequestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

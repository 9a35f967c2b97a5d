import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import { functionArn, parseFunctionReference } from './functionArns';
import { registerInProcessRuntime, unregisterInProcessRuntime, type InProcessRuntime, type RuntimeAnswer } from './inProcessRuntimes';
import { INVOKED_FUNCTION_ARN_HEADER, RUNTIME_INVOCATION_PATH } from './remoteFunction';

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
    private readonly runtime: InProcessRuntime,
  ) {}

  /** Serves `handlers` (by function name) on a free port of `host`. */
  public static async start(handlers: Readonly<Record<string, RuntimeHandler>>, host = '127.0.0.1'): Promise<LambdaRuntimeServer> {
    const runtime: InProcessRuntime = { answer: (name, requestId, text, invokedFunctionArn) => answerInvocation(handlers, name, requestId, text, invokedFunctionArn) };
    const server = http.createServer((req, res) => {
      const [, name, ...rest] = (req.url ?? '/').split('/');
      const routed = req.method === 'POST' && `/${rest.join('/')}` === RUNTIME_INVOCATION_PATH && Object.hasOwn(handlers, name ?? '');
      if (!routed) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errorType: 'ResourceNotFound', errorMessage: `no function at ${req.url ?? ''}` }));
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const requestId = String(req.headers['lambda-runtime-aws-request-id'] ?? '');
        const invokedArn = req.headers[INVOKED_FUNCTION_ARN_HEADER];
        void runtime.answer(name ?? '', requestId, Buffer.concat(chunks).toString('utf8'), typeof invokedArn === 'string' ? invokedArn : undefined)?.then((answer) => {
          res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.functionError !== undefined ? { 'x-amz-function-error': answer.functionError } : {}) }).end(answer.body);
        });
      });
    });
    // Longer than its callers keep an idle socket (remoteFunction's agent: 30 s), so they close it first.
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const base = `http://${host}:${port}`;
    // Functions of a cloud in this process reach the handlers without the port (see remoteFunction).
    registerInProcessRuntime(base, runtime);
    return new LambdaRuntimeServer(server, base, runtime);
  }

  /** The image URI of a function this server runs. */
  public url(name: string): string {
    return `${this.base}/${name}`;
  }

  public stop(): Promise<void> {
    unregisterInProcessRuntime(this.base, this.runtime);
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** Runs one invocation as the runtime's HTTP interface answers it: the result, or the error as an unhandled function error. */
function answerInvocation(handlers: Readonly<Record<string, RuntimeHandler>>, name: string, requestId: string, text: string, invokedFunctionArn?: string): Promise<RuntimeAnswer> | undefined {
  if (!Object.hasOwn(handlers, name)) return undefined;
  const handler = handlers[name] as RuntimeHandler;
  return Promise.resolve()
    .then(() => handler(text === '' ? {} : (JSON.parse(text) as unknown), contextOf(invokedFunctionArn ?? functionArn('us-east-1', '000000000000', name), requestId)))
    .then(
      (result): RuntimeAnswer => ({ status: 200, body: JSON.stringify(result ?? null) }),
      (error: unknown): RuntimeAnswer => ({ status: 200, functionError: 'Unhandled', body: JSON.stringify(errorPayload(error)) }),
    );
}

/** `{errorType, errorMessage, trace}` from whatever was thrown, read as properties (an error of another realm is not `instanceof Error` here). */
function errorPayload(error: unknown): { readonly errorType: string; readonly errorMessage: string; readonly trace: readonly string[] } {
  if (typeof error === 'object' && error !== null) {
    const name: unknown = Reflect.get(error, 'name');
    const message: unknown = Reflect.get(error, 'message');
    const stack: unknown = Reflect.get(error, 'stack');
    return { errorType: typeof name === 'string' ? name : 'Error', errorMessage: typeof message === 'string' ? message : String(error), trace: typeof stack === 'string' ? stack.split('\n') : [] };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** The context of one invocation of the function `invokedFunctionArn` names (the last segment but a qualifier). */
function contextOf(invokedFunctionArn: string, awsRequestId: string): Context {
  const functionName = parseFunctionReference(invokedFunctionArn)?.name ?? invokedFunctionArn;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn,
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

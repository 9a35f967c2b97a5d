import { FakeClock } from '../../../lib/clock/FakeClock';
import { invokeFunction, runtimeErrorPayload } from '../../../local/lambda/invokeFunction';
import type { LambdaContext, LambdaHandler } from '../../../local/lambda/LambdaContext';
import type { RegisteredFunction } from '../../../local/lambda/RegisteredFunction';

function registered(handler: LambdaHandler, timeoutSeconds = 3): RegisteredFunction {
  return {
    name: 'ping',
    arn: 'arn:aws:lambda:us-east-1:000000000000:function:ping',
    handler,
    timeoutSeconds,
    memoryMb: 256,
    environment: {},
    description: '',
    maximumRetryAttempts: 2,
    lastModified: 0,
  };
}

class ValidationError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

describe('invokeFunction', () => {
  it('returns the JSON of the handler result', async () => {
    const clock = new FakeClock();

    const result = await invokeFunction(registered(async (event) => ({ echoed: event })), { a: 1 }, clock);

    expect(result.payload).toBe('{"echoed":{"a":1}}');
    expect(result.functionError).toBeUndefined();
  });

  it('returns null for a handler that returns nothing', async () => {
    const result = await invokeFunction(registered(async () => undefined), {}, new FakeClock());

    expect(result.payload).toBe('null');
  });

  it('gives the handler a Lambda context', async () => {
    let seen: LambdaContext | undefined;
    const handler: LambdaHandler = async (_event, context) => {
      seen = context;
      return null;
    };

    const result = await invokeFunction(registered(handler), {}, new FakeClock(), 'arn:aws:lambda:us-east-1:000000000000:function:ping:$LATEST');

    expect(seen).toMatchObject({
      functionName: 'ping',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:ping:$LATEST',
      memoryLimitInMB: '256',
      awsRequestId: result.requestId,
      logGroupName: '/aws/lambda/ping',
    });
    expect(seen?.logStreamName).toMatch(/^2026\/01\/01\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it('counts the remaining time down on the clock', async () => {
    const clock = new FakeClock();
    const remaining: number[] = [];
    const handler: LambdaHandler = async (_event, context) => {
      remaining.push(context.getRemainingTimeInMillis());
      await clock.sleep(1200);
      remaining.push(context.getRemainingTimeInMillis());
      return 'done';
    };

    const running = invokeFunction(registered(handler, 3), {}, clock);
    await clock.advance(1200);
    const result = await running;

    expect(remaining).toEqual([3000, 1800]);
    expect(result.payload).toBe('"done"');
  });

  it('answers an Unhandled error with the runtime error shape', async () => {
    const result = await invokeFunction(registered(async () => { throw new ValidationError('cnpj is invalid'); }), {}, new FakeClock());
    const payload = JSON.parse(result.payload) as { errorType: string; errorMessage: string; trace: string[] };

    expect(result.functionError).toBe('Unhandled');
    expect(payload.errorType).toBe('ValidationError');
    expect(payload.errorMessage).toBe('cnpj is invalid');
    expect(payload.trace[0]).toBe('ValidationError: cnpj is invalid');
    expect(result.logLines[1]).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"ValidationError"/);
  });

  it('catches a handler that throws synchronously', async () => {
    const handler = ((): Promise<unknown> => { throw new TypeError('bad'); }) as LambdaHandler;

    const result = await invokeFunction(registered(handler), {}, new FakeClock());

    expect(result.functionError).toBe('Unhandled');
    expect(JSON.parse(result.payload)).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad' });
  });

  it('times out after the function timeout as Lambda does', async () => {
    const clock = new FakeClock();
    const running = invokeFunction(registered(() => new Promise(() => undefined), 2), {}, clock);

    await clock.advance(2000);
    const result = await running;

    expect(result.functionError).toBe('Unhandled');
    expect(JSON.parse(result.payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${result.requestId} Error: Task timed out after 2.00 seconds`,
    });
    expect(result.logLines).toContain(`2026-01-01T00:00:02.000Z ${result.requestId} Task timed out after 2.00 seconds`);
  });

  it('ends the invocation through the legacy context.succeed and context.fail', async () => {
    const succeeded = await invokeFunction(registered((_event, context) => {
      context.succeed({ legacy: true });
      return new Promise(() => undefined);
    }), {}, new FakeClock());
    const failed = await invokeFunction(registered((_event, context) => {
      context.fail(new RangeError('legacy failure'));
      return new Promise(() => undefined);
    }), {}, new FakeClock());

    expect(succeeded.payload).toBe('{"legacy":true}');
    expect(JSON.parse(failed.payload)).toMatchObject({ errorType: 'RangeError', errorMessage: 'legacy failure' });
  });

  it('writes START, END and REPORT log lines', async () => {
    const result = await invokeFunction(registered(async () => 1), {}, new FakeClock());

    expect(result.logLines[0]).toBe(`START RequestId: ${result.requestId} Version: $LATEST`);
    expect(result.logLines[1]).toBe(`END RequestId: ${result.requestId}`);
    expect(result.logLines[2]).toMatch(new RegExp(`^REPORT RequestId: ${result.requestId}\\tDuration: 0.00 ms\\tBilled Duration: 1 ms\\tMemory Size: 256 MB`));
  });
});

describe('runtimeErrorPayload', () => {
  it('names a thrown non-error by its type', () => {
    expect(runtimeErrorPayload('boom')).toEqual({ errorType: 'string', errorMessage: 'boom', trace: [] });
  });
});

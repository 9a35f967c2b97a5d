import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** What an AWS SDK v3 client sends its signed requests through (its `requestHandler` option, the same type for every client). */
export type AwsRequestHandler = NonNullable<DynamoDBClientConfig['requestHandler']>;

let factory: (() => AwsRequestHandler) | undefined;

/**
 * Sets how this process's AWS clients (`tasks/shared/clients`) reach their endpoint, for the
 * clients built after the call: each gets a handler of its own from `make`. Unset, as in Lambda and
 * in the API's and adapter's containers, they use the SDK's own Node handler. The local cloud sets
 * it for the functions it runs in its own process, whose requests then go to its edge without a
 * socket; everything above the transport (serialisation, SigV4, retries, error mapping) is the SDK's.
 */
export function setProcessRequestHandler(make: (() => AwsRequestHandler) | undefined): void {
  factory = make;
}

/** The `requestHandler` option for a client built now: none (the SDK's default) unless one is set. */
export function processRequestHandler(): { readonly requestHandler?: AwsRequestHandler } {
  return factory === undefined ? {} : { requestHandler: factory() };
}

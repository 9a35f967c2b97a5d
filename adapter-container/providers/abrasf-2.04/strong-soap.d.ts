/** The part of strong-soap 5.0.10 (untyped CommonJS) that this provider uses. */
declare module 'strong-soap' {
  import type { EventEmitter } from 'node:events';

  export type SoapCallback = (error: unknown, result?: unknown, body?: unknown) => void;
  export type SoapOperation = (args: Record<string, unknown>, callback: SoapCallback, options?: Record<string, unknown>, extraHeaders?: Record<string, string>) => void;

  export interface WsdlOptions {
    readonly [key: string]: unknown;
  }

  export class WSDL {
    constructor(definition: string, uri: string, options?: WsdlOptions);
    load(callback: (error: unknown, wsdl: WSDL) => void): void;
  }

  export class Client extends EventEmitter {
    constructor(wsdl: WSDL, endpoint: string | undefined, options?: Record<string, unknown>);
    setEndpoint(endpoint: string): void;
    readonly [operation: string]: unknown;
  }

  export class HttpClient {
    constructor(options: Record<string, unknown>);
    /** The `request` function calls go through (`@cypress/request` unless `options.request`). */
    readonly _request: unknown;
  }

  export const soap: {
    readonly Client: typeof Client;
    readonly HttpClient: typeof HttpClient;
    readonly WSDL: typeof WSDL;
  };
}

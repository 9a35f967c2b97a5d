import type { LocalContext } from '../edge/LocalContext';
import { LambdaService } from './LambdaService';

export { isLambdaService, LambdaService } from './LambdaService';
export type { LambdaContext, LambdaHandler } from './LambdaContext';
export type { RegisterFunctionOptions, RegisteredFunction } from './RegisteredFunction';
export type { InvocationResult } from './invokeFunction';

/** Starts the local Lambda service (in-process handlers, registered with `register`). */
export async function createLambdaService(context: LocalContext): Promise<LambdaService> {
  const service = new LambdaService(context);
  await service.eventSourceMappings.load();
  return service;
}

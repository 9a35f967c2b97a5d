import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { IssueProviderRequest, ProviderRequest } from '../../contracts/providerRequest';
import { raceAbort } from '../../lib/concurrency/raceAbort';
import { DeadLetteredProviderError } from '../providers/errors';
import type { CallCredentials, Provider, ProviderOutcome } from '../providers/Provider';

/** What one provider call needs besides the request. */
export interface ProviderCall {
  readonly provider: Provider;
  readonly s3: S3Client;
  readonly bucket: string;
  /** SQS ApproximateReceiveCount: above 1, an earlier delivery of this very message may have reached the city. */
  readonly receiveCount: number;
  readonly signal: AbortSignal;
  /**
   * The RPS XML of an emit or a consult ({@link readRpsXml}): sent, and what an NFS-e the city
   * returns must answer. Absent for a cancellation.
   */
  readonly rpsXml: string | undefined;
  /** The company's certificate and connection, where the city requires them. @default none */
  readonly credentials?: CallCredentials;
}

/** Whether an emit may have reached the city before: a retry of the state, or a redelivery of the message. */
export function mayHaveReachedCity(request: IssueProviderRequest, receiveCount: number): boolean {
  return request.attempt > 0 || receiveCount > 1;
}

/**
 * Runs the request against the city. An emit (or a substitution, which issues the new RPS) that may have reached the city before (a retry of
 * the state, `attempt > 0`, or a redelivery of the message) consults by RPS first and returns the
 * existing NFS-e instead of sending it again: exactly once at the city.
 */
export async function callProvider(request: ProviderRequest, call: ProviderCall): Promise<ProviderOutcome> {
  const { provider, signal, credentials } = call;
  switch (request.kind) {
    case 'emit':
    case 'substitute':
      return emit(request, rpsXmlOf(request, call), call);
    case 'consult':
      return provider.consult(request, rpsXmlOf(request, call), signal, credentials);
    case 'cancel':
      return provider.cancel(request, signal, credentials);
    default:
      return assertNever(request);
  }
}

function rpsXmlOf(request: ProviderRequest, call: ProviderCall): string {
  if (call.rpsXml === undefined) throw new Error(`a ${request.kind} request needs its RPS XML`);
  return call.rpsXml;
}

async function emit(request: IssueProviderRequest, rpsXml: string, call: ProviderCall): Promise<ProviderOutcome> {
  const { provider, signal, credentials } = call;
  if (mayHaveReachedCity(request, call.receiveCount)) {
    const existing = await provider.consultByRps(request, rpsXml, signal, credentials);
    if (existing !== undefined) return existing;
  }
  return provider.emit(request, rpsXml, signal, credentials);
}

/** The RPS built at emission; it carries the tomador data, so it never travels through the workflow. */
export async function readRpsXml(key: string, call: Pick<ProviderCall, 's3' | 'bucket' | 'signal'>): Promise<string> {
  try {
    // No per-call options: they would drop the client's cached middleware (cacheMiddleware) on
    // every message. The abort is honoured by not waiting for the read; a read that finishes
    // after it is left to drain (an RPS is a few KB).
    return await raceAbort(async () => {
      const object = await call.s3.send(new GetObjectCommand({ Bucket: call.bucket, Key: key }));
      if (object.Body === undefined) throw new Error(`s3://${call.bucket}/${key} has no body`);
      return object.Body.transformToString('utf-8');
    }, call.signal);
  } catch (error) {
    // A missing RPS will not appear on redelivery: fail the task rather than loop to the DLQ.
    if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) {
      throw new DeadLetteredProviderError('RpsXmlNotFound', `the RPS XML is not at s3://${call.bucket}/${key}`, { cause: error });
    }
    throw error;
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected request kind ${JSON.stringify(value)}`);
}

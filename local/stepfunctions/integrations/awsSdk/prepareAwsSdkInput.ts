import { payloadBytes } from '../lambdaPayload';
import { jsonText } from '../optimized/optimizedParameters';
import { isRecord } from '../sendCommand';
import type { AwsSdkServiceKey } from './awsSdkServices';

type Preparer = (parameters: Record<string, unknown>) => Record<string, unknown>;

/**
 * Fields whose API type is a String (or a Blob) but that workflows write as JSON: Step Functions
 * serialises a JSON value given for a String member into its JSON text.
 */
const PREPARERS: Partial<Record<AwsSdkServiceKey, Readonly<Record<string, Preparer>>>> = {
  sfn: {
    startExecution: (p) => withText(p, 'Input'),
    startSyncExecution: (p) => withText(p, 'Input'),
    sendTaskSuccess: (p) => withText(p, 'Output'),
  },
  sqs: {
    sendMessage: (p) => withText(p, 'MessageBody'),
    sendMessageBatch: (p) => mapEntries(p, (entry) => withText(entry, 'MessageBody')),
  },
  eventbridge: {
    putEvents: (p) => mapEntries(p, (entry) => withText(entry, 'Detail')),
  },
  lambda: {
    invoke: (p) => (p.Payload === undefined ? p : { ...p, Payload: payloadBytes(p.Payload) }),
  },
  s3: {
    putObject: (p) => withText(p, 'Body'),
  },
};

/** The parameters of an aws-sdk task with JSON values turned into the strings/bytes the API takes. */
export function prepareAwsSdkInput(service: AwsSdkServiceKey, action: string, parameters: Record<string, unknown>): Record<string, unknown> {
  const prepare = PREPARERS[service]?.[action];
  return prepare === undefined ? parameters : prepare(parameters);
}

function withText(record: Record<string, unknown>, key: string): Record<string, unknown> {
  return record[key] === undefined ? record : { ...record, [key]: jsonText(record[key]) };
}

function mapEntries(record: Record<string, unknown>, map: (entry: Record<string, unknown>) => Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(record.Entries)) return record;
  return { ...record, Entries: record.Entries.map((entry: unknown) => (isRecord(entry) ? map(entry) : entry)) };
}
